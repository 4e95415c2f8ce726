package org.hyakuyobako.net.geo;

import java.util.Arrays;

/**
 * IPv4 space cut at boundaries, each boundary starting a stretch with one value ({@link #NONE} for
 * the gaps the table does not cover): two parallel int arrays, so a lookup is a binary search with
 * no allocation, and the 330 k country ranges take 2.6 MB. Addresses before the first boundary
 * have no value.
 */
public final class Ipv4Ranges {
    public static final int NONE = -1;

    private final int[] starts;
    private final int[] values;
    /**
     * For each /16, the first boundary at or after it: a lookup searches only the boundaries of its
     * own /16 (a few, in one or two cache lines) instead of 19 levels spread over megabytes, which
     * made random addresses (a honeypot's scanners) cost a cache miss per level.
     */
    private final int[] bySlash16;

    /** Starts strictly ascending as unsigned numbers, one value each. */
    Ipv4Ranges(int[] starts, int[] values) {
        if (starts.length != values.length) {
            throw new IllegalArgumentException("starts and values of unequal length");
        }
        for (int i = 1; i < starts.length; i++) {
            if (Integer.compareUnsigned(starts[i - 1], starts[i]) >= 0) {
                throw new IllegalArgumentException("boundaries unsorted at " + i);
            }
        }
        this.starts = starts;
        this.values = values;
        this.bySlash16 = new int[(1 << 16) + 1];
        int i = 0;
        for (int prefix = 0; prefix <= 1 << 16; prefix++) {
            while (i < starts.length && (starts[i] >>> 16) < prefix) {
                i++;
            }
            bySlash16[prefix] = i;
        }
    }

    /** The value of the stretch holding the address, or {@link #NONE}. */
    public int find(int address) {
        // Sign bit flipped on both sides: signed order is then unsigned address order.
        int key = address ^ Integer.MIN_VALUE;
        int prefix = address >>> 16;
        // The answer is the last boundary at or before the address: one of this /16's, or the one before them.
        int lo = Math.max(0, bySlash16[prefix] - 1);
        int hi = bySlash16[prefix + 1] - 1;
        while (lo <= hi) {
            int mid = (lo + hi) >>> 1;
            if ((starts[mid] ^ Integer.MIN_VALUE) <= key) {
                lo = mid + 1;
            } else {
                hi = mid - 1;
            }
        }
        return hi >= 0 ? values[hi] : NONE;
    }

    /** Boundaries, gaps included. */
    public int size() {
        return starts.length;
    }

    int[] starts() {
        return starts;
    }

    int[] values() {
        return values;
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof Ipv4Ranges r && Arrays.equals(starts, r.starts) && Arrays.equals(values, r.values);
    }

    @Override
    public int hashCode() {
        return Arrays.hashCode(starts);
    }
}
