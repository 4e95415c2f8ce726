package org.hyakuyobako.detect.http;

import java.util.Arrays;

/**
 * How regular a series of request times is: the median interval and the median absolute deviation
 * of the intervals relative to it. Robust on purpose: a bot's timer with jitter, one missed beat or
 * one retry leaves the median and the MAD where they were, while the standard deviation would jump.
 *
 * @param medianNanos the median interval
 * @param relativeMad the median absolute deviation of the intervals over their median (0: a metronome)
 * @param intervals how many intervals were measured
 */
record Periodicity(double medianNanos, double relativeMad, int intervals) {
    /** Fewer intervals than this say nothing: three requests are a coincidence, five are a timer. */
    static final int MIN_INTERVALS = 4;
    /** Intervals under a second are a burst (a page's requests, a retry loop), not a timer. */
    static final long MIN_PERIOD_NANOS = 1_000_000_000L;
    /** Jitter bots add (TrickBot, Emotet, Cobalt Strike's default 0-20 %) keeps the MAD under this share. */
    static final double MAX_RELATIVE_MAD = 0.2;

    static Periodicity of(long[] times) {
        if (times.length < 2) {
            return new Periodicity(0, Double.POSITIVE_INFINITY, 0);
        }
        long[] t = times.clone();
        Arrays.sort(t);
        double[] gaps = new double[t.length - 1];
        for (int i = 1; i < t.length; i++) {
            gaps[i - 1] = t[i] - t[i - 1];
        }
        double median = median(gaps);
        double[] deviations = new double[gaps.length];
        for (int i = 0; i < gaps.length; i++) {
            deviations[i] = Math.abs(gaps[i] - median);
        }
        double mad = median(deviations);
        return new Periodicity(median, median <= 0 ? Double.POSITIVE_INFINITY : mad / median, gaps.length);
    }

    boolean regular() {
        return intervals >= MIN_INTERVALS && medianNanos >= MIN_PERIOD_NANOS && relativeMad <= MAX_RELATIVE_MAD;
    }

    private static double median(double[] values) {
        double[] v = values.clone();
        Arrays.sort(v);
        int mid = v.length / 2;
        return v.length % 2 == 1 ? v[mid] : (v[mid - 1] + v[mid]) / 2;
    }
}
