package org.hyakuyobako.detect.scan;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.hyakuyobako.decode.IpAddresses;

/**
 * One scanner's probes in one time window: targets per service (horizontal), services per target
 * (vertical), and the first {@link #KEPT} probes in full (time, IPv4 target) for the address rule
 * and the pacing. Sets are capped at {@link #MAX_SET}; beyond, probes are still counted.
 */
final class ScanWindow {
    static final int MAX_SET = 4_096;
    static final int KEPT = 2_048;

    /** A probed address, IPv4 or IPv6, as the decoder keeps it. */
    record Target(long hi, long lo) {
    }

    final long start;
    long first = Long.MAX_VALUE;
    long last = Long.MIN_VALUE;
    long probes;
    long failed;
    int sensorId;
    final Map<String, Set<Target>> targetsByService = new HashMap<>(4);
    final Map<Target, Set<String>> servicesByTarget = new HashMap<>(4);
    /** Grown on demand: most sources send one or two probes, and a honeypot sees tens of thousands of them. */
    long[] times = new long[4];
    int[] v4 = new int[4];
    boolean[] isV4 = new boolean[4];
    int kept;
    boolean inboundOnly = true;
    boolean outbound;
    long darknetProbes;
    String firstDarknet;

    ScanWindow(long start) {
        this.start = start;
    }

    void add(long at, int sensor, Target t, String service, boolean failedProbe, boolean v4Target) {
        probes++;
        if (failedProbe) {
            failed++;
        }
        sensorId = sensor;
        first = Math.min(first, at);
        last = Math.max(last, at);
        Set<Target> ts = targetsByService.computeIfAbsent(service, k -> new HashSet<>(4));
        if (ts.size() < MAX_SET) {
            ts.add(t);
        }
        Set<String> ss = servicesByTarget.get(t);
        if (ss == null && servicesByTarget.size() < MAX_SET) {
            ss = new HashSet<>(4);
            servicesByTarget.put(t, ss);
        }
        if (ss != null && ss.size() < MAX_SET) {
            ss.add(service);
        }
        if (kept < KEPT) {
            if (kept == times.length) {
                int size = Math.min(KEPT, times.length * 2);
                times = Arrays.copyOf(times, size);
                v4 = Arrays.copyOf(v4, size);
                isV4 = Arrays.copyOf(isV4, size);
            }
            times[kept] = at;
            v4[kept] = (int) t.lo();
            isV4[kept] = v4Target;
            kept++;
        }
    }

    /** The kept IPv4 targets in probe order, consecutive repeats folded (a retried probe is one target). */
    int[] orderedV4Targets(String service) {
        Integer[] idx = new Integer[kept];
        for (int i = 0; i < kept; i++) {
            idx[i] = i;
        }
        Arrays.sort(idx, (a, b) -> Long.compare(times[a], times[b]));
        List<Integer> out = new ArrayList<>();
        Set<Target> forService = service == null ? null : targetsByService.get(service);
        for (int i : idx) {
            if (!isV4[i]) {
                continue;
            }
            if (forService != null && !forService.contains(new Target(0, IpAddresses.v4Lo(v4[i])))) {
                continue;
            }
            if (out.isEmpty() || out.get(out.size() - 1) != v4[i]) {
                out.add(v4[i]);
            }
        }
        return out.stream().mapToInt(Integer::intValue).toArray();
    }

    long[] sortedTimes() {
        long[] t = Arrays.copyOf(times, kept);
        Arrays.sort(t);
        return t;
    }
}
