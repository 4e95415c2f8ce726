package org.hyakuyobako.detect.signature;

import static com.gliwka.hyperscan.jni.hyperscan.HS_FLAG_CASELESS;
import static com.gliwka.hyperscan.jni.hyperscan.HS_FLAG_SINGLEMATCH;
import static com.gliwka.hyperscan.jni.hyperscan.HS_MODE_BLOCK;
import static com.gliwka.hyperscan.jni.hyperscan.HS_SUCCESS;
import static com.gliwka.hyperscan.jni.hyperscan.hs_alloc_scratch;
import static com.gliwka.hyperscan.jni.hyperscan.HS_EXT_FLAG_MAX_OFFSET;
import static com.gliwka.hyperscan.jni.hyperscan.hs_compile_ext_multi;
import static com.gliwka.hyperscan.jni.hyperscan.hs_free_compile_error;
import static com.gliwka.hyperscan.jni.hyperscan.hs_free_database;
import static com.gliwka.hyperscan.jni.hyperscan.hs_free_scratch;
import static com.gliwka.hyperscan.jni.hyperscan.hs_scan;

import com.gliwka.hyperscan.jni.hs_compile_error_t;
import com.gliwka.hyperscan.jni.hs_database_t;
import com.gliwka.hyperscan.jni.hs_expr_ext_t;
import com.gliwka.hyperscan.jni.hs_scratch_t;
import com.gliwka.hyperscan.jni.match_event_handler;
import java.lang.ref.Cleaner;
import java.nio.ByteBuffer;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.WeakHashMap;
import org.bytedeco.javacpp.BytePointer;
import org.bytedeco.javacpp.IntPointer;
import org.bytedeco.javacpp.Pointer;
import org.bytedeco.javacpp.PointerPointer;

/**
 * The same search as {@link PrefixHashScanner} (each pattern's first {@link PrefixHashScanner#MAX_COMPARED}
 * bytes, case-folded, reported once per scan) done by Hyperscan, Intel's vectorised multi-pattern
 * matcher, through its JavaCPP bindings. On the engine's real groups it ran three times faster than
 * the pair scanner (233 patterns on the large capture's bytes 3.4 GB/s against 1.07; 946 patterns on
 * the mix's 2.0–2.2 GB/s against 0.68–0.72, per call of 1,460–2,300 bytes including the copy into
 * native memory), but each call costs a native transition: buffers shorter than
 * {@link #MIN_LENGTH} stay with the pair scanner. Where the natives do not load (only x86-64 Linux
 * ones are bundled) or {@code -Dhyakuyobako.hyperscan=false} is given, {@link #build} returns null
 * and the pair scanner does everything.
 */
final class HyperscanScanner {
    /**
     * Buffers shorter than this are not worth a native call. 256 on one thread (64 measured +2–6 %
     * on the large capture, ±1 % on the mix); with the engine on its own thread, where the engine is
     * the limit, 64 won 5 of 7 pairs of runs alternated in one JVM by 3–6 % (ET Open, 10 warm runs
     * then 20 alternating, medians: mix 514 → 538, 501 → 529, 482 → 510, 535 → 531 MB/s; the large
     * capture's first 200 MB 877 → 946, 1,020 → 1,052, 996 → 939), and 32 did no better than 64.
     */
    static final int MIN_LENGTH = 64;

    private static final boolean AVAILABLE = load();
    private static final Cleaner CLEANER = Cleaner.create();

    private final hs_database_t database;
    /** Per Hyperscan id: the rule ids of the patterns with those folded bytes. */
    private final int[][] ids;

    private static boolean load() {
        if (!Boolean.parseBoolean(System.getProperty("hyakuyobako.hyperscan", "true"))) {
            return false;
        }
        try {
            org.bytedeco.javacpp.Loader.load(com.gliwka.hyperscan.jni.hyperscan.class);
            return true;
        } catch (Throwable e) {     // no natives for this platform: the pure-Java scanner does the work
            return false;
        }
    }

    static boolean available() {
        return AVAILABLE;
    }

    private HyperscanScanner(hs_database_t database, int[][] ids) {
        this.database = database;
        this.ids = ids;
        CLEANER.register(this, () -> hs_free_database(database));
    }

