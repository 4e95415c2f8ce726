package org.hyakuyobako.detect.timing;

import java.util.Arrays;

/**
 * The latest values of a series, up to a cap: starts small (most sessions are short) and, once
 * full, overwrites the oldest, so a week-long session costs no more than a busy minute.
 */
final class BoundedSeries {
    private final int cap;
    private long[] values;
    private int size;
    private int next;
    private long total;

    BoundedSeries(int cap) {
        this.cap = cap;
    }

    void add(long v) {
        total++;
        if (size < cap) {
            if (values == null) {
                values = new long[Math.min(cap, 4)];
            } else if (size == values.length) {
                values = Arrays.copyOf(values, Math.min(cap, size * 2));
            }
            values[size++] = v;
            return;
        }
        values[next] = v;
        next = (next + 1) % cap;
    }

    int size() {
        return size;
    }

    /** Everything ever added, including what was overwritten. */
    long total() {
        return total;
    }

    /** The kept values, oldest first. */
    long[] toArray() {
        long[] out = new long[size];
        for (int i = 0; i < size; i++) {
            out[i] = values[(next + i) % size];
        }
        return out;
    }
}
