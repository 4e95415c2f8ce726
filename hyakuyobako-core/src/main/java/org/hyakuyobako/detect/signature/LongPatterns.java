package org.hyakuyobako.detect.signature;

import java.util.List;

/**
 * A prefilter part's patterns of four bytes or more: searched by the pair scanner, and by Hyperscan
 * (ADR 0017) once this part has scanned enough bytes in ranges of {@link HyperscanScanner#MIN_LENGTH}
 * or more to repay compiling a Hyperscan database. Compiling costs tens of milliseconds per part:
 * done for every part a capture meets, it made the first ET run over the 202 MB payload mix take
 * 8.5 s instead of 1.5 s, while most parts scan a few megabytes at most. The compile runs on a
 * background thread (the sensor's second core); the pair scanner goes on until it is done, so no
 * packet waits for it.
 */
final class LongPatterns {
    /** Bytes (in ranges of MIN_LENGTH or more) after which the part's patterns go to Hyperscan. */
    static final long COMPILE_AFTER = 16L << 20;

    private final PrefixHashScanner pairs;
    /** Kept until Hyperscan was tried (then null). */
    private List<byte[]> patterns;
    private List<Integer> ids;
    private volatile HyperscanScanner vectorised;
    private long scannedLarge;
    /** One daemon thread compiles for all parts, one database at a time. */
    private static final java.util.concurrent.ExecutorService COMPILER = java.util.concurrent.Executors.newSingleThreadExecutor(r -> {
        Thread t = new Thread(r, "hyperscan-compiler");
        t.setDaemon(true);
        return t;
    });

    private LongPatterns(PrefixHashScanner pairs, List<byte[]> patterns, List<Integer> ids) {
        this.pairs = pairs;
        if (HyperscanScanner.available()) {
            this.patterns = patterns;
            this.ids = ids;
        }
    }

    static LongPatterns build(List<byte[]> patterns, List<Integer> ids) {
        return new LongPatterns(PrefixHashScanner.build(patterns, ids), patterns, ids);
    }

    void scan(byte[] buf, int from, int to, AhoCorasick.Hits hits) {
        int n = to - from;
        if (n >= HyperscanScanner.MIN_LENGTH) {
            HyperscanScanner v = vectorised;
            if (v == null && patterns != null && (scannedLarge += n) >= COMPILE_AFTER) {
                startCompile();
            }
            if (v != null && v.scan(buf, from, to, hits)) {
                return;
            }
            // Not compiled (yet), or Hyperscan failed on this buffer: the pair scanner scans it. A
            // pattern reported before a failure is reported twice, which the candidate set absorbs.
        }
        pairs.scan(buf, from, to, hits);
    }

    /** Once per part, whichever thread gets here first (rule groups are shared by the analyses of a process). */
    private synchronized void startCompile() {
        if (patterns != null) {
            List<byte[]> p = patterns;
            List<Integer> i = ids;
            patterns = null;
            ids = null;
            COMPILER.execute(() -> vectorised = HyperscanScanner.build(p, i));
        }
    }

    /** Whether Hyperscan does this part's larger scans now. */
    boolean vectorised() {
        return vectorised != null;
    }

    long tableEntries() {
        return pairs.tableEntries();
    }
}
