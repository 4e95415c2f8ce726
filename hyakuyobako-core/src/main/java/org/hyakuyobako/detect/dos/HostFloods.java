package org.hyakuyobako.detect.dos;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.Iterator;
import java.util.List;
import java.util.Map;

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
    List<Flood> add(long key, int kind, int sensor, long at, int port, java.util.function.Supplier<String> host,
                    java.util.function.Supplier<String> target) {
        List<Flood> closed = new ArrayList<>(0);
        Pair p = pairs.get(key);
        if (p != null && at - p.windowStart > WINDOW_NANOS) {
            close(p, closed);
            p.windowStart = at;
            p.packets = 0;
            p.first = at;
            p.ports.clear();
        }
        if (p == null) {
            p = new Pair(host.get(), target.get(), kind, sensor, at);
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
            sweep(at, closed);
            lastSweep = at;
        }
        return closed;
    }

    private static void close(Pair p, List<Flood> out) {
        if (p.packets >= THRESHOLD[p.kind] && p.ports.size() <= MAX_PORTS) {
            out.add(new Flood(p, p.packets, p.first, p.last));
        }
    }

    private void sweep(long now, List<Flood> out) {
        for (Iterator<Pair> it = pairs.values().iterator(); it.hasNext(); ) {
            Pair p = it.next();
            if (now - p.windowStart > WINDOW_NANOS) {
                close(p, out);
                it.remove();
            }
        }
    }

    List<Flood> finish() {
        List<Flood> out = new ArrayList<>();
        for (Pair p : pairs.values()) {
            close(p, out);
        }
        pairs.clear();
        return out;
    }
}
