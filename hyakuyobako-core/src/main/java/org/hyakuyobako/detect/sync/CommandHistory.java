package org.hyakuyobako.detect.sync;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * For each monitored host, when each external node sent it something inside a connection the host
 * itself opened: the only packets that can be commands to a bot (a pushed IRC or TLS message, or
 * the answer to an HTTP poll). Packets of connections opened from outside (scanners sweeping
 * honeypots, exploits) are never recorded: seed 002's direction pattern, command in on the bot's
 * own channel, reaction out.
 *
 * <p>A firewall log or flow record carries no payload: an answered connection the host opened is
 * kept as an interval (its answers came at some moment inside it, the last one near its end), and
 * a connection the log never saw end is open until the end of the input. Records are replayed at
 * their start with their end already known; an interval is only ever used for reactions that start
 * after the connection did, so a record never explains its own connection (no self-suppression).
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
        /** The latest connection known whole (from a log or flow record) the host held open to the node, or -1. */
        long openFrom = -1;
        long openUntil = -1;
        /** Arrivals in connections the host had opened just before (answers to its polls), of all arrivals. */
        long polled;
        long arrivals;

        Source(long hi, long lo, int port, int capacity) {
            this.hi = hi;
            this.lo = lo;
            this.port = port;
            this.times = new long[capacity];
        }

        /**
         * One message: packets less than {@link #MESSAGE_GAP_NANOS} apart are one (a response
         * spread over segments, a TLS flight), kept at its last packet, so the few times kept are
         * distinct messages and their intervals a poll's or heartbeat's period, not a segment's gap.
         */
        void arrived(long t, boolean answerToPoll) {
            int latest = (next - 1 + times.length) % times.length;
            if (count > 0 && t >= times[latest] && t - times[latest] < MESSAGE_GAP_NANOS) {
                times[latest] = t;
                return;
            }
            arrivals++;
            if (answerToPoll) {
                polled++;
            }
            times[next] = t;
            next = (next + 1) % times.length;
            count = Math.min(count + 1, times.length);
        }
    }

    /**
     * A possible command before a reaction: who, on which port, and the delays from each of its
     * recent arrivals to the reaction (most recent first). {@code openDuring} when a connection
     * known only from a record was open at the reaction's start: a command may have come at any
     * moment, the delay is unknown. {@code polled} when most of the node's messages answered a
     * connection the host had just opened (a poll): a command then reaches each bot at its own next
     * poll, not all at once.
     */
    record Candidate(long hi, long lo, int port, String proto, long[] delays, boolean openDuring, boolean polled) {
        /** The shortest known delay, or -1 when only an open connection stands for the command. */
        long latestDelay() {
            return delays.length == 0 ? -1 : delays[0];
        }
    }

    private record Node(long hi, long lo) {
    }

    /** Packets from a node closer together than this are one message. */
    static final long MESSAGE_GAP_NANOS = 1_000_000_000L;
    /** A message in a connection at most this old answers the host's own request (a poll). */
    static final long POLL_CONNECTION_NANOS = 30_000_000_000L;
    static final int MAX_CONTACTS_COUNTED = 10_000;
    static final int MAX_EXTERNALS_COUNTED = 1_000_000;

    /** Distinct monitored hosts per external node that it sent something to (capped), for exclusivity. */
    private final Map<Node, Set<Node>> contactedBy = new HashMap<>();
    private final int externalsPerHost;
    private final int timesPerExternal;
    private final Map<Node, Map<Node, Source>> hosts;
    long hostsDropped;
    /** Nodes that came when the contact table was full: their contacts are unknown. */
    long nodesNotCounted;

    CommandHistory(int maxHosts, int externalsPerHost, int timesPerExternal) {
        this.externalsPerHost = externalsPerHost;
        this.timesPerExternal = timesPerExternal;
        this.hosts = new LinkedHashMap<>(1024, 0.75f, true) {
            @Override
            protected boolean removeEldestEntry(Map.Entry<Node, Map<Node, Source>> eldest) {
                if (size() > maxHosts) {
                    hostsDropped++;
                    return true;
                }
                return false;
            }
        };
    }

    /**
     * A payload packet from the node inside a connection the host opened.
     *
     * @param answerToPoll whether that connection was opened just before (a poll), not long ago (a push channel)
     */
    void record(long hostHi, long hostLo, long extHi, long extLo, int extPort, String proto, long now, boolean answerToPoll) {
        source(hostHi, hostLo, extHi, extLo, extPort, proto).arrived(now, answerToPoll);
    }

    /**
     * An answered connection the host opened to the node, known whole from a firewall log or flow
     * record: its answers came at some moment while it was open, and for TCP the last near its end
     * (a poll's answer, then FIN). {@code end} is {@link Long#MAX_VALUE} for a connection still open
     * when the log ended. A UDP record ends when the device's idle timer runs out, minutes after
     * the last packet: it says when the exchange was open, not when an answer came.
     */
    void recordConnection(long hostHi, long hostLo, long extHi, long extLo, int extPort, String proto, long start, long end,
                          boolean tcp) {
        Source s = source(hostHi, hostLo, extHi, extLo, extPort, proto);
        if (end > s.openUntil) {
            s.openFrom = start;
            s.openUntil = end;
        }
        if (tcp && end != Long.MAX_VALUE) {
            s.arrived(end, end - start <= POLL_CONNECTION_NANOS);
        }
    }

    private Source source(long hostHi, long hostLo, long extHi, long extLo, int extPort, String proto) {
        Map<Node, Source> sources = hosts.computeIfAbsent(new Node(hostHi, hostLo),
                k -> new LinkedHashMap<>(16, 0.75f, true) {
                    @Override
                    protected boolean removeEldestEntry(Map.Entry<Node, Source> eldest) {
                        return size() > externalsPerHost;
                    }
                });
        Node key = new Node(extHi, extLo);
        Source s = sources.get(key);
        if (s == null) {
            s = new Source(extHi, extLo, extPort, timesPerExternal);
            sources.put(key, s);
            countContact(hostHi, hostLo, key);
        }
        s.port = extPort;
        if (proto != null) {
            s.proto = proto;
        }
        return s;
    }

    /** Called once per new (host, node): the per-packet path does not touch this map. */
    private void countContact(long hostHi, long hostLo, Node ext) {
        Set<Node> who = contactedBy.get(ext);
        if (who == null) {
            if (contactedBy.size() >= MAX_EXTERNALS_COUNTED) {
                nodesNotCounted++;
                return;
            }
            who = new HashSet<>(4);
            contactedBy.put(ext, who);
        }
        if (who != null && who.size() < MAX_CONTACTS_COUNTED) {
            who.add(new Node(hostHi, hostLo));
        }
    }

    /**
     * How many monitored hosts this node sent something to; {@link Integer#MAX_VALUE} when that is
     * not known exactly (more than {@link #MAX_CONTACTS_COUNTED}, or the table was full when the node
     * came): an unknown node is read as talking to everyone, so it is never named C&C by default.
     */
    int contacts(long extHi, long extLo) {
        Set<Node> who = contactedBy.get(new Node(extHi, extLo));
        if (who == null) {
            return nodesNotCounted > 0 ? Integer.MAX_VALUE : 0;
        }
        return who.size() >= MAX_CONTACTS_COUNTED ? Integer.MAX_VALUE : who.size();
    }

    /**
     * Every external node that sent the host something within {@code lookback} before {@code t}, or
     * had a connection known from a record open at {@code t}, with the delays from its recent
     * arrivals. Arrivals at {@code t} itself count (a log's one-second stamps put a poll's answer and
     * the reaction it caused in one second); the reaction's own nodes are left out by the caller.
     */
    List<Candidate> candidatesBefore(long hostHi, long hostLo, long t, long lookback) {
        List<Candidate> out = new ArrayList<>();
        Map<Node, Source> sources = hosts.get(new Node(hostHi, hostLo));
        if (sources == null) {
            return out;
        }
        for (Source s : sources.values()) {
            long[] delays = new long[s.count];
            int n = 0;
            for (int i = 0; i < s.count; i++) {
                long d = t - s.times[i];
                if (d >= 0 && d <= lookback) {
                    delays[n++] = d;
                }
            }
            boolean open = s.openFrom >= 0 && s.openFrom < t && t <= s.openUntil;
            if (n == 0 && !open) {
                continue;
            }
            long[] kept = java.util.Arrays.copyOf(delays, n);
            java.util.Arrays.sort(kept);
            out.add(new Candidate(s.hi, s.lo, s.port, s.proto, kept, open, 2 * s.polled > s.arrivals));
        }
        return out;
    }
}
