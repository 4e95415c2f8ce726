package org.hyakuyobako.detect.signature;

import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

/**
 * Multi-pattern search over bytes, case-folded (a prefilter: every hit is verified by the rule),
 * as a dense automaton over a compressed alphabet so the scan is one table load per byte whatever
 * the number of patterns. Hand-written: Hyperscan's Java binding ships x86-64 natives only, and the
 * Java Aho-Corasick libraries work on {@code char} strings, not on bytes.
 *
 * <p>Patterns are cut to {@link #MAX_PATTERN} bytes: a prefix that matches is enough to make the
 * rule a candidate, and long patterns would only grow the table. Since ADR 0014 it holds the short
 * patterns (1–3 bytes) of a {@link BufferPrefilter}; longer ones go to {@link PrefixHashScanner}.
 */
final class AhoCorasick {
    static final int MAX_PATTERN = 8;
    private static final int REPORT16 = 0x8000;
    private static final int REPORT = 0x4000_0000;

    private final int[] byteClass = new int[256];
    /**
     * Byte pairs that begin a pattern (any pair after a one-byte pattern's byte): at the root the scan
     * skips positions whose pair begins nothing, with loads that do not wait on each other, instead
     * of walking the table byte by byte. 65,536 bits: 8 KB, in the first-level cache.
     */
    private final long[] pairs = new long[1024];
    private final int classes;
    /** The transition table as 16-bit state numbers (half the cache footprint) when the states fit, else null. */
    private final char[] delta16;
    private final int[] delta;
    private final int[][] output;
    private final int[] dictLink;

    private AhoCorasick(int classes, int[] delta, int[][] output, int[] dictLink, int[] byteClass, List<byte[]> patterns) {
        this.classes = classes;
        // Each entry carries a "reports" bit, so the scan touches one table per byte and looks at the
        // outputs only where a pattern ends.
        // Entries hold the next state's row offset (state × classes), so the scan does no multiplication.
        boolean small = delta.length < REPORT16;
        this.delta16 = small ? new char[delta.length] : null;
        for (int i = 0; i < delta.length; i++) {
            int next = delta[i];
            boolean reports = output[next] != null || dictLink[next] > 0;
            if (small) {
                delta16[i] = (char) (next * classes | (reports ? REPORT16 : 0));
            } else {
                delta[i] = next * classes | (reports ? REPORT : 0);
            }
        }
        this.delta = small ? null : delta;
        this.output = output;
        this.dictLink = dictLink;
        System.arraycopy(byteClass, 0, this.byteClass, 0, 256);
        for (byte[] p : patterns) {
            for (int first : cases(p[0] & 0xff)) {
                if (p.length == 1) {
                    for (int second = 0; second < 256; second++) {
                        setPair(first, second);
                    }
                } else {
                    for (int second : cases(p[1] & 0xff)) {
                        setPair(first, second);
                    }
                }
            }
        }
    }

    /** Receives the ids of the patterns found. */
    interface Hits {
        void hit(int id);
    }

    /** The byte and, for a letter, its other case. */
    static int[] cases(int b) {
        int lower = fold(b);
        return lower >= 'a' && lower <= 'z' ? new int[] {lower, lower - 32} : new int[] {b};
    }

    private void setPair(int first, int second) {
        int k = first << 8 | second;
        pairs[k >>> 6] |= 1L << k;
    }

    static int fold(int b) {
        return b >= 'A' && b <= 'Z' ? b + 32 : b;
    }

