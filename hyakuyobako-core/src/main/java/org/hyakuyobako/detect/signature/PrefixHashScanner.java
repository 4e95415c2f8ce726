package org.hyakuyobako.detect.signature;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

/**
 * Multi-pattern search for patterns of {@link #PREFIX} bytes or more, case-folded (a prefilter:
 * every hit is verified by its rule). Hand-written, for the hottest loop of the engine; the
 * approach is Wu-Manber's with a hash check instead of an automaton:
 * <ol>
 * <li>windows of {@link #STRIDE} possible start positions are ruled out with one look-up: the
 *     byte pair at the window's end must occur in some pattern's key (four bytes); three windows
 *     are tested per eight-byte read;</li>
 * <li>inside a window that survives, a position must begin with a pair that begins a key;</li>
 * <li>its four folded bytes must hash to a bit set in a filter of a few kilobytes;</li>
 * <li>there, the four folded bytes are looked up in a hash table of the patterns' keys, and the
 *     patterns filed under them are compared on their first {@link #MAX_COMPARED} bytes.</li>
 * </ol>
 * Long runs of one byte (zero padding) are stepped over rather than tried position by position
 * (see {@link #afterRun}).
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
    /**
     * Open addressing: per slot the folded key in the high half and its entry + 1 in the low half
     * (0: empty slot), one load per slot visited.
     */
    private final long[] table;
    private final int shift;
    /**
     * One bit per hash of a key, sixteen to thirty-two bits per key so that at most a sixteenth are set: the
     * table is too large for the first-level cache, and most four bytes that pass the pair test
     * (over 99 % on the large benchmark capture) begin no key; this few-kilobyte filter turns them
     * away without touching the table.
     */
    private final long[] keyBits;
    /** The folded bytes {@code x} for which some key is {@code x x x x}: 256 bits. */
    private final long[] runKeys = new long[4];
    private final int keyBitShift;
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

    /**
     * @param order  per pattern, its key in the high half and its index in the low half, sorted:
     *               the patterns of one key are neighbours
     * @param folded per pattern, its folded bytes (cut to MAX_COMPARED)
     * @param at     per pattern, where its key starts in them
     */
    private PrefixHashScanner(long[] order, byte[][] folded, int[] at, List<Integer> patternIds) {
        int entries = 0;
        for (int i = 0; i < order.length; i++) {
            if (i == 0 || order[i] >>> 32 != order[i - 1] >>> 32) {
                entries++;
            }
        }
        int capacity = Integer.highestOneBit(Math.max(16, entries * 4 - 1)) << 1;
        table = new long[capacity];
        shift = 32 - Integer.numberOfTrailingZeros(capacity);
        int bits = Math.min(1 << 20, Math.max(1 << 12, Integer.highestOneBit(Math.max(1, entries)) << 5));
        keyBits = new long[bits >>> 6];
        keyBitShift = 32 - Integer.numberOfTrailingZeros(bits);
        patterns = new byte[entries][][];
        keyOffsets = new int[entries][];
        ids = new int[entries][][];
        firstVariant = new int[entries];
        int variantCount = 0;
        int entry = 0;
        for (int start = 0; start < order.length; entry++) {
            int key = (int) (order[start] >>> 32);
            int end = start + 1;
            while (end < order.length && (int) (order[end] >>> 32) == key) {
                end++;
            }
            file(entry, key, capacity);
            // Patterns that fold to the same bytes with the key at the same place are one variant
            // reporting all their ids (ET has the same content in many rules).
            List<Integer> variants = new ArrayList<>();
            List<int[]> variantIds = new ArrayList<>();
            for (int k = start; k < end; k++) {
                int p = (int) order[k];
                int same = -1;
                for (int v = 0; v < variants.size() && same < 0; v++) {
                    int q = variants.get(v);
                    if (at[q] == at[p] && Arrays.equals(folded[q], folded[p])) {
                        same = v;
                    }
                }
                if (same < 0) {
                    variants.add(p);
                    variantIds.add(new int[] {patternIds.get(p)});
                } else {
                    int[] old = variantIds.get(same);
                    int[] grown = Arrays.copyOf(old, old.length + 1);
                    grown[old.length] = patternIds.get(p);
                    variantIds.set(same, grown);
                }
            }
            patterns[entry] = new byte[variants.size()][];
            keyOffsets[entry] = new int[variants.size()];
            ids[entry] = variantIds.toArray(new int[0][]);
            for (int v = 0; v < variants.size(); v++) {
                patterns[entry][v] = folded[variants.get(v)];
                keyOffsets[entry][v] = at[variants.get(v)];
            }
            firstVariant[entry] = variantCount;
            variantCount += variants.size();
            start = end;
        }
        reportedIn = new int[variantCount];
    }

    /** Puts the key into the table, the key filter and the pair tables. */
    private void file(int entry, int key, int capacity) {
        int h = hash(key);
        while (table[h] != 0) {
            h = (h + 1) & (capacity - 1);
        }
        table[h] = (long) key << 32 | entry + 1;
        int b = keyBit(key);
        keyBits[b >>> 6] |= 1L << b;
        if (key == (key & 0xff) * 0x01010101) {
            runKeys[(key & 0xff) >>> 6] |= 1L << key;
        }
        int k0 = key >>> 24;
        int k1 = key >>> 16 & 0xff;
        int k2 = key >>> 8 & 0xff;
        int k3 = key & 0xff;
        setBoth(windowPairs, k0, k1);
        setBoth(windowPairs, k1, k2);
        setBoth(windowPairs, k2, k3);
        setBoth(pairs, k0, k1);
    }

    /** Builds the scanner; {@code ids[i]} is reported where {@code patterns[i]} (at least PREFIX bytes) occurs. */
    static PrefixHashScanner build(List<byte[]> patterns, List<Integer> ids) {
        int n = patterns.size();
        byte[][] folded = new byte[n][];
        int[] at = new int[n];
        long[] order = new long[n];
        for (int i = 0; i < n; i++) {
            byte[] p = patterns.get(i);
            if (p.length < PREFIX) {
                throw new IllegalArgumentException("pattern shorter than " + PREFIX + " bytes");
            }
            folded[i] = new byte[Math.min(p.length, MAX_COMPARED)];
            for (int k = 0; k < folded[i].length; k++) {
                folded[i][k] = ByteSearch.FOLD[p[k] & 0xff];
            }
            at[i] = rarestKey(folded[i]);
            order[i] = (long) key(folded[i], at[i]) << 32 | i;
        }
        Arrays.sort(order);
        return new PrefixHashScanner(order, folded, at, ids);
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

    /** A second hash, independent of the table's, so the filter's false hits do not cluster in it. */
    private int keyBit(int key) {
        return (key * 0x85EBCA6B) >>> keyBitShift;
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
        settled = false;
        long[] w = windowPairs;
        int lastStart = to - PREFIX;
        int i = from;
        while (i <= lastStart) {
            if (i + 3 * STRIDE < to) {
                // Three windows per eight-byte load: the pairs at i+2, i+5 and i+8 (each in any
                // pattern starting in its window), their three look-ups independent of each other.
                long v = (long) LONG_BE.get(data, i + STRIDE - 1);
                int k0 = (int) (v >>> 48);
                int k1 = (int) (v >>> 24) & 0xffff;
                int k2 = (int) v & 0xffff;
                long t0 = w[k0 >>> 6] >>> k0;
                long t1 = w[k1 >>> 6] >>> k1;
                long t2 = w[k2 >>> 6] >>> k2;
                if (((t0 | t1 | t2) & 1L) == 0) {
                    i += 3 * STRIDE;
                    continue;
                }
                if ((t0 & 1L) == 0) {
                    i += (t1 & 1L) == 0 ? 2 * STRIDE : STRIDE;
                }
            } else {
                // The pair at i+2..i+3 is in any pattern starting at i, i+1 or i+2.
                int k = (data[i + STRIDE - 1] & 0xff) << 8 | data[i + STRIDE] & 0xff;
                if ((w[k >>> 6] & 1L << k) == 0) {
                    i += STRIDE;
                    continue;
                }
            }
            byte b2 = data[i + STRIDE - 1];
            byte b3 = data[i + STRIDE];
            int window = i;
            i = Math.min(i + STRIDE, lastStart + 1);
            tryPositions(data, window, i, from, to, hits);
            if (b2 == b3) {
                i = afterRun(data, window + 2, i, from, to, hits);
            }
        }
    }

    /** Runs of one byte that some key is made of are scanned as usual when shorter than this. */
    static final int LONG_RUN = 2 * MAX_COMPARED;

    /**
     * Where to go on after the window ending inside a run of one byte that starts by {@code runAt}
     * ({@code next} if the run is short). Binary payloads hold long runs of zeros (padding, sparse
     * structures) and text has runs of spaces; where keys hold that byte twice, every position of
     * the run passed the window and pair tests. Inside the run every four bytes are the same key:
     * when no pattern has that key nothing in the run's middle can match, and when one has, a
     * pattern placed there is only compared on bytes of the run too, so it matches in the middle
     * if and only if it matches within {@link #MAX_COMPARED} bytes of the run's start. Either way,
     * only the positions near the run's two ends need a look.
     */
    private int afterRun(byte[] data, int runAt, int next, int from, int to, AhoCorasick.Hits hits) {
        byte x = data[runAt];
        int end = runAt + 2;
        while (end < to && data[end] == x) {
            end++;
        }
        if (!runKey(x)) {
            return Math.max(next, end - STRIDE);
        }
        if (end - runAt < LONG_RUN) {
            return next;
        }
        int headEnd = runAt + MAX_COMPARED;
        tryPositions(data, next, headEnd, from, to, hits);
        return Math.max(headEnd, end - MAX_COMPARED);
    }

    /** Whether some pattern's key is four times the byte {@code x} (folded). */
    private boolean runKey(byte x) {
        int f = ByteSearch.FOLD[x & 0xff] & 0xff;
        return (runKeys[f >>> 6] & 1L << f) != 0;
    }

    /** The positions {@code start} (inclusive) to {@code stop} (exclusive), each looked at. */
    private void tryPositions(byte[] data, int start, int stop, int from, int to, AhoCorasick.Hits hits) {
        long[] p = pairs;
        for (int at = start; at < stop; at++) {
            int k0 = (data[at] & 0xff) << 8 | data[at + 1] & 0xff;
            if ((p[k0 >>> 6] & 1L << k0) != 0) {
                int key = foldedKey(data, at);
                int b = keyBit(key);
                if ((keyBits[b >>> 6] & 1L << b) != 0 && (!settled || key != settledKey)) {
                    settled = probe(key, data, at, from, to, hits);
                    settledKey = key;
                }
            }
        }
    }

    /**
     * Four bytes already looked up in this scan that can report nothing more: inside a run of zeros
     * every position has the same ones, and the table need not be asked again.
     */
    private int settledKey;
    private boolean settled;

    private static final java.lang.invoke.VarHandle LONG_BE =
            java.lang.invoke.MethodHandles.byteArrayViewVarHandle(long[].class, java.nio.ByteOrder.BIG_ENDIAN);
    private static final java.lang.invoke.VarHandle INT_BE =
            java.lang.invoke.MethodHandles.byteArrayViewVarHandle(int[].class, java.nio.ByteOrder.BIG_ENDIAN);

    /**
     * Four bytes read at once and case-folded in the register (A-Z get 0x20): for each byte b below
     * 0x80, b + 0x3f reaches the top bit from 'A' on and b + 0x25 from '[' on, without carries.
     */
    static int foldedKey(byte[] data, int at) {
        return fold((int) INT_BE.get(data, at));
    }

    static int fold(int v) {
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
        int mask = table.length - 1;
        for (int h = hash(key); table[h] != 0; h = (h + 1) & mask) {
            if ((int) (table[h] >>> 32) == key) {
                int entry = (int) table[h] - 1;
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
        return table.length;
    }
}
