package org.hyakuyobako.detect.sync;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * For each monitored host, when each external node last sent it something inside a connection
 * the host itself opened: the only packets that can be commands to a bot (a pushed IRC or TLS
 * message, or the answer to an HTTP poll). Packets of connections opened from outside (scanners
 * sweeping honeypots, exploits) are never recorded: seed 002's direction pattern, command in on
 * the bot's own channel, reaction out.
 *
 * <p>Bounded: at most {@code maxHosts} hosts, {@code externalsPerHost} external nodes each and
 * {@code timesPerExternal} arrival times each; the least recently active are dropped first.
 */
final class CommandHistory {
    /** One external node's recent arrivals at one host. */
    static final class Source {
        final long hi;
        final long lo;
        int port;
        String proto = "unknown";
        final long[] times;
        int count;
        int next;
        /** The latest connection known whole (from a log or flow record) that the host held open to the node, or -1. */
        long openFrom = -1;
        long openUntil = -1;

        Source(long hi, long lo, int port, int capacity) {
            this.hi = hi;
            this.lo = lo;
            this.port = port;
            this.times = new long[capacity];
        }

        void arrived(long t) {
            times[next] = t;
            next = (next + 1) % times.length;
            count = Math.min(count + 1, times.length);
        }

        /**
         * The latest arrival strictly before {@code t}, or -1. A connection known only from a record
         * and open at {@code t} may have brought a command at any moment: it counts as an arrival
         * just before {@code t} (the record says nothing finer).
         */
        long latestBefore(long t) {
            long best = openFrom >= 0 && openFrom < t && t <= openUntil ? t - 1 : -1;
            for (int i = 0; i < count; i++) {
                long v = times[i];
                if (v < t && v > best) {
                    best = v;
                }
            }
            return best;
        }
    }

    /** A possible command before a reaction: who, on which port, how long before. */
    record Candidate(long hi, long lo, int port, String proto, long delayNanos) {
    }

    /** Sources are keyed by node; the port is the node's port of the latest packet. */
    private record SourceKey(long hi, long lo) {
    }

    /** Distinct monitored hosts per external node (capped), for exclusivity. */
    private final Map<ExternalHost, java.util.Set<ExternalHost>> contactedBy = new java.util.HashMap<>();
    static final int MAX_CONTACTS_COUNTED = 10_000;
    static final int MAX_EXTERNALS_COUNTED = 1_000_000;

    private final int externalsPerHost;
    private final int timesPerExternal;
    private final Map<ExternalHost, Map<SourceKey, Source>> hosts;
    long hostsDropped;

    private record ExternalHost(long hi, long lo) {
    }

    CommandHistory(int maxHosts, int externalsPerHost, int timesPerExternal) {
        this.externalsPerHost = externalsPerHost;
        this.timesPerExternal = timesPerExternal;
        this.hosts = new LinkedHashMap<>(1024, 0.75f, true) {
            @Override
            protected boolean removeEldestEntry(Map.Entry<ExternalHost, Map<SourceKey, Source>> eldest) {
                if (size() > maxHosts) {
                    hostsDropped++;
                    return true;
                }
                return false;
            }
        };
    }

    void record(long hostHi, long hostLo, long extHi, long extLo, int extPort, String proto, long now) {
        source(hostHi, hostLo, extHi, extLo, extPort, proto).arrived(now);
    }

    /**
     * A connection the host opened to the node and that was answered, known whole from a firewall
     * log or flow record (no payload, so no arrival times): its answers may have come at any
     * moment while it was open, and the last at its end (a poll's answer).
     */
    void recordConnection(long hostHi, long hostLo, long extHi, long extLo, int extPort, String proto, long start, long end) {
        Source s = source(hostHi, hostLo, extHi, extLo, extPort, proto);
        if (end > s.openUntil) {
            s.openFrom = start;
            s.openUntil = end;
        }
        s.arrived(end);
    }

    private Source source(long hostHi, long hostLo, long extHi, long extLo, int extPort, String proto) {
        Map<SourceKey, Source> sources = hosts.computeIfAbsent(new ExternalHost(hostHi, hostLo),
                k -> new LinkedHashMap<>(16, 0.75f, true) {
                    @Override
                    protected boolean removeEldestEntry(Map.Entry<SourceKey, Source> eldest) {
                        return size() > externalsPerHost;
                    }
                });
        SourceKey key = new SourceKey(extHi, extLo);
        Source s = sources.get(key);
        if (s == null) {
            s = new Source(extHi, extLo, extPort, timesPerExternal);
            sources.put(key, s);
            countContact(hostHi, hostLo, extHi, extLo);
        }
        s.port = extPort;
        if (proto != null) {
            s.proto = proto;
        }
        return s;
    }

    /** Called once per new (host, node, port): the per-packet path does not touch this map. */
    private void countContact(long hostHi, long hostLo, long extHi, long extLo) {
        ExternalHost ext = new ExternalHost(extHi, extLo);
        java.util.Set<ExternalHost> who = contactedBy.get(ext);
        if (who == null && contactedBy.size() < MAX_EXTERNALS_COUNTED) {
            who = new java.util.HashSet<>(4);
            contactedBy.put(ext, who);
        }
        if (who != null && who.size() < MAX_CONTACTS_COUNTED) {
            who.add(new ExternalHost(hostHi, hostLo));
        }
    }

    /** How many monitored hosts this node sent payload to (0 when not counted). */
    int contacts(long extHi, long extLo) {
        java.util.Set<ExternalHost> who = contactedBy.get(new ExternalHost(extHi, extLo));
        return who == null ? 0 : who.size();
    }

    /** Whether the node sent the host something in the {@code window} before {@code t} (an answer follows it). */
    boolean arrivedWithin(long hostHi, long hostLo, long extHi, long extLo, long t, long window) {
        Map<SourceKey, Source> sources = hosts.get(new ExternalHost(hostHi, hostLo));
        if (sources == null) {
            return false;
        }
        Source s = sources.get(new SourceKey(extHi, extLo));
        if (s == null) {
            return false;
        }
        long at = s.latestBefore(t + 1);
        return at >= 0 && t - at <= window;
    }

    /** Every external node that sent the host something within {@code lookback} before {@code t}. */
    List<Candidate> candidatesBefore(long hostHi, long hostLo, long t, long lookback) {
        List<Candidate> out = new ArrayList<>();
        Map<SourceKey, Source> sources = hosts.get(new ExternalHost(hostHi, hostLo));
        if (sources == null) {
            return out;
        }
        for (Source s : sources.values()) {
            long at = s.latestBefore(t);
            if (at >= 0 && t - at <= lookback) {
                out.add(new Candidate(s.hi, s.lo, s.port, s.proto, t - at));
            }
        }
        return out;
    }
}
