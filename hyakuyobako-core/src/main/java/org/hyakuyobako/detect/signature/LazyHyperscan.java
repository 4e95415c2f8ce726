package org.hyakuyobako.detect.signature;

import java.nio.ByteBuffer;
import java.util.List;

/**
 * All patterns of one prefilter part (long ones, short ones, and those bound to the buffer's start
 * with their end bound) in one Hyperscan database (ADR 0017), compiled once the part has scanned
 * enough whole buffers of {@link HyperscanScanner#MIN_LENGTH} bytes or more to repay it. Until then,
 * for shorter buffers, for regions and where Hyperscan is not there, the part's Java scanners do the
 * work and report the same patterns (Hyperscan's bounds are per pattern, the head automaton's one
 * bound per part, so Hyperscan reports fewer needless candidates, never fewer real ones).
 *
 * <p>Compiling costs tens of milliseconds per part: done for every part a capture meets, it made the
 * first ET run over the 202 MB payload mix take 8.5 s instead of 1.5 s, while most parts scan a few
 * megabytes at most. The compile runs on a background thread (the sensor's second core); the Java
 * scanners go on until it is done, so no packet waits for it.
 */
final class LazyHyperscan {
    /** Bytes (in whole buffers of MIN_LENGTH or more) after which the part's patterns go to Hyperscan. */
    static final long COMPILE_AFTER = 16L << 20;

    private static final java.util.concurrent.ExecutorService COMPILER = java.util.concurrent.Executors.newSingleThreadExecutor(r -> {
        Thread t = new Thread(r, "hyperscan-compiler");
        t.setDaemon(true);
        return t;
    });

    private final long compileAfter;
    /** Kept until the compile was started (then null). */
    private List<byte[]> patterns;
    private List<Integer> ids;
    private List<Integer> endBounds;
    private volatile HyperscanScanner vectorised;
    private long scanned;

    private LazyHyperscan(List<byte[]> patterns, List<Integer> ids, List<Integer> endBounds, long compileAfter) {
        this.patterns = patterns;
        this.ids = ids;
        this.endBounds = endBounds;
        this.compileAfter = compileAfter;
    }

    /**
     * The patterns {@code patterns[i]}, reporting {@code ids[i]} where their first
     * {@link PrefixHashScanner#MAX_COMPARED} bytes occur, case-folded, ending within
     * {@code endBounds[i]} bytes of the start (-1: anywhere); null when Hyperscan is not available.
     */
    static LazyHyperscan of(List<byte[]> patterns, List<Integer> ids, List<Integer> endBounds) {
        return of(patterns, ids, endBounds, COMPILE_AFTER);
    }

    /** As {@link #of(List, List, List)}, compiled after {@code compileAfter} bytes (tests compile at once with 0). */
    static LazyHyperscan of(List<byte[]> patterns, List<Integer> ids, List<Integer> endBounds, long compileAfter) {
        if (!HyperscanScanner.available() || patterns.isEmpty()) {
            return null;
        }
        return new LazyHyperscan(List.copyOf(patterns), List.copyOf(ids), List.copyOf(endBounds), compileAfter);
    }

    /**
     * Scans {@code buf[0, length)} when the database is ready and the buffer long enough.
     *
     * @return false when the caller must scan with the Java scanners (not compiled yet, too short,
     *     or Hyperscan failed: a pattern reported before a failure is reported twice, which the
     *     candidate set absorbs)
     */
    boolean scan(byte[] buf, int length, AhoCorasick.Hits hits) {
        HyperscanScanner v = ready(length);
        return v != null && v.scan(buf, 0, length, hits);
    }

    /** As {@link #scan(byte[], int, AhoCorasick.Hits)}, reading a direct buffer where it lies. */
    boolean scan(ByteBuffer direct, int offset, int length, AhoCorasick.Hits hits) {
        HyperscanScanner v = ready(length);
        return v != null && v.scan(direct, offset, length, hits);
    }

    /** The database for a buffer of {@code length} bytes, or null; counts the bytes towards compiling it. */
    private HyperscanScanner ready(int length) {
        if (length < HyperscanScanner.MIN_LENGTH) {
            return null;
        }
        HyperscanScanner v = vectorised;
        if (v == null && patterns != null && (scanned += length) >= compileAfter) {
            startCompile();
        }
        return v;
    }

    private synchronized void startCompile() {
        if (patterns != null) {
            List<byte[]> p = patterns;
            List<Integer> i = ids;
            List<Integer> b = endBounds;
            patterns = null;
            ids = null;
            endBounds = null;
            COMPILER.execute(() -> vectorised = HyperscanScanner.build(p, i, b));
        }
    }

    boolean vectorised() {
        return vectorised != null;
    }
}
