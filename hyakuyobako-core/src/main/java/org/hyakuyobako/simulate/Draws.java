package org.hyakuyobako.simulate;

import java.util.ArrayList;
import java.util.List;
import java.util.SplittableRandom;

/**
 * The random draws the campaign generator makes, named so that every range reads at the call site
 * ({@code Draws.between(r, 30, 120)}): a detector tuned on these captures must never meet a value
 * that is the same in every scenario.
 */
final class Draws {
    /** IANA's dynamic port range, where client programs take their source ports. */
    static final int EPHEMERAL_FIRST = 49_152;
    static final int EPHEMERAL_COUNT = 16_384;
    /** Registered and dynamic ports: where a C&C or a custom service on a "random high port" listens. */
    static final int HIGH_PORT_FIRST = 1_024;

    private Draws() {
    }

    /** Uniform in [lo, hi], both included. */
    static int between(SplittableRandom r, int lo, int hi) {
        return lo + r.nextInt(hi - lo + 1);
    }

    /** Uniform in [lo, hi). */
    static double between(SplittableRandom r, double lo, double hi) {
        return lo + r.nextDouble() * (hi - lo);
    }

    /** Uniform in [loSeconds, hiSeconds), as nanoseconds. */
    static long nanosBetween(SplittableRandom r, double loSeconds, double hiSeconds) {
        return Durations.seconds(between(r, loSeconds, hiSeconds));
    }

    /** Log-uniform in [lo, hi): small values as likely per decade as large ones (periods, sizes). */
    static double logUniform(SplittableRandom r, double lo, double hi) {
        return lo * Math.pow(hi / lo, r.nextDouble());
    }

    /** {@code period} moved by up to ±{@code fraction} of itself, uniformly. */
    static long jittered(SplittableRandom r, long period, double fraction) {
        return period + (long) ((r.nextDouble() * 2 - 1) * fraction * period);
    }

    /** Exponentially distributed with this mean (the gaps of independent events); at least 1 ns. */
    static long exponential(SplittableRandom r, long mean) {
        return 1 + (long) (-Math.log(1 - r.nextDouble()) * mean);
    }

    static boolean chance(SplittableRandom r, double probability) {
        return r.nextDouble() < probability;
    }

    static <T> T pick(SplittableRandom r, List<T> from) {
        return from.get(r.nextInt(from.size()));
    }

    static int pick(SplittableRandom r, int[] from) {
        return from[r.nextInt(from.length)];
    }

    /** {@code n} distinct elements in random order (all of them when there are fewer). */
    static <T> List<T> sample(SplittableRandom r, List<T> from, int n) {
        List<T> copy = new ArrayList<>(from);
        int k = Math.min(n, copy.size());
        for (int i = 0; i < k; i++) {
            int j = i + r.nextInt(copy.size() - i);
            T t = copy.get(i);
            copy.set(i, copy.get(j));
            copy.set(j, t);
        }
        return new ArrayList<>(copy.subList(0, k));
    }

    /**
     * Up to {@code n} times in [from, to), sorted, at least {@code minGap} apart (fewer when the
     * window cannot hold them): rare events at random times that do not overlap.
     */
    static List<Long> spreadTimes(SplittableRandom r, int n, long from, long to, long minGap) {
        final int attempts = 1_000;
        List<Long> times = new ArrayList<>();
        for (int i = 0; times.size() < n && i < attempts; i++) {
            long t = from + (long) (r.nextDouble() * Math.max(1, to - from));
            if (times.stream().allMatch(o -> Math.abs(o - t) >= minGap)) {
                times.add(t);
            }
        }
        times.sort(null);
        return times;
    }

    /** A client's source port. */
    static int ephemeralPort(SplittableRandom r) {
        return EPHEMERAL_FIRST + r.nextInt(EPHEMERAL_COUNT);
    }

    /** A listening port above the well-known ones. */
    static int highPort(SplittableRandom r) {
        return between(r, HIGH_PORT_FIRST, 65_535);
    }

    static byte[] bytes(SplittableRandom r, int n) {
        byte[] b = new byte[n];
        for (int i = 0; i < n; i += 4) {
            int v = r.nextInt();
            for (int k = 0; k < 4 && i + k < n; k++) {
                b[i + k] = (byte) (v >>> (8 * k));
            }
        }
        return b;
    }
}
