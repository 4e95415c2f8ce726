package org.hyakuyobako.detect.proxy;

import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.Consumer;
import org.hyakuyobako.decode.IpAddresses;
import org.hyakuyobako.event.Endpoints;
import org.hyakuyobako.event.Event;
import org.hyakuyobako.event.EvidenceEvent;
import org.hyakuyobako.event.HttpEvent;
import org.hyakuyobako.net.HomeNet;
import org.hyakuyobako.pipeline.EventObserver;

/**
 * Proxy abuse (D6, seed 000: {@code CONNECT smtp…:25 HTTP/1.0}) from {@code http} events: a CONNECT
 * to a mail port. A monitored host that serves it is an open proxy relaying spam; a monitored host
 * that sends it relays its own mail through someone's open proxy, as spam bots do. Evidence (method
 * {@code proxy}): 0.8 when the proxy accepted (2xx), 0.6 when it refused. Once per pair and target.
 */
public final class ProxyAbuseDetector implements EventObserver {
    static final Set<Integer> MAIL_PORTS = Set.of(25, 465, 587, 2525);

    private final HomeNet homeNet;
    private final Consumer<Event> emit;
    private final Set<String> reported = new HashSet<>();

    public ProxyAbuseDetector(HomeNet homeNet, Consumer<Event> emit) {
        this.homeNet = homeNet;
        this.emit = emit;
    }

    @Override
    public void accept(Event event) {
        if (!(event instanceof HttpEvent h) || !"CONNECT".equals(h.method()) || h.url() == null) {
            return;
        }
        String target = h.url().strip().split(" ", 2)[0];
        int port = Endpoints.port(target);
        if (!MAIL_PORTS.contains(port) || reported.size() > 100_000
                || !reported.add(h.conn().srcIp() + " " + h.conn().destIp() + " " + target)) {
            return;
        }
        boolean accepted = h.status() / 100 == 2;
        double score = accepted ? 0.8 : 0.6;
        String outcome = accepted ? "accepted (" + h.status() + ")" : h.status() == 0 ? "no answer seen" : "refused (" + h.status() + ")";
        String proxy = Endpoints.format(h.conn().destIp(), h.conn().destPort());
        List<String> refs = List.of("flow:" + h.conn().flowId());
        if (monitored(h.conn().destIp())) {
            emit.accept(new EvidenceEvent(h.timestampNanos(), h.timestampNanos(), h.conn().destIp(), h.conn().srcIp(), "proxy", score,
                    "is used as an open proxy to send mail: " + h.conn().srcIp() + " asked it to CONNECT to " + target + ", "
                            + outcome, refs));
        }
        if (monitored(h.conn().srcIp())) {
            emit.accept(new EvidenceEvent(h.timestampNanos(), h.timestampNanos(), h.conn().srcIp(), proxy, "proxy", score,
                    "sends mail through the proxy " + proxy + ": CONNECT " + target + ", " + outcome, refs));
        }
    }

    private boolean monitored(String ip) {
        long[] a = IpAddresses.parse(ip);
        return homeNet.contains(a[0], a[1]);
    }

    @Override
    public Map<String, Long> counters() {
        return Map.of("proxy.connects_to_mail_ports", (long) reported.size());
    }
}
