package org.hyakuyobako.net.geo;

import java.util.Arrays;

/**
 * IPv6 space cut at boundaries, as {@link Ipv4Ranges}: each boundary's address as two longs and
 * its value. A few published ranges do not start on a /64, so both halves are kept.
 */
public final class Ipv6Ranges {
    private final long[] startHi;
    private final long[] startLo;
    private final int[] values;

    /** Starts strictly ascending as unsigned 128-bit numbers, one value each. */
    Ipv6Ranges(long[] startHi, long[] startLo, int[] values) {
        if (startHi.length != values.length || startLo.length != values.length) {
            throw new IllegalArgumentException("boundaries and values of unequal length");
        }
        for (int i = 1; i < values.length; i++) {
            if (compare(startHi[i - 1], startLo[i - 1], startHi[i], startLo[i]) >= 0) {
                throw new IllegalArgumentException("boundaries unsorted at " + i);
            }
        }
        this.startHi = startHi;
        this.startLo = startLo;
        this.values = values;
    }

    /** The value of the stretch holding the address, or {@link Ipv4Ranges#NONE}. */
    public int find(long hi, long lo) {
        int low = 0;
        int high = values.length - 1;
        while (low <= high) {
            int mid = (low + high) >>> 1;
            if (compare(startHi[mid], startLo[mid], hi, lo) <= 0) {
                low = mid + 1;
            } else {
                high = mid - 1;
            }
        }
        return high >= 0 ? values[high] : Ipv4Ranges.NONE;
    }

    static int compare(long aHi, long aLo, long bHi, long bLo) {
        int c = Long.compareUnsigned(aHi, bHi);
        return c != 0 ? c : Long.compareUnsigned(aLo, bLo);
    }

    /** Boundaries, gaps included. */
    public int size() {
        return values.length;
    }

    long[] startHi() {
        return startHi;
    }

    long[] startLo() {
        return startLo;
    }

    int[] values() {
        return values;
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof Ipv6Ranges r && Arrays.equals(startHi, r.startHi) && Arrays.equals(startLo, r.startLo)
                && Arrays.equals(values, r.values);
    }

    @Override
    public int hashCode() {
        return Arrays.hashCode(startLo);
    }
}
