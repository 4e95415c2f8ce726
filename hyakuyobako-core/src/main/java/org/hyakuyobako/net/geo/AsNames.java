package org.hyakuyobako.net.geo;

import java.util.Arrays;

/**
 * The holder's name of each autonomous system, looked up by number: in the published table an AS
 * number has one name, so ranges carry only the number and the names are kept once.
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

    /** The name, or null for an unknown number. */
    public String name(int asn) {
        int lo = 0;
        int hi = numbers.length - 1;
        while (lo <= hi) {
            int mid = (lo + hi) >>> 1;
            int c = Integer.compareUnsigned(numbers[mid], asn);
            if (c == 0) {
                return names[mid];
            }
            if (c < 0) {
                lo = mid + 1;
            } else {
                hi = mid - 1;
            }
        }
        return null;
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