    /** Builds the automaton; {@code ids[i]} is reported when {@code patterns[i]} occurs. */
    static AhoCorasick build(List<byte[]> patterns, List<Integer> ids) {
        int[] cls = new int[256];
        int n = 1;
        for (byte[] p : patterns) {
            for (int i = 0; i < Math.min(p.length, MAX_PATTERN); i++) {
                int b = fold(p[i] & 0xff);
                if (cls[b] == 0) {
                    cls[b] = n++;
                }
            }
        }
        for (int b = 'A'; b <= 'Z'; b++) {
            cls[b] = cls[b + 32];
        }
        int classes = n;
        // The trie, grown as needed.
        int capacity = 1024;
        int[] go = new int[capacity * classes];
        Arrays.fill(go, -1);
        List<List<Integer>> out = new ArrayList<>();
        out.add(null);
        int nodes = 1;
        for (int k = 0; k < patterns.size(); k++) {
            byte[] p = patterns.get(k);
            int state = 0;
            int len = Math.min(p.length, MAX_PATTERN);
            for (int i = 0; i < len; i++) {
                int c = cls[p[i] & 0xff];
                int next = go[state * classes + c];
                if (next < 0) {
                    if (nodes == capacity) {
                        capacity *= 2;
                        int old = go.length;
                        go = Arrays.copyOf(go, capacity * classes);
                        Arrays.fill(go, old, go.length, -1);
                    }
                    next = nodes++;
                    out.add(null);
                    go[state * classes + c] = next;
                }
                state = next;
            }
            if (out.get(state) == null) {
                out.set(state, new ArrayList<>(1));
            }
            out.get(state).add(ids.get(k));
        }
        int[] delta = Arrays.copyOf(go, nodes * classes);
        int[] fail = new int[nodes];
        int[] dict = new int[nodes];
        Arrays.fill(dict, -1);
        ArrayDeque<Integer> queue = new ArrayDeque<>();
        for (int c = 0; c < classes; c++) {
            int next = delta[c];
            if (next < 0) {
                delta[c] = 0;
            } else {
                fail[next] = 0;
                queue.add(next);
            }
        }
        while (!queue.isEmpty()) {
            int s = queue.poll();
            int f = fail[s];
            dict[s] = out.get(f) != null ? f : dict[f];
            for (int c = 0; c < classes; c++) {
                int next = delta[s * classes + c];
                if (next < 0) {
                    delta[s * classes + c] = delta[f * classes + c];
                } else {
                    fail[next] = delta[f * classes + c];
                    queue.add(next);
                }
            }
        }
        int[][] output = new int[nodes][];
        for (int s = 0; s < nodes; s++) {
            List<Integer> o = out.get(s);
            output[s] = o == null ? null : o.stream().mapToInt(Integer::intValue).toArray();
        }
        return new AhoCorasick(classes, delta, output, dict, cls, patterns);
    }

    void scan(byte[] data, int from, int to, Hits hits) {
        if (delta16 != null) {
            scan16(data, from, to, hits);
            return;
        }
        int row = 0;
        int[] d = delta;
        int[] cls = byteClass;
        long[] p = pairs;
        int last = to - 1;
        for (int i = from; i < to; i++) {
            if (row == 0) {
                // Independent loads, no chain through the table: most positions of most payloads start nothing.
                while (i < last) {
                    int k = (data[i] & 0xff) << 8 | data[i + 1] & 0xff;
                    if ((p[k >>> 6] & 1L << k) != 0) {
                        break;
                    }
                    i++;
                }
            }
            int e = d[row + cls[data[i] & 0xff]];
            row = e & ~REPORT;
            if (e != row) {
                report(row / classes, hits);
            }
        }
    }

    /**
     * The same loop as {@link #scan} over the 16-bit table. Written twice on purpose: a shared
     * loop over an interface or a wider array would put a call or twice the cache lines on the
     * hottest path of the engine.
     */
    private void scan16(byte[] data, int from, int to, Hits hits) {
        int row = 0;
        char[] d = delta16;
        int[] cls = byteClass;
        long[] p = pairs;
        int last = to - 1;
        for (int i = from; i < to; i++) {
            if (row == 0) {
                // Independent loads, no chain through the table: most positions of most payloads start nothing.
                while (i < last) {
                    int k = (data[i] & 0xff) << 8 | data[i + 1] & 0xff;
                    if ((p[k >>> 6] & 1L << k) != 0) {
                        break;
                    }
                    i++;
                }
            }
            int e = d[row + cls[data[i] & 0xff]];
            row = e & (REPORT16 - 1);
            if (e != row) {
                report(row / classes, hits);
            }
        }
    }

    private void report(int state, Hits hits) {
        for (int s = output[state] != null ? state : dictLink[state]; s > 0; s = dictLink[s]) {
            for (int id : output[s]) {
                hits.hit(id);
            }
        }
    }

    /** States times alphabet, for the benchmark's memory line. */
    long tableEntries() {
        return delta16 != null ? delta16.length : delta.length;
    }
}
