package org.hyakuyobako.detect.blacklist;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.hyakuyobako.decode.IpAddresses;
import org.hyakuyobako.net.Cidr;
import org.hyakuyobako.net.IntIntMap;

/**
 * Longest-prefix match over IPv4 and IPv6 prefixes, built for millions of entries: one hash table
 * per prefix length in use, tried from the longest down, so a look-up costs one probe per distinct
 * length (a handful in real lists) and allocates nothing unless it matches. IPv4 keys are ints in
 * open-addressing tables; entries are kept as primitives and turned into a {@link ListEntry} only
 * on a match. Hand-written because no maintained Java library offers an allocation-free prefix
 * table over both families.
 */
public final class PrefixTable {
    /** Per IPv4 prefix length 0-32: masked address to entry index. */
    private final IntIntMap[] v4 = new IntIntMap[33];
    private int[] v4Lengths = new int[0];
    /** IPv6 prefixes (rare in lists): per length, masked address to entry index. */
    private final Map<Integer, Map<List<Long>, Integer>> v6 = new HashMap<>();
    private int[] v6Lengths = new int[0];

    // Entries as primitives: list and category are interned through small tables.
    private final List<String> names = new ArrayList<>();
    private final Map<String, Integer> nameIndex = new HashMap<>();
    private int[] list = new int[1024];
    private int[] category = new int[1024];
    private int[] line = new int[1024];
    private float[] confidence = new float[1024];
    private long[] prefixHi = new long[1024];
    private long[] prefixLo = new long[1024];
    private byte[] bits = new byte[1024];
    private int size;

    /** Adds a prefix; a later entry for the same prefix replaces the earlier one. */
    public void add(Cidr prefix, ListEntry entry) {
        int index;
        if (prefix.v4()) {
            int length = prefix.bits() - 96;
            IntIntMap map = v4[length];
            if (map == null) {
                map = new IntIntMap();
                v4[length] = map;
                v4Lengths = lengths(v4Lengths, length);
            }
            int key = (int) prefix.lo();
            index = map.get(key);
            if (index < 0) {
                index = newEntry();
                map.put(key, index);
            }
        } else {
            Map<List<Long>, Integer> map = v6.computeIfAbsent(prefix.bits(), k -> {
                v6Lengths = lengths(v6Lengths, k);
                return new HashMap<>();
            });
            index = map.computeIfAbsent(List.of(prefix.hi(), prefix.lo()), k -> newEntry());
        }
        list[index] = intern(entry.list());
        category[index] = intern(entry.category());
        line[index] = entry.line();
        confidence[index] = (float) entry.confidence();
        prefixHi[index] = prefix.hi();
        prefixLo[index] = prefix.lo();
        bits[index] = (byte) prefix.bits();
    }

    /** The most specific entry covering the address, or null. */
    public ListEntry lookup(long hi, long lo) {
        if (IpAddresses.isV4(hi, lo)) {
            int address = (int) lo;
            for (int length : v4Lengths) {
                int masked = length == 0 ? 0 : address & (-1 << (32 - length));
                int index = v4[length].get(masked);
                if (index >= 0) {
                    return entry(index);
                }
            }
            return null;
        }
        for (int length : v6Lengths) {
            long hiMask = length >= 64 ? -1L : length == 0 ? 0 : -1L << (64 - length);
            long loMask = length <= 64 ? 0 : length == 128 ? -1L : -1L << (128 - length);
            Integer index = v6.get(length).get(List.of(hi & hiMask, lo & loMask));
            if (index != null) {
                return entry(index);
            }
        }
        return null;
    }

    public ListEntry lookup(String address) {
        long[] a = IpAddresses.parse(address);
        return lookup(a[0], a[1]);
    }

    public int size() {
        return size;
    }

    private ListEntry entry(int i) {
        // The entry as a canonical prefix (a host prefix as the bare address), rebuilt on a match so
        // a million entries do not each keep their text.
        // The length is kept in a byte: 128 (a host) reads back as -128 unless taken unsigned.
        int length = bits[i] & 0xFF;
        Cidr c = new Cidr(prefixHi[i], prefixLo[i], length, IpAddresses.isV4(prefixHi[i], prefixLo[i]) && length >= 96);
        String text = length == 128 ? IpAddresses.format(prefixHi[i], prefixLo[i]) : c.toString();
        return new ListEntry(names.get(list[i]), names.get(category[i]), text, confidence[i], line[i]);
    }

    private int intern(String s) {
        return nameIndex.computeIfAbsent(s, k -> {
            names.add(k);
            return names.size() - 1;
        });
    }

    private int newEntry() {
        if (size == list.length) {
            int n = size * 2;
            list = Arrays.copyOf(list, n);
            category = Arrays.copyOf(category, n);
            line = Arrays.copyOf(line, n);
            confidence = Arrays.copyOf(confidence, n);
            prefixHi = Arrays.copyOf(prefixHi, n);
            prefixLo = Arrays.copyOf(prefixLo, n);
            bits = Arrays.copyOf(bits, n);
        }
        return size++;
    }

    /** Adds a length to a list kept longest first. */
    private static int[] lengths(int[] current, int length) {
        int[] out = Arrays.copyOf(current, current.length + 1);
        out[current.length] = length;
        Arrays.sort(out);
        for (int i = 0; i < out.length / 2; i++) {
            int t = out[i];
            out[i] = out[out.length - 1 - i];
            out[out.length - 1 - i] = t;
        }
        return out;
    }
}
