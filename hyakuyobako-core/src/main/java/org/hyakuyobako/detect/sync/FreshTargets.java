package org.hyakuyobako.detect.sync;

import java.util.LinkedHashMap;
import java.util.Map;

/**
 * When each monitored host last talked to each node and port. A reaction is the host turning to
 * nodes or ports it was not talking to: a sweep's targets, a spam run's mail servers, a flood's
 * victim, a download mirror. Polls and heartbeats to a node the host talks to all the time are no
 * reaction, however synchronized.
 *
 * <p>Bounded: {@code perHost} (node, port) pairs per host and {@code maxHosts} hosts, least recent
 * dropped (a dropped pair reads as fresh again, which can only add a reaction, never hide one).
 */
final class FreshTargets {
    private record Host(long hi, long lo) {
    }

    private record Endpoint(long hi, long lo, int port) {
    }

    private final long freshNanos;
    private final int perHost;
    private final Map<Host, Map<Endpoint, long[]>> hosts;

    FreshTargets(long freshNanos, int perHost, int maxHosts) {
        this.freshNanos = freshNanos;
        this.perHost = perHost;
        this.hosts = new LinkedHashMap<>(1024, 0.75f, true) {
            @Override
            protected boolean removeEldestEntry(Map.Entry<Host, Map<Endpoint, long[]>> eldest) {
                return size() > maxHosts;
            }
        };
    }

    /**
     * A connection from the host to the node's port starting at {@code start}, known to last until
     * {@code until} (its start when not known yet). True when the host had not talked to that
     * node and port for a while: the connection is something new the host does.
     */
    boolean opened(long hostHi, long hostLo, long extHi, long extLo, int port, long start, long until) {
        long[] last = slot(hostHi, hostLo, extHi, extLo, port);
        boolean fresh = last[0] == Long.MIN_VALUE || start - last[0] > freshNanos;
        last[0] = Math.max(last[0], until);
        return fresh;
    }

    /** The host talked to the node's port until {@code until} (a connection ended). */
    void talked(long hostHi, long hostLo, long extHi, long extLo, int port, long until) {
        long[] last = slot(hostHi, hostLo, extHi, extLo, port);
        last[0] = Math.max(last[0], until);
    }

    private long[] slot(long hostHi, long hostLo, long extHi, long extLo, int port) {
        Map<Endpoint, long[]> recent = hosts.computeIfAbsent(new Host(hostHi, hostLo), k -> new LinkedHashMap<>(16, 0.75f, true) {
            @Override
            protected boolean removeEldestEntry(Map.Entry<Endpoint, long[]> eldest) {
                return size() > perHost;
            }
        });
        return recent.computeIfAbsent(new Endpoint(extHi, extLo, port), k -> new long[] {Long.MIN_VALUE});
    }
}
