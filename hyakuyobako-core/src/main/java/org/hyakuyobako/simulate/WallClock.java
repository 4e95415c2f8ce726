package org.hyakuyobako.simulate;

/** Wall-clock alignment: what cron and "every hour at minute M" schedulers do, the same on every host. */
final class WallClock {
    private WallClock() {
    }

    /** The first time at or after {@code t} that is {@code phase} past a multiple of {@code period} (times since the epoch). */
    static long nextAligned(long t, long period, long phase) {
        return Math.floorDiv(t - phase + period - 1, period) * period + phase;
    }
}
