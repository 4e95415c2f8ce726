package org.hyakuyobako.detect.signature;

import java.nio.ByteBuffer;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import org.hyakuyobako.rules.ContentOption;

/**
 * The prefilter of one buffer for one rule group: the rules' fast patterns, split by what makes
 * them cheap to look for. Patterns of {@link #LONG} bytes or more go to a scanner that rules out
 * several positions per look-up ({@link PrefixHashScanner}); a single pattern of one or two bytes
 * in it would force it to look at every position. Short patterns that can only occur near the
 * start of the buffer (ET's {@code content:"|16 03|"; depth:2;}) go to an automaton run over that
 * start only; the remaining short patterns (a rule whose every content is that short: ET's hundred
 * Gh0st rules, {@code content:"|7d 9f|"; offset:8;}) to one run over the whole buffer.
 *
 * <p>Once a part has scanned enough, all of its patterns (the start-bound ones with their bound)
 * also go into one Hyperscan database that scans whole buffers of 256 bytes or more in one native
 * call ({@link LazyHyperscan}, ADR 0017); the scanners above keep the rest.
 *
 * <p>Each of these exists twice when some rules look at one direction only: the data a client
 * sends is never scanned for the patterns of {@code flow:to_client} rules, and the other way
 * round (the Gh0st rules are {@code to_server}: the downloads that make most of the bytes skip them).
 */
final class BufferPrefilter {
    /** Patterns at least this long are searched with a stride of {@code LONG - 1}. */
    static final int LONG = PrefixHashScanner.PREFIX;
    /** A rule's direction: both, {@code flow:to_server} only, {@code flow:to_client} only. */
    static final int EITHER = 0;
    static final int TO_SERVER = 1;
    static final int TO_CLIENT = 2;
    /** Up to this many short unanchored patterns are searched one by one rather than with an automaton. */
    static final int FEW_SHORT = 3;

    private final Part toServer;
    private final Part toClient;

    private BufferPrefilter(Part toServer, Part toClient) {
        this.toServer = toServer;
        this.toClient = toClient;
    }

    /** {@code ids[i]} is reported when {@code keys[i]}'s pattern occurs where it may, in either direction. */
    static BufferPrefilter build(List<ContentOption> keys, List<Integer> ids) {
        return build(keys, ids, Collections.nCopies(keys.size(), EITHER));
    }

    /** As {@link #build(List, List)}, each key looked for only in the direction {@code sides[i]} names. */
    static BufferPrefilter build(List<ContentOption> keys, List<Integer> ids, List<Integer> sides) {
        return build(keys, ids, sides, LazyHyperscan.COMPILE_AFTER);
    }

    /** As {@link #build(List, List, List)}, a part's Hyperscan database compiled after it scanned {@code compileAfter} bytes. */
    static BufferPrefilter build(List<ContentOption> keys, List<Integer> ids, List<Integer> sides, long compileAfter) {
        if (!sides.contains(TO_SERVER) && !sides.contains(TO_CLIENT)) {
            Part both = Part.build(keys, ids, compileAfter);
            return new BufferPrefilter(both, both);
        }
        return new BufferPrefilter(Part.build(keys, ids, sides, TO_CLIENT, compileAfter), Part.build(keys, ids, sides, TO_SERVER, compileAfter));
    }

    void scan(byte[] buf, boolean fromClient, AhoCorasick.Hits hits) {
        (fromClient ? toServer : toClient).scan(buf, buf.length, hits);
    }

    /**
     * {@link #scan(byte[], boolean, AhoCorasick.Hits)} of {@code direct[offset, offset + length)}
     * read where it lies (a mapped capture), when Hyperscan is ready for it; false when it was not
     * scanned (then the caller scans the bytes as an array).
     */
    boolean scan(ByteBuffer direct, int offset, int length, boolean fromClient, AhoCorasick.Hits hits) {
        return (fromClient ? toServer : toClient).scan(direct, offset, length, hits);
    }

