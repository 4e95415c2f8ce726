package org.hyakuyobako.detect.dos;

import java.util.HashMap;
import java.util.HashSet;
import java.util.Map;
import java.util.Set;

/**
 * One sensor's flood-shaped packets (TCP SYN without ACK, UDP, ICMP) in one second: per kind and
 * destination, with the sources seen (capped). Cleared every second, so its size follows one
 * second of traffic.
 */
final class FloodSecond {
    static final int MAX_SOURCES = 256;
    static final int MAX_DESTINATIONS = 50_000;

    /** What one destination received of one kind in this second. */
    static final class Target {
        long packets;
        long first = Long.MAX_VALUE;
        long last = Long.MIN_VALUE;
        final Set<String> monitoredSources = new HashSet<>();
    }

    long second = Long.MIN_VALUE;
    final long[] packets = new long[3];
    final long[] first = {Long.MAX_VALUE, Long.MAX_VALUE, Long.MAX_VALUE};
    final long[] last = {Long.MIN_VALUE, Long.MIN_VALUE, Long.MIN_VALUE};
    @SuppressWarnings("unchecked")
    final Set<Long>[] sources = new Set[] {new HashSet<Long>(), new HashSet<Long>(), new HashSet<Long>()};
    @SuppressWarnings("unchecked")
    final Map<Long, Target>[] byDestination = new Map[] {new HashMap<Long, Target>(), new HashMap<Long, Target>(),
        new HashMap<Long, Target>()};
    final Map<Long, String> names = new HashMap<>();

    void clear(long newSecond) {
        second = newSecond;
        for (int k = 0; k < 3; k++) {
            packets[k] = 0;
            first[k] = Long.MAX_VALUE;
            last[k] = Long.MIN_VALUE;
            sources[k].clear();
            byDestination[k].clear();
        }
        names.clear();
    }
}
