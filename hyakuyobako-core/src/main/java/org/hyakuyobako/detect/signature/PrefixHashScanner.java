package org.hyakuyobako.detect.signature;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Multi-pattern search for patterns of {@link #PREFIX} bytes or more, case-folded (a prefilter:
 * every hit is verified by its rule). Hand-written, for the hottest loop of the engine; the
 * approach is Wu-Manber's with a hash check instead of an automaton:
 * <ol>
 * <li>windows of {@link #STRIDE} possible start positions are ruled out with one look-up: the
 *     byte pair at the window's end must occur in some pattern's first four bytes;</li>
 * <li>inside a window that survives, a position must begin with a pair that begins a pattern;</li>
 * <li>there, the four folded bytes are looked up in a hash table of the patterns' first four bytes,
 *     and the patterns filed under them are compared on their first {@link #MAX_COMPARED} bytes.</li>
 * </ol>
 * Unlike an Aho-Corasick automaton, whose walk through a table of megabytes is one chain of
 * dependent loads wherever the data resembles the patterns (TLS handshakes, protocol text), each
 * position here costs a bounded number of independent loads from tables of a few kilobytes.
 */
final class PrefixHashScanner {
    static final int PREFIX = 4;
    static final int STRIDE = PREFIX - 1;
    /** Bytes of a pattern compared before its rules are candidates (longer ones are the rules' job). */
    static final int MAX_COMPARED = 8;
    private static final byte[] FOLD = new byte[256];

    static {
        for (int b = 0; b < 256; b++) {
            FOLD[b] = (byte) AhoCorasick.fold(b);
        }
    }

    /** Byte pairs that begin a pattern, in both cases: 65,536 bits, 8 KB. */
    private final long[] pairs = new long[1024];
    /** Byte pairs at offsets 0 to {@code STRIDE - 1} of the patterns, in both cases. */
    private final long[] windowPairs = new long[1024];
    /** Open addressing: the folded first four bytes, and the index of their entry (-1: empty slot). */
    private final int[] keys;
    private final int[] slots;
    private final int shift;
    /** Per entry: the distinct folded patterns (cut to MAX_COMPARED) and the ids each reports. */
    private final byte[][][] patterns;
    private final int[][][] ids;
    /**
     * Per pattern (numbered from {@code firstVariant[entry]}), the scan in which it was last
     * reported: inside a run of zeros (ET has a pattern of eight zero bytes) every position would
     * compare and report the same pattern again.
     */
    private final int[] reportedIn;
    private final int[] firstVariant;
    private int scanNumber;

    private PrefixHashScanner(Map<Integer, Map<String, List<Integer>>> byKey) {
        int capacity = Integer.highestOneBit(Math.max(16, byKey.size() * 4 - 1)) << 1;
        keys = new int[capacity];
        slots = new int[capacity];
        Arrays.fill(slots, -1);
        shift = 32 - Integer.numberOfTrailingZeros(capacity);
        patterns = new byte[byKey.size()][][];
        firstVariant = new int[byKey.size()];
        int variantCount = 0;
        for (Map<String, List<Integer>> variants : byKey.values()) {
            variantCount += variants.size();
        }
        reportedIn = new int[variantCount];
        ids = new int[byKey.size()][][];
        int entry = 0;
        for (Map.Entry<Integer, Map<String, List<Integer>>> e : byKey.entrySet()) {
            int key = e.getKey();
            int h = hash(key);
            while (slots[h] >= 0) {
                h = (h + 1) & (capacity - 1);
            }
            keys[h] = key;
            slots[h] = entry;
            Map<String, List<Integer>> variants = e.getValue();
            patterns[entry] = new byte[variants.size()][];
            firstVariant[entry] = entry == 0 ? 0 : firstVariant[entry - 1] + patterns[entry - 1].length;
            ids[entry] = new int[variants.size()][];
            int v = 0;
            for (Map.Entry<String, List<Integer>> p : variants.entrySet()) {
                patterns[entry][v] = p.getKey().getBytes(java.nio.charset.StandardCharsets.ISO_8859_1);
                ids[entry][v] = p.getValue().stream().mapToInt(Integer::intValue).toArray();
                byte[] folded = patterns[entry][v];
                for (int q = 0; q < STRIDE; q++) {
                    setBoth(windowPairs, folded[q] & 0xff, folded[q + 1] & 0xff);
                }
                setBoth(pairs, folded[0] & 0xff, folded[1] & 0xff);
                v++;
            }
            entry++;
        }
    }

    /** Builds the scanner; {@code ids[i]} is reported where {@code patterns[i]} (at least PREFIX bytes) occurs. */
    static PrefixHashScanner build(List<byte[]> patterns, List<Integer> ids) {
        Map<Integer, Map<String, List<Integer>>> byKey = new LinkedHashMap<>();
        for (int i = 0; i < patterns.size(); i++) {
            byte[] p = patterns.get(i);
            if (p.length < PREFIX) {
                throw new IllegalArgumentException("pattern shorter than " + PREFIX + " bytes");
            }
            byte[] folded = new byte[Math.min(p.length, MAX_COMPARED)];
            for (int k = 0; k < folded.length; k++) {
                folded[k] = FOLD[p[k] & 0xff];
            }
            byKey.computeIfAbsent(key(folded, 0), k -> new LinkedHashMap<>())
                    .computeIfAbsent(new String(folded, java.nio.charset.StandardCharsets.ISO_8859_1), k -> new ArrayList<>())
                    .add(ids.get(i));
        }
        return new PrefixHashScanner(byKey);
    }

    private static int key(byte[] b, int at) {
        return (FOLD[b[at] & 0xff] & 0xff) << 24 | (FOLD[b[at + 1] & 0xff] & 0xff) << 16
                | (FOLD[b[at + 2] & 0xff] & 0xff) << 8 | FOLD[b[at + 3] & 0xff] & 0xff;
    }

    private int hash(int key) {
        return (key * 0x9E3779B9) >>> shift;
    }

    private static void setBoth(long[] bits, int first, int second) {
        for (int a : cases(first)) {
            for (int b : cases(second)) {
                int k = a << 8 | b;
                bits[k >>> 6] |= 1L << k;
            }
        }
    }

    private static int[] cases(int folded) {
        return folded >= 'a' && folded <= 'z' ? new int[] {folded, folded - 32} : new int[] {folded};
    }

    void scan(byte[] data, int from, int to, AhoCorasick.Hits hits) {
        if (++scanNumber == Integer.MAX_VALUE) {
            Arrays.fill(reportedIn, 0);
            scanNumber = 1;
        }
        long[] w = windowPairs;
        long[] p = pairs;
        int lastStart = to - PREFIX;
        int i = from;
        while (i <= lastStart) {
            // The pair at i+2..i+3 is in any pattern starting at i, i+1 or i+2.
            int k = (data[i + STRIDE - 1] & 0xff) << 8 | data[i + STRIDE] & 0xff;
            if ((w[k >>> 6] & 1L << k) == 0) {
                i += STRIDE;
                continue;
            }
            int stop = Math.min(i + STRIDE, lastStart + 1);
            for (; i < stop; i++) {
                int k0 = (data[i] & 0xff) << 8 | data[i + 1] & 0xff;
                if ((p[k0 >>> 6] & 1L << k0) != 0) {
                    probe(data, i, to, hits);
                }
            }
        }
    }

    private static final java.lang.invoke.VarHandle INT_BE =
            java.lang.invoke.MethodHandles.byteArrayViewVarHandle(int[].class, java.nio.ByteOrder.BIG_ENDIAN);

    /**
     * Four bytes read at once and case-folded in the register (A-Z get 0x20): for each byte b below
     * 0x80, b + 0x3f reaches the top bit from 'A' on and b + 0x25 from '[' on, without carries.
     */
    static int foldedKey(byte[] data, int at) {
        int v = (int) INT_BE.get(data, at);
        int t = v & 0x7f7f7f7f;
        int upper = (t + 0x3f3f3f3f) & ~(t + 0x25252525) & ~v & 0x80808080;
        return v | upper >>> 2;
    }

    private void probe(byte[] data, int at, int to, AhoCorasick.Hits hits) {
        int key = foldedKey(data, at);
        int mask = keys.length - 1;
        for (int h = hash(key); slots[h] >= 0; h = (h + 1) & mask) {
            if (keys[h] == key) {
                int entry = slots[h];
                byte[][] variants = patterns[entry];
                int first = firstVariant[entry];
                for (int v = 0; v < variants.length; v++) {
                    if (reportedIn[first + v] != scanNumber && rest(data, at, to, variants[v])) {
                        reportedIn[first + v] = scanNumber;
                        for (int id : ids[entry][v]) {
                            hits.hit(id);
                        }
                    }
                }
                return;
            }
        }
    }

    /** Whether the folded pattern's bytes after the first four follow at {@code at}. */
    private static boolean rest(byte[] data, int at, int to, byte[] folded) {
        if (at + folded.length > to) {
            return false;
        }
        for (int k = PREFIX; k < folded.length; k++) {
            if (FOLD[data[at + k] & 0xff] != folded[k]) {
                return false;
            }
        }
        return true;
    }

    /** Table slots, for the benchmark's memory line. */
    long tableEntries() {
        return keys.length;
    }
}
