package org.hyakuyobako.detect.sync;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;

/**
 * One burst of a host's own new activity: connections it opened to nodes (or ports) it had not
 * talked to for a while, each within a few seconds of the previous one — a scan sweep, a spam run,
 * a flood, a download, or only a page load. Its onset is the first of them; which nodes had sent
 * the host something shortly before it are the possible commands. What it was ({@link ReactionKind})
 * is judged at the end, once the outcome of its connections is known.
 */
final class Reaction {
    /** Distinct nodes kept per reaction; more are counted only. */
    static final int MAX_TARGETS = 1024;

    /** What the host did to one node in this reaction. */
    static final class Target {
        final long hi;
        final long lo;
        final boolean internal;
        int connections;
        long packetsOut;
        int answered;
        long bytesIn;
        /** Payload of records that do not split it by direction (an ASA Teardown's byte count). */
        long bytesUnsplit;
        boolean udp;
        final Set<Integer> ports = new TreeSet<>();
        /** When the host's last connection to it in this reaction ended (or is known to end, from a record). */
        long lastSeenNanos;
        /** Set by the classifier: this target was flooded, or a download came from it. */
        boolean flooded;
        boolean downloaded;

        Target(long hi, long lo, boolean internal) {
            this.hi = hi;
            this.lo = lo;
            this.internal = internal;
        }
    }

    record Node(long hi, long lo) {
    }

    final long hostHi;
    final long hostLo;
    final String host;
    final long startNanos;
    long lastNanos;
    final List<CommandHistory.Candidate> candidates;
    final Map<Node, Target> targets = new LinkedHashMap<>();
    int targetsOmitted;
    int occasion = -1;
    /** Judged at the end: what the burst was, or null when it is nothing a bot is told to do. */
    ReactionKind kind;

    Reaction(long hostHi, long hostLo, String host, long startNanos, List<CommandHistory.Candidate> candidates) {
        this.hostHi = hostHi;
        this.hostLo = hostLo;
        this.host = host;
        this.startNanos = startNanos;
        this.lastNanos = startNanos;
        this.candidates = candidates;
    }

    /** The target for a node, made on first contact; null when the reaction already lists its maximum. */
    Target target(long hi, long lo, boolean internal) {
        Node n = new Node(hi, lo);
        Target t = targets.get(n);
        if (t == null) {
            if (targets.size() >= MAX_TARGETS) {
                targetsOmitted++;
                return null;
            }
            t = new Target(hi, lo, internal);
            targets.put(n, t);
        }
        return t;
    }

    boolean reached(long hi, long lo) {
        return targets.containsKey(new Node(hi, lo));
    }

    /** When the host last talked to the node in this reaction, or {@link Long#MIN_VALUE} when it did not. */
    long lastSeen(long hi, long lo) {
        Target t = targets.get(new Node(hi, lo));
        return t == null ? Long.MIN_VALUE : t.lastSeenNanos;
    }

    int distinctTargets() {
        return targets.size() + targetsOmitted;
    }
}
