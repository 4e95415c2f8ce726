package org.hyakuyobako.detect.sync;

/**
 * A set of host addresses as 64-bit hashes in one open-addressing {@code long[]}: 8 bytes a host
 * instead of a boxed key per host, for windows that hundreds of hosts fall into (a scanner sweeping
 * a network, a site every host visits). Two hosts whose 64-bit hashes collide count as one, which
 * for counting omitted hosts is immaterial.
 */
final class HostHashSet {
    private long[] slots = new long[32];
    private int size;

    /** @return true when the host was not in the set */
    boolean add(long hi, long lo) {
        long h = hash(hi, lo);
        if (size * 2 >= slots.length) {
            grow();
        }
        return insert(slots, h);
    }

    boolean contains(long hi, long lo) {
        long h = hash(hi, lo);
        int mask = slots.length - 1;
        int i = (int) (h ^ (h >>> 32)) & mask;
        while (slots[i] != 0) {
            if (slots[i] == h) {
                return true;
            }
            i = (i + 1) & mask;
        }
        return false;
    }

    int size() {
        return size;
    }

    private boolean insert(long[] table, long h) {
        int mask = table.length - 1;
        int i = (int) (h ^ (h >>> 32)) & mask;
        while (table[i] != 0) {
            if (table[i] == h) {
                return false;
            }
            i = (i + 1) & mask;
        }
        table[i] = h;
        if (table == slots) {
            size++;
        }
        return true;
    }

    private void grow() {
        long[] old = slots;
        slots = new long[old.length * 2];
        size = 0;       // the re-inserts below count every host once again
        for (long h : old) {
            if (h != 0) {
                insert(slots, h);
            }
        }
    }

    private static long hash(long hi, long lo) {
        long z = hi * 0x9E37_79B9_7F4A_7C15L + lo;
        z = (z ^ (z >>> 30)) * 0xBF58_476D_1CE4_E5B9L;
        z = (z ^ (z >>> 27)) * 0x94D0_49BB_1331_11EBL;
        z ^= z >>> 31;
        return z == 0 ? 1 : z;
    }
}
