package org.hyakuyobako.detect.sync;

import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;

/**
 * One host's part in one burst of synchronized outbound activity (a scan sweep, a spam run, a
 * flood, a report): when it started, which external nodes it reached in step with other hosts,
 * and which nodes had sent the host something shortly before (the possible commands).
 */
final class Reaction {
    final long hostHi;
    final long hostLo;
    final String host;
    final long startNanos;
    /** Destination port of the reaction's packets (reactions are kept per host and port). */
    final int port;
    long lastNanos;
    final List<CommandHistory.Candidate> candidates;
    final Set<ExternalKey> targets = new HashSet<>();
    final List<Long> syncTimes = new ArrayList<>();
    int occasion = -1;
    /** A flood of one node (a DDoS) rather than a fan-out: bot-like in itself. */
    boolean flood;

    Reaction(long hostHi, long hostLo, String host, long startNanos, int port, List<CommandHistory.Candidate> candidates) {
        this.hostHi = hostHi;
        this.hostLo = hostLo;
        this.host = host;
        this.startNanos = startNanos;
        this.port = port;
        this.lastNanos = startNanos;
        this.candidates = candidates;
    }

    /** Whether the reaction reached this node (a bot reporting back to its C&C). */
    boolean reached(long hi, long lo) {
        return targets.contains(new ExternalKey(hi, lo, false));
    }
}