    /**
     * Scans the inspection's PAYLOAD when it lies in place ({@link Inspection#payloadInPlace}),
     * without making its array: Hyperscan reads it where it lies, else the Java scanners a reused
     * copy. False when PAYLOAD is an array (or absent): the caller scans that.
     */
    boolean scanInPlace(Inspection in, AhoCorasick.Hits hits) {
        ByteBuffer view = in.payloadInPlace();
        if (view == null) {
            return false;
        }
        Part part = in.toServer ? toServer : toClient;
        int length = in.payloadInPlaceLength();
        if (!part.scan(view, in.payloadInPlaceOffset(), length, hits)) {
            // The Java scanners read an array: a reused copy, so that the payload stays in place
            // (no array per packet, and its stream chunk keeps a view of it).
            part.scanWithJava(in.payloadScratch(), length, hits);
        }
        return true;
    }

    /** Whether a direction's scans go to Hyperscan now (for the tests). */
    boolean vectorised(boolean fromClient) {
        return (fromClient ? toServer : toClient).vectorised();
    }

    /**
     * Only the patterns that can occur near the buffer's start ({@link #scan} minus {@link #scanRegion}),
     * in a buffer whose first {@code length} bytes are there: {@code buf} may hold just the first
     * {@link #headEnd} of them.
     */
    void scanHead(byte[] buf, int length, boolean fromClient, AhoCorasick.Hits hits) {
        (fromClient ? toServer : toClient).scanHead(buf, length, hits);
    }

    /** How far from the start {@link #scanHead} looks. */
    int headEnd(boolean fromClient) {
        return (fromClient ? toServer : toClient).headEnd;
    }

    /**
     * The patterns that may occur anywhere, looked for in {@code buf[from, to)} only: an occurrence
     * is reported when the bytes the scanners compare (up to {@link PrefixHashScanner#MAX_COMPARED})
     * lie inside the region.
     */
    void scanRegion(byte[] buf, int from, int to, boolean fromClient, AhoCorasick.Hits hits) {
        (fromClient ? toServer : toClient).scanAnywhere(buf, from, to, hits);
    }

    /** Whether a key is searched for near the start of the buffer only (short and bounded), by {@link #scanHead}. */
    static boolean headOnly(ContentOption key) {
        return key.pattern().length < LONG && key.endBound() >= 0;
    }

    long tableEntries() {
        return toServer.tableEntries() + (toClient == toServer ? 0 : toClient.tableEntries());
    }

    /** The scanners for one direction. */
    private static final class Part {
        private final PrefixHashScanner longPatterns;
        private final AhoCorasick headPatterns;
        /** The end of the buffer's start where the head patterns can occur. */
        private final int headEnd;
        private final AhoCorasick shortPatterns;
        /**
         * When there are only a few short patterns: each searched on its own for its rarest byte,
         * eight bytes at a time ({@link ByteSearch}), instead of an automaton step per byte.
         */
        private final byte[][] fewShort;
        private final int[] fewShortIds;
        /** Every pattern above in one Hyperscan database, for whole buffers once it pays (null: none). */
        private final LazyHyperscan vectorised;

        private Part(PrefixHashScanner longPatterns, AhoCorasick headPatterns, int headEnd, List<byte[]> shortP, List<Integer> shortIds,
                     LazyHyperscan vectorised) {
            this.longPatterns = longPatterns;
            this.headPatterns = headPatterns;
            this.headEnd = headEnd;
            boolean few = shortP.size() <= FEW_SHORT;
            this.shortPatterns = shortP.isEmpty() || few ? null : AhoCorasick.build(shortP, shortIds);
            this.fewShort = few ? shortP.toArray(new byte[0][]) : new byte[0][];
            this.fewShortIds = few ? shortIds.stream().mapToInt(Integer::intValue).toArray() : new int[0];
            this.vectorised = vectorised;
        }

