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
 *     byte pair at the window's end must occur in some pattern's key (four bytes);</li>
 * <li>inside a window that survives, a position must begin with a pair that begins a key;</li>
 * <li>there, the four folded bytes are looked up in a hash table of the patterns' keys, and the
 *     patterns filed under them are compared on their first {@link #MAX_COMPARED} bytes.</li>
 * </ol>
 * A pattern's key is the four bytes among its first {@code MAX_COMPARED} that are rarest in traffic
 * ({@link ByteRarity}), not necessarily its first four: ET has patterns that begin with four zero
 * bytes, and binary payloads have four zero bytes every few dozen positions.
 *
 * <p>Unlike an Aho-Corasick automaton, whose walk through a table of megabytes is one chain of
 * dependent loads wherever the data resembles the patterns (TLS handshakes, protocol text), each
 * position here costs a bounded number of independent loads from tables of a few kilobytes.
 */
final class PrefixHashScanner {
    static final int PREFIX = 4;
    static final int STRIDE = PREFIX - 1;
    /** Bytes of a pattern compared before its rules are candidates (longer ones are the rules' job). */
    static final int MAX_COMPARED = 16;
    /** Byte pairs that begin a key, in both cases: 65,536 bits, 8 KB. */
    private final long[] pairs = new long[1024];
    /** Byte pairs at offsets 0 to {@code STRIDE - 1} of the keys, in both cases. */
    private final long[] windowPairs = new long[1024];
    /** Open addressing: the folded first four bytes, and the index of their entry (-1: empty slot). */
    private final int[] keys;
    private final int[] slots;
    private final int shift;
    /** Per entry: the distinct folded patterns (cut to MAX_COMPARED), where their key is in them, and the ids each reports. */
    private final byte[][][] patterns;
    private final int[][] keyOffsets;
    private final int[][][] ids;
    /**
     * Per pattern (numbered from {@code firstVariant[entry]}), the scan in which it was last
     * reported: inside a run of zeros (ET has a pattern of eight zero bytes) every position would
     * compare and report the same pattern again.
     */
    private final int[] reportedIn;
    private final int[] firstVariant;
    private int scanNumber;

    /** A pattern as filed: its folded bytes and where its key starts in them. */
    private record Filed(String folded, int keyOffset) {
    }

    private PrefixHashScanner(Map<Integer, Map<Filed, List<Integer>>> byKey) {
        int capacity = Integer.highestOneBit(Math.max(16, byKey.size() * 4 - 1)) << 1;
        keys = new int[capacity];
        slots = new int[capacity];
        Arrays.fill(slots, -1);
        shift = 32 - Integer.numberOfTrailingZeros(capacity);
        patterns = new byte[byKey.size()][][];
        firstVariant = new int[byKey.size()];
        int variantCount = 0;
        for (Map<Filed, List<Integer>> variants : byKey.values()) {
            variantCount += variants.size();
        }
        reportedIn = new int[variantCount];
        ids = new int[byKey.size()][][];
        keyOffsets = new int[byKey.size()][];
        int entry = 0;
        for (Map.Entry<Integer, Map<Filed, List<Integer>>> e : byKey.entrySet()) {
            int key = e.getKey();
            int h = hash(key);
            while (slots[h] >= 0) {
                h = (h + 1) & (capacity - 1);
            }
            keys[h] = key;
            slots[h] = entry;
            Map<Filed, List<Integer>> variants = e.getValue();
            patterns[entry] = new byte[variants.size()][];
            keyOffsets[entry] = new int[variants.size()];
            firstVariant[entry] = entry == 0 ? 0 : firstVariant[entry - 1] + patterns[entry - 1].length;
            ids[entry] = new int[variants.size()][];
            int v = 0;
            for (Map.Entry<Filed, List<Integer>> p : variants.entrySet()) {
                patterns[entry][v] = p.getKey().folded().getBytes(java.nio.charset.StandardCharsets.ISO_8859_1);
                keyOffsets[entry][v] = p.getKey().keyOffset();
                ids[entry][v] = p.getValue().stream().mapToInt(Integer::intValue).toArray();
                v++;
            }
            int k0 = key >>> 24;
            int k1 = key >>> 16 & 0xff;
            int k2 = key >>> 8 & 0xff;
            int k3 = key & 0xff;
            setBoth(windowPairs, k0, k1);
            setBoth(windowPairs, k1, k2);
            setBoth(windowPairs, k2, k3);
            setBoth(pairs, k0, k1);
            entry++;
        }
    }

    /** Builds the scanner; {@code ids[i]} is reported where {@code patterns[i]} (at least PREFIX bytes) occurs. */
    static PrefixHashScanner build(List<byte[]> patterns, List<Integer> ids) {
        Map<Integer, Map<Filed, List<Integer>>> byKey = new LinkedHashMap<>();
        for (int i = 0; i < patterns.size(); i++) {
            byte[] p = patterns.get(i);
            if (p.length < PREFIX) {
                throw new IllegalArgumentException("pattern shorter than " + PREFIX + " bytes");
            }
            byte[] folded = new byte[Math.min(p.length, MAX_COMPARED)];
            for (int k = 0; k < folded.length; k++) {
                folded[k] = ByteSearch.FOLD[p[k] & 0xff];
            }
            int q = rarestKey(folded);
            byKey.computeIfAbsent(key(folded, q), k -> new LinkedHashMap<>())
                    .computeIfAbsent(new Filed(new String(folded, java.nio.charset.StandardCharsets.ISO_8859_1), q), k -> new ArrayList<>())
                    .add(ids.get(i));
        }
        return new PrefixHashScanner(byKey);
    }

    /** Where the four bytes rarest in traffic start: distinct bytes score by rarity, repeats nothing; the first of equals. */
    static int rarestKey(byte[] folded) {
        int best = 0;
        int bestScore = -1;
        for (int q = 0; q + PREFIX <= folded.length; q++) {
            int score = 0;
            for (int k = q; k < q + PREFIX; k++) {
                boolean repeat = false;
                for (int j = q; j < k; j++) {
                    repeat |= folded[j] == folded[k];
                }
                score += repeat ? 0 : 11 - ByteRarity.rank(folded[k] & 0xff);
            }
            if (score > bestScore) {
                bestScore = score;
                best = q;
            }
        }
        return best;
    }

    private static int key(byte[] b, int at) {
        return (ByteSearch.FOLD[b[at] & 0xff] & 0xff) << 24 | (ByteSearch.FOLD[b[at + 1] & 0xff] & 0xff) << 16
                | (ByteSearch.FOLD[b[at + 2] & 0xff] & 0xff) << 8 | ByteSearch.FOLD[b[at + 3] & 0xff] & 0xff;
    }

    private int hash(int key) {
        return (key * 0x9E3779B9) >>> shift;
    }

    private static void setBoth(long[] bits, int first, int second) {
        for (int a : AhoCorasick.cases(first)) {
            for (int b : AhoCorasick.cases(second)) {
                int k = a << 8 | b;
                bits[k >>> 6] |= 1L << k;
            }
        }
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
        // Four bytes already looked up that can report nothing more in this scan: inside a run of
        // zeros every position has the same ones, and the table need not be asked again.
        int settledKey = 0;
        boolean settled = false;
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
                    int key = foldedKey(data, i);
                    if (!settled || key != settledKey) {
                        settled = probe(key, data, i, from, to, hits);
                        settledKey = key;
                    }
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

    /**
     * Looks the four bytes at {@code at} up and reports the patterns that follow there.
     *
     * @return whether these four bytes can report nothing more in this scan (no pattern begins
     *         with them, or all that do were reported)
     */
    private boolean probe(int key, byte[] data, int at, int from, int to, AhoCorasick.Hits hits) {
        int mask = keys.length - 1;
        for (int h = hash(key); slots[h] >= 0; h = (h + 1) & mask) {
            if (keys[h] == key) {
                int entry = slots[h];
                byte[][] variants = patterns[entry];
                int[] offsets = keyOffsets[entry];
                int first = firstVariant[entry];
                for (int v = 0; v < variants.length; v++) {
                    if (reportedIn[first + v] != scanNumber && rest(data, at - offsets[v], from, to, variants[v])) {
                        reportedIn[first + v] = scanNumber;
                        for (int id : ids[entry][v]) {
                            hits.hit(id);
                        }
                    }
                }
                for (int v = 0; v < variants.length; v++) {
                    if (reportedIn[first + v] != scanNumber) {
                        return false;
                    }
                }
                return true;
            }
        }
        return true;
    }

    /** Whether the folded pattern is at {@code at} (its key is known to be there). */
    private static boolean rest(byte[] data, int at, int from, int to, byte[] folded) {
        if (at < from || at + folded.length > to) {
            return false;
        }
        for (int k = 0; k < folded.length; k++) {
            if (ByteSearch.FOLD[data[at + k] & 0xff] != folded[k]) {
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
