package org.hyakuyobako.detect.role;

import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.Consumer;
import org.hyakuyobako.decode.IpAddresses;
import org.hyakuyobako.decode.IpProtocol;
import org.hyakuyobako.detect.LruMap;
import org.hyakuyobako.event.Event;
import org.hyakuyobako.event.RoleEvent;
import org.hyakuyobako.flow.EndReason;
import org.hyakuyobako.flow.Flow;
import org.hyakuyobako.net.HomeNet;
import org.hyakuyobako.pipeline.FlowObserver;

/**
 * Learns which monitored hosts serve the others (D9, issue 27): a host that at least
 * {@link #MIN_CLIENTS} other monitored hosts use as their mail relay, resolver, web proxy, time
 * server, backup target or update server has that role (a proxy also reaches at least
 * {@link #PROXY_MIN_DESTINATIONS} outside web servers itself; a backup target answers), and its normal behaviour (a relay's
 * outbound mail, a resolver's many look-ups, a proxy's thousands of destinations) is its job, not
 * evidence (the correlation drops those methods for it, {@code role.*} in correlation.properties).
 *
 * <p>Only monitored clients count: every honeypot receives SMTP, DNS and proxy probes from the
 * Internet, and a bot's open proxy is used from outside; neither is a role. Clients must be
 * answered with payload (a probe that got nothing used no service). Emitted as a {@code role}
 * event when the role is first shown, on packet time. Bounded: {@link #MAX_SERVERS} hosts
 * followed, the least recently used forgotten (counted).
 */
public final class HostRoleLearner implements FlowObserver {
    static final int MIN_CLIENTS = 3;
    static final int MAX_SERVERS = 50_000;
    /** A backup client sends at least this much in one connection. */
    static final long BACKUP_BYTES = 1L << 20;
    static final Set<Integer> SMTP = Set.of(25, 465, 587);
    /** Ports web proxies listen on; 8000/8081/8888 are left out: too many device and development web UIs use them. */
    static final Set<Integer> PROXY = Set.of(3128, 3129, 8080, 8118);
    /** A proxy reaches this many outside web servers itself, as its clients' requests make it do. */
    static final int PROXY_MIN_DESTINATIONS = 10;
    static final Set<Integer> UPDATE = Set.of(8530, 8531);

    private final HomeNet homeNet;
    private final Consumer<Event> emit;
    private final LruMap<String, Server> servers = new LruMap<>(MAX_SERVERS);
    private final LruMap<String, Set<String>> webDestinations = new LruMap<>(MAX_SERVERS);
    private long roles;

    /** What one monitored server has been used for, by whom. */
    private static final class Server {
        final Map<String, Set<String>> clients = new LinkedHashMap<>();
        final Set<String> learned = new HashSet<>();
    }

    public HostRoleLearner(HomeNet homeNet, Consumer<Event> emit) {
        this.homeNet = homeNet;
        this.emit = emit;
    }

    @Override
    public void flowEnded(Flow f, EndReason reason) {
        countWebDestination(f);
        if (!homeNet.contains(f.respHi(), f.respLo()) || !homeNet.contains(f.origHi(), f.origLo())
                || f.respPayloadBytes() == 0 && f.respPackets() == 0) {
            return;
        }
        String role = role(f);
        if (role == null) {
            return;
        }
        String server = IpAddresses.format(f.respHi(), f.respLo());
        String client = IpAddresses.format(f.origHi(), f.origLo());
        if (server.equals(client)) {
            return;
        }
        Server s = servers.get(server);
        if (s == null) {
            s = new Server();
            servers.put(server, s);
        }
        if (s.learned.contains(role)) {
            return;
        }
        Set<String> seen = s.clients.computeIfAbsent(role, k -> new HashSet<>());
        seen.add(client);
        if (role.equals("proxy") && webDestinations.getOrDefault(server, Set.of()).size() < PROXY_MIN_DESTINATIONS) {
            return; // clients on a proxy port, but the host does not fetch the web for them (a device's web UI)
        }
        if (seen.size() >= MIN_CLIENTS) {
            s.learned.add(role);
            s.clients.remove(role);
            roles++;
            emit.accept(new RoleEvent(f.lastNanos(), server, role, seen.size(), seen.size() + " monitored hosts use it as their "
                    + words(role) + " (" + (f.protocol() == IpProtocol.UDP ? "udp" : "tcp") + "/" + f.respPort() + ")"));
        }
    }

    /** Outside web servers (80/443) each monitored host connected to, up to what the proxy rule needs. */
    private void countWebDestination(Flow f) {
        if (f.protocol() != IpProtocol.TCP || f.respPort() != 80 && f.respPort() != 443 || !homeNet.contains(f.origHi(), f.origLo())
                || homeNet.contains(f.respHi(), f.respLo())) {
            return;
        }
        Set<String> d = webDestinations.computeIfAbsent(IpAddresses.format(f.origHi(), f.origLo()), k -> new HashSet<>());
        if (d.size() < PROXY_MIN_DESTINATIONS) {
            d.add(IpAddresses.format(f.respHi(), f.respLo()));
        }
    }

    /** The service a monitored client used, or null. */
    private static String role(Flow f) {
        int port = f.respPort();
        boolean tcp = f.protocol() == IpProtocol.TCP;
        boolean udp = f.protocol() == IpProtocol.UDP;
        if (tcp && SMTP.contains(port) && f.origPayloadBytes() > 0 && f.respPayloadBytes() > 0) {
            return "mail-server";
        }
        if ((udp || tcp) && port == 53 && f.respPayloadBytes() > 0) {
            return "resolver";
        }
        if (udp && port == 123 && f.respPayloadBytes() > 0) {
            return "ntp-server";
        }
        if (tcp && PROXY.contains(port) && f.origPayloadBytes() > 0 && f.respPayloadBytes() > 0) {
            return "proxy";
        }
        if (tcp && UPDATE.contains(port) && f.respPayloadBytes() > 0) {
            return "update-server";
        }
        if (tcp && f.origPayloadBytes() >= BACKUP_BYTES && f.respPayloadBytes() > 0) {
            return "backup-server";
        }
        return null;
    }

    private static String words(String role) {
        return switch (role) {
            case "mail-server" -> "mail server";
            case "ntp-server" -> "time server";
            case "backup-server" -> "backup target";
            case "update-server" -> "update server";
            default -> role;
        };
    }

    @Override
    public Map<String, Long> counters() {
        return Map.of("role.learned", roles, "role.servers_forgotten", servers.evicted());
    }

    /** The roles a run's events name, host by host (for the summary and tests). */
    public static Map<String, List<String>> of(List<RoleEvent> events) {
        Map<String, List<String>> out = new LinkedHashMap<>();
        for (RoleEvent e : events) {
            out.computeIfAbsent(e.host(), k -> new java.util.ArrayList<>()).add(e.role());
        }
        return out;
    }
}