    /** The scanner for these patterns (looked for anywhere), or null when Hyperscan is not there or refuses them. */
    static HyperscanScanner build(List<byte[]> patterns, List<Integer> ruleIds) {
        return build(patterns, ruleIds, java.util.Collections.nCopies(patterns.size(), -1));
    }

    /**
     * The scanner for these patterns, each reported only where its first
     * {@link PrefixHashScanner#MAX_COMPARED} bytes end within {@code endBounds[i]} bytes of the
     * buffer's start ({@link org.hyakuyobako.rules.ContentOption#endBound}; -1: anywhere), or null
     * when Hyperscan is not there or refuses them.
     */
    static HyperscanScanner build(List<byte[]> patterns, List<Integer> ruleIds, List<Integer> endBounds) {
        if (!AVAILABLE || patterns.isEmpty()) {
            return null;
        }
        // Patterns that fold to the same bytes (with the same bound) are one expression reporting all their ids.
        Map<Expression, List<Integer>> byBytes = new LinkedHashMap<>();
        for (int i = 0; i < patterns.size(); i++) {
            byte[] p = patterns.get(i);
            if (p.length == 0) {
                return null;    // Hyperscan refuses what matches everywhere; the Java scanners handle it
            }
            StringBuilder expression = new StringBuilder();
            for (int k = 0; k < Math.min(p.length, PrefixHashScanner.MAX_COMPARED); k++) {
                expression.append(String.format("\\x%02x", ByteSearch.FOLD[p[k] & 0xff] & 0xff));
            }
            byBytes.computeIfAbsent(new Expression(expression.toString(), endBounds.get(i)), e -> new ArrayList<>()).add(ruleIds.get(i));
        }
        int n = byBytes.size();
        PointerPointer<BytePointer> expressions = new PointerPointer<>(n);
        IntPointer flags = new IntPointer(n);
        IntPointer hsIds = new IntPointer(n);
        int[][] ids = new int[n][];
        // PointerPointer.put keeps only the address: the strings' native memory must stay reachable
        // until the compiler has read it, or a collection frees it under the compiler's feet.
        List<BytePointer> strings = new ArrayList<>(n);
        PointerPointer<hs_expr_ext_t> extensions = new PointerPointer<>(n);
        List<hs_expr_ext_t> bounded = new ArrayList<>();
        int k = 0;
        for (Map.Entry<Expression, List<Integer>> e : byBytes.entrySet()) {
            BytePointer string = new BytePointer(e.getKey().hex());
            int bound = e.getKey().endBound();
            if (bound >= 0) {
                hs_expr_ext_t ext = new hs_expr_ext_t();
                ext.flags(HS_EXT_FLAG_MAX_OFFSET);
                ext.min_offset(0).min_length(0).edit_distance(0).hamming_distance(0);
                ext.max_offset(bound);
                bounded.add(ext);
                extensions.put(k, ext);
            } else {
                extensions.put(k, null);
            }
            strings.add(string);
            expressions.put(k, string);
            flags.put(k, HS_FLAG_CASELESS | HS_FLAG_SINGLEMATCH);
            hsIds.put(k, k);
            ids[k] = e.getValue().stream().mapToInt(Integer::intValue).toArray();
            k++;
        }
        PointerPointer<hs_database_t> db = new PointerPointer<>(1);
        PointerPointer<hs_compile_error_t> error = new PointerPointer<>(1);
        int result = hs_compile_ext_multi(expressions, flags, hsIds, extensions, n, HS_MODE_BLOCK, null, db, error);
        java.lang.ref.Reference.reachabilityFence(strings);
        java.lang.ref.Reference.reachabilityFence(bounded);
        java.lang.ref.Reference.reachabilityFence(extensions);
        java.lang.ref.Reference.reachabilityFence(expressions);
        java.lang.ref.Reference.reachabilityFence(flags);
        java.lang.ref.Reference.reachabilityFence(hsIds);
        if (result != HS_SUCCESS) {
            hs_free_compile_error(new hs_compile_error_t(error.get(0)));
            return null;
        }
        return new HyperscanScanner(new hs_database_t(db.get(0)), ids);
    }

