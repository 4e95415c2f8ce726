package org.hyakuyobako.detect.blacklist;

import org.hyakuyobako.decode.IpAddresses;
import org.hyakuyobako.net.Cidr;

/**
 * Longest-prefix match over IPv4 and IPv6 prefixes (IPv4 held in its IPv4-mapped form): a binary
 * trie in flat int arrays, so millions of entries cost a few bytes of node each and a look-up
 * walks at most 128 nodes with no allocation. Hand-written because the look-up runs for every
 * flow peer and no maintained Java library offers an allocation-free 128-bit prefix trie.
 */
public final class PrefixTable {
    private int[] left = new int[1024];
    private int[] right = new int[1024];
    /** Index into {@link #entries} + 1 for nodes that end a prefix; 0 otherwise. */
    private int[] value = new int[1024];
    private int nodes = 1;
    private ListEntry[] entries = new ListEntry[256];
    private int size;

    /** Adds a prefix; a later entry for the same prefix replaces the earlier one. */
    public void add(Cidr prefix, ListEntry entry) {
        int node = 0;
        for (int bit = 0; bit < prefix.bits(); bit++) {
            boolean one = bitAt(prefix.hi(), prefix.lo(), bit);
            int next = one ? right[node] : left[node];
            if (next == 0) {
                next = newNode();
                if (one) {
                    right[node] = next;
                } else {
                    left[node] = next;
                }
            }
            node = next;
        }
        if (value[node] == 0) {
            if (size == entries.length) {
                entries = java.util.Arrays.copyOf(entries, size * 2);
            }
            entries[size++] = entry;
            value[node] = size;
        } else {
            entries[value[node] - 1] = entry;
        }
    }

    /** The most specific entry covering the address, or null. */
    public ListEntry lookup(long hi, long lo) {
        int node = 0;
        ListEntry best = value[0] == 0 ? null : entries[value[0] - 1];
        for (int bit = 0; bit < 128; bit++) {
            node = bitAt(hi, lo, bit) ? right[node] : left[node];
            if (node == 0) {
                break;
            }
            if (value[node] != 0) {
                best = entries[value[node] - 1];
            }
        }
        return best;
    }

    public ListEntry lookup(String address) {
        long[] a = IpAddresses.parse(address);
        return lookup(a[0], a[1]);
    }

    public int size() {
        return size;
    }

    private static boolean bitAt(long hi, long lo, int bit) {
        return bit < 64 ? ((hi >>> (63 - bit)) & 1) != 0 : ((lo >>> (127 - bit)) & 1) != 0;
    }

    private int newNode() {
        if (nodes == left.length) {
            int n = nodes * 2;
            left = java.util.Arrays.copyOf(left, n);
            right = java.util.Arrays.copyOf(right, n);
            value = java.util.Arrays.copyOf(value, n);
        }
        return nodes++;
    }
}