        /** The keys whose side is not {@code excluded}. */
        static Part build(List<ContentOption> keys, List<Integer> ids, List<Integer> sides, int excluded, long compileAfter) {
            List<ContentOption> k = new ArrayList<>();
            List<Integer> i = new ArrayList<>();
            for (int n = 0; n < keys.size(); n++) {
                if (sides.get(n) != excluded) {
                    k.add(keys.get(n));
                    i.add(ids.get(n));
                }
            }
            return build(k, i, compileAfter);
        }

        static Part build(List<ContentOption> keys, List<Integer> ids, long compileAfter) {
            List<byte[]> longP = new ArrayList<>();
            List<Integer> longIds = new ArrayList<>();
            List<byte[]> headP = new ArrayList<>();
            List<Integer> headIds = new ArrayList<>();
            List<byte[]> shortP = new ArrayList<>();
            List<Integer> shortIds = new ArrayList<>();
            List<byte[]> allP = new ArrayList<>();
            List<Integer> allBounds = new ArrayList<>();
            int headEnd = 0;
            for (int i = 0; i < keys.size(); i++) {
                ContentOption c = keys.get(i);
                int end = c.endBound();
                allP.add(c.pattern());
                if (c.pattern().length >= LONG) {
                    longP.add(c.pattern());
                    longIds.add(ids.get(i));
                    allBounds.add(-1);
                } else if (end >= 0) {
                    headP.add(c.pattern());
                    headIds.add(ids.get(i));
                    headEnd = Math.max(headEnd, end);
                    allBounds.add(end);
                } else {
                    shortP.add(c.pattern());
                    shortIds.add(ids.get(i));
                    allBounds.add(-1);
                }
            }
            return new Part(longP.isEmpty() ? null : PrefixHashScanner.build(longP, longIds),
                    headP.isEmpty() ? null : AhoCorasick.build(headP, headIds), headEnd, shortP, shortIds,
                    LazyHyperscan.of(allP, ids, allBounds, compileAfter));
        }

        /** Scans {@code buf[0, length)}. */
        void scan(byte[] buf, int length, AhoCorasick.Hits hits) {
            if (vectorised != null && vectorised.scan(buf, length, hits)) {
                return;
            }
            scanWithJava(buf, length, hits);
        }

        /** The same with the Java scanners only. */
        void scanWithJava(byte[] buf, int length, AhoCorasick.Hits hits) {
            scanHead(buf, length, hits);
            scanAnywhere(buf, 0, length, hits);
        }

        /** {@link #scan(byte[], int, AhoCorasick.Hits)} of a direct buffer's bytes where they lie; false when it could not (the caller scans an array). */
        boolean scan(ByteBuffer direct, int offset, int length, AhoCorasick.Hits hits) {
            return vectorised != null && vectorised.scan(direct, offset, length, hits);
        }

        void scanHead(byte[] buf, int length, AhoCorasick.Hits hits) {
            if (headPatterns != null) {
                headPatterns.scan(buf, 0, Math.min(length, headEnd), hits);
            }
        }

        void scanAnywhere(byte[] buf, int from, int to, AhoCorasick.Hits hits) {
            if (longPatterns != null) {
                longPatterns.scan(buf, from, to, hits);
            }
            if (shortPatterns != null) {
                shortPatterns.scan(buf, from, to, hits);
            }
            for (int k = 0; k < fewShort.length; k++) {
                if (PayloadMatcher.indexOf(buf, fewShort[k], from, to, true) >= 0) {
                    hits.hit(fewShortIds[k]);
                }
            }
        }

        boolean vectorised() {
            return vectorised != null && vectorised.vectorised();
        }

        long tableEntries() {
            return (longPatterns == null ? 0 : longPatterns.tableEntries()) + (headPatterns == null ? 0 : headPatterns.tableEntries())
                    + (shortPatterns == null ? 0 : shortPatterns.tableEntries());
        }
    }
}