    /**
     * Reports the ids of the patterns that occur in {@code data[from, to)}.
     *
     * @return false when Hyperscan failed (no scratch space, say): the caller scans another way
     */
    boolean scan(byte[] data, int from, int to, AhoCorasick.Hits hits) {
        // Checked here, not left to the native side: a negative length reaches hs_scan as 4 GB and
        // crashes the JVM (a test's reversed range did, once buffers of 64 bytes were scanned).
        java.util.Objects.checkFromToIndex(from, to, data.length);
        Scratch s = SCRATCH.get();
        if (!s.fit(this)) {
            return false;
        }
        int n = to - from;
        s.buffer(n).put(data, from, n);
        s.ids = ids;
        s.hits = hits;
        int result = hs_scan(database, s.buffer, n, 0, s.scratch, s.handler, null);
        s.hits = null;
        // The Cleaner frees the database once this scanner is unreachable, which the JIT may decide
        // it is as soon as the field was read, while the native scan still runs.
        java.lang.ref.Reference.reachabilityFence(this);
        java.lang.ref.Reference.reachabilityFence(s);
        return result == HS_SUCCESS;
    }

    /**
     * Reports the ids of the patterns that occur in {@code direct[offset, offset + n)}, read where
     * the buffer lies (a mapped capture file): no copy into native memory.
     *
     * @return false when Hyperscan failed, or the buffer is not direct: the caller scans another way
     */
    boolean scan(ByteBuffer direct, int offset, int n, AhoCorasick.Hits hits) {
        if (!direct.isDirect() || offset < 0 || n < 0 || offset + n > direct.capacity()) {
            return false;
        }
        Scratch s = SCRATCH.get();
        if (!s.fit(this)) {
            return false;
        }
        BytePointer data = s.view(direct);
        data.position(offset);
        s.ids = ids;
        s.hits = hits;
        int result = hs_scan(database, data, n, 0, s.scratch, s.handler, null);
        s.hits = null;
        java.lang.ref.Reference.reachabilityFence(this);
        java.lang.ref.Reference.reachabilityFence(s);
        // The pointer holds only the address: the buffer (and with it the file mapping) must outlive the scan.
        java.lang.ref.Reference.reachabilityFence(direct);
        return result == HS_SUCCESS;
    }

    /** One Hyperscan expression: the folded bytes as {@code \xNN} escapes, and the end bound (-1: none). */
    private record Expression(String hex, int endBound) {
    }

    private static final ThreadLocal<Scratch> SCRATCH = ThreadLocal.withInitial(Scratch::new);

    /**
     * One thread's Hyperscan scratch space (grown to fit every database it scanned with), its native
     * copy of the buffer and the callback that turns matches into rule ids.
     */
    private static final class Scratch {
        private final PointerPointer<hs_scratch_t> pointer = new PointerPointer<>(1);
        private hs_scratch_t scratch;
        /** The scanners this scratch was grown for (weakly: a scanner dropped with its rule group goes). */
        private final Map<HyperscanScanner, Boolean> fitted = new WeakHashMap<>();
        private BytePointer buffer = new BytePointer(2_048);
        private int[][] ids;
        private AhoCorasick.Hits hits;
        private final match_event_handler handler = new match_event_handler() {
            @Override
            public int call(int id, long from, long to, int flags, Pointer context) {
                for (int rule : ids[id]) {
                    hits.hit(rule);
                }
                return 0;
            }
        };

        Scratch() {
            pointer.put(0, null);
            PointerPointer<hs_scratch_t> p = pointer;
            CLEANER.register(this, () -> {
                if (p.get(0) != null) {
                    hs_free_scratch(new hs_scratch_t(p.get(0)));
                }
            });
        }

        /** Grows the scratch space for the scanner's database (once); false when Hyperscan cannot. */
        boolean fit(HyperscanScanner scanner) {
            if (fitted.containsKey(scanner)) {
                return true;
            }
            if (hs_alloc_scratch(scanner.database, pointer) != HS_SUCCESS) {
                return false;
            }
            scratch = new hs_scratch_t(pointer.get(0));
            fitted.put(scanner, Boolean.TRUE);
            return true;
        }

        /** A pointer to the direct buffer's memory, made once per buffer (a capture's mapped window is used for many packets). */
        BytePointer view(ByteBuffer direct) {
            if (direct != viewed) {
                view = new BytePointer(direct.duplicate().clear());
                viewed = direct;
            }
            return view;
        }

        private ByteBuffer viewed;
        private BytePointer view;

        BytePointer buffer(int n) {
            if (buffer.capacity() < n) {
                buffer = new BytePointer(Math.max(n, 2 * buffer.capacity()));
            }
            return buffer;
        }
    }
}
