package org.hyakuyobako.net.geo;

import java.util.Arrays;

/**
 * The autonomous systems of the tables, sorted by number, each with its holder's name ("" when the
 * table gives none): in the published table an AS number has one name, so AS ranges carry only an
 * index into these arrays and each name is kept once.
 */
public final class AsNames {
    private final int[] numbers;
    private final String[] names;

    /** Numbers ascending (unsigned), one name each. */
    AsNames(int[] numbers, String[] names) {
        if (numbers.length != names.length) {
            throw new IllegalArgumentException("numbers and names of unequal length");
        }
        for (int i = 1; i < numbers.length; i++) {
            if (Integer.compareUnsigned(numbers[i - 1], numbers[i]) >= 0) {
                throw new IllegalArgumentException("AS numbers unsorted at " + i);
            }
        }
        this.numbers = numbers;
        this.names = names;
    }

    /** The name, or null for an unknown or nameless number. */
    public String name(int asn) {
        int i = indexOf(asn);
        return i < 0 ? null : nameAt(i);
    }

    /** The AS number at an index (as AS ranges give it). */
    public int numberAt(int index) {
        return numbers[index];
    }

    /** The name at an index, or null when the table has none. */
    public String nameAt(int index) {
        String n = names[index];
        return n.isEmpty() ? null : n;
    }

    /** The number's index, or -1. */
    public int indexOf(int asn) {
        int lo = 0;
        int hi = numbers.length - 1;
        while (lo <= hi) {
            int mid = (lo + hi) >>> 1;
            int c = Integer.compareUnsigned(numbers[mid], asn);
            if (c == 0) {
                return mid;
            }
            if (c < 0) {
                lo = mid + 1;
            } else {
                hi = mid - 1;
            }
        }
        return -1;
    }

    public int size() {
        return numbers.length;
    }

    int[] numbers() {
        return numbers;
    }

    String[] names() {
        return names;
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof AsNames a && Arrays.equals(numbers, a.numbers) && Arrays.equals(names, a.names);
    }

    @Override
    public int hashCode() {
        return Arrays.hashCode(numbers);
    }
}
