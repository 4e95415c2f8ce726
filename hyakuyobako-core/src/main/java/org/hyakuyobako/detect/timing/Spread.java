package org.hyakuyobako.detect.timing;

import java.util.Arrays;

/**
 * Median, interquartile range and the share of values near the median: robust measures of
 * regularity, so a missed beat, a retry or one slow answer does not hide a beacon (RITA scores
 * beacons on the same kind of statistics). {@link #dispersion()} is the interquartile range over
 * the median, 0 for a metronome. {@link #nearMedian()} is the share within {@link #TOLERANCE} of
 * the median: the test for "regular", because with ten samples the quartiles of random arrivals
 * can look tight by chance, while four fifths of them landing within a quarter of the median
 * cannot (for exponential gaps each does with probability 0.17).
 */
record Spread(double median, double iqr, double nearMedian, int n) {
    static final double TOLERANCE = 0.25;

    static Spread of(long[] values) {
        if (values.length == 0) {
            return new Spread(0, 0, 0, 0);
        }
        long[] v = values.clone();
        Arrays.sort(v);
        double median = quantile(v, 0.5);
        int near = 0;
        for (long x : v) {
            if (Math.abs(x - median) <= TOLERANCE * median) {
                near++;
            }
        }
        return new Spread(median, quantile(v, 0.75) - quantile(v, 0.25), near / (double) v.length, v.length);
    }

    /** Successive differences of sorted times: the intervals between events. */
    static long[] intervals(long[] times) {
        if (times.length < 2) {
            return new long[0];
        }
        long[] t = times.clone();
        Arrays.sort(t);
        long[] d = new long[t.length - 1];
        for (int i = 1; i < t.length; i++) {
            d[i - 1] = t[i] - t[i - 1];
        }
        return d;
    }

    /** Linear interpolation between closest ranks. */
    private static double quantile(long[] sorted, double q) {
        double pos = q * (sorted.length - 1);
        int lo = (int) Math.floor(pos);
        int hi = Math.min(sorted.length - 1, lo + 1);
        return sorted[lo] + (pos - lo) * (sorted[hi] - sorted[lo]);
    }

    double dispersion() {
        return median <= 0 ? Double.POSITIVE_INFINITY : iqr / median;
    }
}
