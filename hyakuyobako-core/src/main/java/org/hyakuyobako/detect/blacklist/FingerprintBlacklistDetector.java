package org.hyakuyobako.detect.blacklist;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Consumer;
import org.hyakuyobako.decode.IpAddresses;
import org.hyakuyobako.event.Endpoints;
import org.hyakuyobako.event.Event;
import org.hyakuyobako.event.EvidenceEvent;
import org.hyakuyobako.event.TlsEvent;
import org.hyakuyobako.net.HomeNet;
import org.hyakuyobako.pipeline.EventObserver;

/**
 * Block-listed TLS client fingerprints (D2): a monitored host whose ClientHello has a JA3 or JA4 on
 * a list (abuse.ch SSLBL's JA3 list, or the user's own) gets {@code blacklist} evidence naming the
 * list, the fingerprint, the list's reason and the server (the peer). One evidence per host, server
 * and listing at the end of the run, counting the connections.
 *
 * <p>A fingerprint names a TLS library and its settings, not a program, and lists of them have
 * matched benign software before (SSLBL says so itself), so the evidence is weaker than an address
 * match: {@link #WEIGHT} of the list's confidence.
 */
public final class FingerprintBlacklistDetector implements EventObserver {
    static final double WEIGHT = 0.6;
    static final int MAX_FINDINGS = 100_000;

    private final FingerprintTable fingerprints;
    private final HomeNet homeNet;
    private final Consumer<Event> emit;
    private final Map<String, Finding> findings = new LinkedHashMap<>();
    private long matches;
    private long dropped;

    private static final class Finding {
        final String host;
        final String server;
        final String kind;
        final String fingerprint;
        final ListEntry entry;
        final long first;
        long last;
        long connections;
        final List<String> references = new ArrayList<>();

        Finding(String host, String server, String kind, String fingerprint, ListEntry entry, long first) {
            this.host = host;
            this.server = server;
            this.kind = kind;
            this.fingerprint = fingerprint;
            this.entry = entry;
            this.first = first;
            this.last = first;
        }
    }

    public FingerprintBlacklistDetector(FingerprintTable fingerprints, HomeNet homeNet, Consumer<Event> emit) {
        this.fingerprints = fingerprints;
        this.homeNet = homeNet;
        this.emit = emit;
    }

    @Override
    public void accept(Event event) {
        if (!(event instanceof TlsEvent t) || t.ja3Hash() == null || !monitored(t.conn().srcIp())) {
            return;
        }
        match(t, "JA3", t.ja3Hash());
        match(t, "JA4", t.ja4());
    }

    private void match(TlsEvent t, String kind, String fingerprint) {
        ListEntry e = fingerprints.lookup(fingerprint);
        if (e == null) {
            return;
        }
        matches++;
        String server = Endpoints.format(t.conn().destIp(), t.conn().destPort());
        String key = t.conn().srcIp() + "|" + server + "|" + fingerprint + "|" + e.list();
        Finding f = findings.get(key);
        if (f == null) {
            if (findings.size() >= MAX_FINDINGS) {
                dropped++;
                return;
            }
            f = new Finding(t.conn().srcIp(), server, kind, fingerprint, e, t.timestampNanos());
            findings.put(key, f);
        }
        f.connections++;
        f.last = Math.max(f.last, t.timestampNanos());
        if (f.references.size() < BlacklistDetector.REFERENCES) {
            f.references.add("flow:" + t.conn().flowId());
        }
    }

    private boolean monitored(String ip) {
        try {
            long[] a = IpAddresses.parse(ip);
            return homeNet.contains(a[0], a[1]);
        } catch (IllegalArgumentException e) {
            return false;
        }
    }

    @Override
    public void finish() {
        for (Finding f : findings.values()) {
            ListEntry e = f.entry;
            String summary = String.format("TLS client fingerprint %s %s to %s, listed in %s (%s, line %d) in %d connection(s)",
                    f.kind, f.fingerprint, f.server, e.list(), e.category(), e.line(), f.connections);
            emit.accept(new EvidenceEvent(f.first, f.last, f.host, f.server, "blacklist", WEIGHT * e.confidence(), summary,
                    List.copyOf(f.references)));
        }
    }

    @Override
    public Map<String, Long> counters() {
        Map<String, Long> c = new LinkedHashMap<>();
        c.put("blacklist.fingerprint_matches", matches);
        c.put("blacklist.fingerprint_findings", (long) findings.size());
        c.put("blacklist.fingerprint_findings_dropped", dropped);
        return c;
    }
}
