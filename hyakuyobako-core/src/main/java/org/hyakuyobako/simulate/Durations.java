package org.hyakuyobako.simulate;

/** The simulation's clock counts nanoseconds (as pcap and flow times do); these name its multiples. */
final class Durations {
    static final long MS = 1_000_000L;
    static final long SECOND = 1_000 * MS;
    static final long MINUTE = 60 * SECOND;
    static final long HOUR = 60 * MINUTE;
    static final long DAY = 24 * HOUR;

    private Durations() {
    }

    static long seconds(double s) {
        return Math.round(s * SECOND);
    }
}
