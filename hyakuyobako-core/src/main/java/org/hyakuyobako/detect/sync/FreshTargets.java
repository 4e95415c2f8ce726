package org.hyakuyobako.detect.sync;

import java.util.LinkedHashMap;
import java.util.Map;

/**
 * Which external nodes each monitored host has sent to lately. A reaction is the host turning to
 * nodes it was not talking to: a sweep's targets, a spam run's MTAs, a flood's victim. Polls and
 * heartbeats to a node the host talks to all the time are not reactions, however synchronized.
 *
 * <p>Bounded: {@code perHost} nodes per host and {@code maxHosts} hosts, least recent dropped.
 */
final class FreshTargets {
    private record Node(long hi, long lo) {
    }

    private final long freshNanos;
    private final int perHost;
    /** Per host: node to the time of the host's last packet to it. */
    private final Map<Node, Map<Node, long[]>> hosts;

    FreshTargets(long freshNanos, int perHost, int maxHosts) {
        this.freshNanos = freshNanos;
        this.perHost = perHost;
        this.hosts = new LinkedHashMap<>(1024, 0.75f, true) {
            @Override
            protected boolean removeEldestEntry(Map.Entry<Node, Map<Node, long[]>> eldest) {
                return size() > maxHosts;
            }
        };
    }

    /** Records a packet from host to node; true when the host had not sent to the node for a while. */
    boolean sent(long hostHi, long hostLo, long extHi, long extLo, long now) {
        Map<Node, long[]> recent = hosts.computeIfAbsent(new Node(hostHi, hostLo), k -> new LinkedHashMap<>(16, 0.75f, true) {
            @Override
            protected boolean removeEldestEntry(Map.Entry<Node, long[]> eldest) {
                return size() > perHost;
            }
        });
        Node node = new Node(extHi, extLo);
        long[] times = recent.get(node);
        if (times == null) {
            recent.put(node, new long[] {now});
            return true;
        }
        long last = times[0];
        times[0] = now;
        return now - last > freshNanos;
    }
}
