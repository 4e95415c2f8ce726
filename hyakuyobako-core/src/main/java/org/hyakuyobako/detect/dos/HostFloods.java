package org.hyakuyobako.detect.dos;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import org.hyakuyobako.decode.IpAddresses;

/**
 * Flood-shaped packets from each monitored host to each destination, in ten-second windows: a bot
 * told to {@code .ddos.syn} sends hundreds of SYNs to one victim, far below a link-level flood but
 * far above anything a program that wants an answer does. Windows are swept every ten seconds of
 * packet time, so the map holds about ten seconds of (host, destination) pairs.
 */
final class HostFloods {
    static final long WINDOW_NANOS = 10_000_000_000L;
    /** Per kind (SYN, UDP, ICMP): packets to one destination in one window that make a flood. */
    static final long[] THRESHOLD = {100, 5_000, 100};
    /** A flood hits a service; a SYN to many ports of one host is a vertical scan, reported as such. */
    static final int MAX_PORTS = 3;

    /** One host's packets of one kind to one destination in the current window. */
    static final class Pair {
        final String host;
        final String target;
        final int kind;
        final int sensor;
        long windowStart;
        long packets;
        long first;
        long last;
        /** Destination ports seen in the window, up to {@link #MAX_PORTS} + 1: more is a scan, not a flood. */
        final java.util.Set<Integer> ports = new java.util.HashSet<>(4);

        Pair(String host, String target, int kind, int sensor, long at) {
            this.host = host;
            this.target = target;
            this.kind = kind;
            this.sensor = sensor;
            this.windowStart = at;
            this.first = at;
        }
    }

    /** A window that crossed its threshold. */
    record Flood(Pair pair, long packets, long first, long last) {
    }

    private final Map<Long, Pair> pairs = new HashMap<>();
    private long lastSweep = Long.MIN_VALUE;

    /** Counts a packet; returns the floods of windows that closed meanwhile. */
    List<Flood> add(long key, int kind, int sensor, long at, int port, long srcHi, long srcLo, long dstHi, long dstLo) {
        List<Flood> closed = NONE;
        Pair p = pairs.get(key);
        if (p != null && at - p.windowStart > WINDOW_NANOS) {
            closed = close(p, closed);
            p.windowStart = at;
            p.packets = 0;
            p.first = at;
            p.ports.clear();
        }
        if (p == null) {
            // Addresses are formatted once per pair and window, not per packet.
            p = new Pair(IpAddresses.format(srcHi, srcLo), IpAddresses.format(dstHi, dstLo), kind, sensor, at);
            pairs.put(key, p);
        }
        p.packets++;
        p.last = at;
        if (p.ports.size() <= MAX_PORTS) {
            p.ports.add(port);
        }
        if (lastSweep == Long.MIN_VALUE) {
            lastSweep = at;
        } else if (at - lastSweep > WINDOW_NANOS) {
            closed = sweep(at, closed);
            lastSweep = at;
        }
        return closed;
    }

    private static final List<Flood> NONE = List.of();

    /** Adds the pair's flood, if its window was one, to {@code out} (made when first needed: most packets close nothing). */
    private static List<Flood> close(Pair p, List<Flood> out) {
        if (p.packets < THRESHOLD[p.kind] || p.ports.size() > MAX_PORTS) {
            return out;
        }
        List<Flood> list = out == NONE ? new ArrayList<>(1) : out;
        list.add(new Flood(p, p.packets, p.first, p.last));
        return list;
    }

    private List<Flood> sweep(long now, List<Flood> out) {
        List<Flood> list = out;
        for (Iterator<Pair> it = pairs.values().iterator(); it.hasNext(); ) {
            Pair p = it.next();
            if (now - p.windowStart > WINDOW_NANOS) {
                list = close(p, list);
                it.remove();
            }
        }
        return list;
    }

    List<Flood> finish() {
        List<Flood> out = NONE;
        for (Pair p : pairs.values()) {
            out = close(p, out);
        }
        pairs.clear();
        return out;
    }
}
