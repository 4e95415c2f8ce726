package org.hyakuyobako.detect.signature;

import java.nio.ByteBuffer;
import java.util.Arrays;

/**
 * What the segment scans found in the pieces of one stream chunk ({@link SegmentScan}): the stream
 * group they were scanned for, the stream rules whose patterns occur inside a piece, and where
 * pieces meet in the chunk. When every piece was scanned that way, the chunk's inspection marks
 * those rules and scans only the bytes around each meeting point (for patterns split across
 * segments) and the chunk's start (for patterns bound to it), instead of the whole chunk again.
 */
final class ChunkScan {
    RuleGroup group;
    /** Whether some piece was not scanned with its segment (held out-of-order data, an overlap, a segment of another group). */
    boolean incomplete;
    int[] ids = NO_IDS;
    int idCount;
    /**
     * The chunk's first bytes (up to {@link #HEAD}, {@link #headLength} of them, from index 0: the
     * patterns bound to the chunk's start are looked for there), its last bytes so far (up to
     * {@link #REACH} at {@code HEAD}, {@link #tailLength} of them), then per join (where pieces
     * meet) the chunk's bytes around it, in a record of {@link #RECORD} bytes at
     * {@link #recordOf}: how many bytes before the join (up to REACH), how many after (up to
     * REACH), then those bytes. Copied while the bytes are fresh in the cache (the delivery that
     * starts the chunk, makes or follows the join): read back from the pieces (views of the
     * capture's mapping, ADR 0018) when the chunk was inspected, most of them had left it. All in
     * one array: every packet of a transfer adds a join, and each array more is one more cache
     * line to fetch per packet.
     */
    byte[] around = new byte[HEAD + REACH + 4 * RECORD];
    int headLength;
    private int tailLength;
    int joinCount;
    /** The first join whose bytes after it are not all there yet. */
    private int filling;

    /** Bytes on either side of a join that a pattern split there can lie in (the scanners compare at most MAX_COMPARED). */
    static final int REACH = PrefixHashScanner.MAX_COMPARED - 1;
    /** A join's record: two counts, then up to REACH bytes on either side. */
    static final int RECORD = 2 + 2 * REACH;
    /**
     * How many of the chunk's first bytes are kept: ET's patterns bound to a stream's start reach
     * 2, 3 or 21 bytes into it (the part-wide bounds met on the large capture and the payload mix);
     * a group that reaches farther has its chunks' starts copied from the pieces.
     */
    static final int HEAD = 64;
    /** More joins than this in one chunk (a trickle of tiny segments) and the chunk is scanned whole instead (memory stays bounded). */
    static final int MAX_JOINS = 1_024;
    private static final int[] NO_IDS = new int[0];

    /** Empty, for a new chunk. */
    void clear() {
        group = null;
        incomplete = false;
        idCount = 0;
        joinCount = 0;
        filling = 0;
        headLength = 0;
        tailLength = 0;
    }

    private static int recordOf(int j) {
        return HEAD + REACH + j * RECORD;
    }

    /** Where the join records start in {@link #around}. */
    static int recordsStart() {
        return recordOf(0);
    }

    /** Where the records of {@code joins} joins end. */
    static int recordsEnd(int joins) {
        return recordOf(joins);
    }

    /** Where join {@code j}'s bytes start in {@link #around} (for the tests). */
    static int bytesOf(int j) {
        return recordOf(j) + 2;
    }

    /** How many bytes join {@code j} has, before and after it (for the tests). */
    int lengthOf(int j) {
        return around[recordOf(j)] + around[recordOf(j) + 1];
    }

    /** A piece starting at {@code at} in the chunk, scanned as {@code scan} (null: not scanned with its segment). */
    void piece(int at, SegmentScan scan) {
        if (at > 0 && !incomplete) {
            if (joinCount == MAX_JOINS) {
                incomplete = true;
                return;
            }
            if (recordOf(joinCount + 1) > around.length) {
                around = Arrays.copyOf(around, recordOf(joinCount * 2));
            }
            // The bytes before the join: the chunk's tail, all of it (it holds at most REACH).
            int n = tailLength;
            int record = recordOf(joinCount);
            around[record] = (byte) n;
            around[record + 1] = 0;
            System.arraycopy(around, HEAD, around, record + 2, n);
            joinCount++;
        }
        if (scan == null || scan.count > SegmentScan.MAX_IDS || group != null && group != scan.group) {
            incomplete = true;
            return;
        }
        group = scan.group;
        if (scan.count == 0) {
            return;
        }
        if (idCount + scan.count > SegmentScan.MAX_IDS) {
            incomplete = true;
            return;
        }
        if (idCount + scan.count > ids.length) {
            ids = Arrays.copyOf(ids, Math.max(Math.max(16, ids.length * 2), idCount + scan.count));
        }
        System.arraycopy(scan.ids, 0, ids, idCount, scan.count);
        idCount += scan.count;
    }

    /**
     * The chunk's next {@code n} bytes, {@code src[off, off + n)}: the head takes them while it is
     * short of {@link #HEAD}, the joins still short of bytes after them take theirs, and the tail
     * becomes the chunk's last bytes.
     */
    void delivered(ByteBuffer src, int off, int n) {
        if (headLength < HEAD) {
            int k = Math.min(HEAD - headLength, n);
            src.get(off, around, headLength, k);
            headLength += k;
        }
        for (int j = filling; j < joinCount; j++) {
            int record = recordOf(j);
            int after = around[record + 1];
            int k = Math.min(REACH - after, n);
            src.get(off, around, record + 2 + around[record] + after, k);
            around[record + 1] = (byte) (after + k);
        }
        while (filling < joinCount && around[recordOf(filling) + 1] == REACH) {
            filling++;
        }
        if (n >= REACH) {
            src.get(off + n - REACH, around, HEAD, REACH);
            tailLength = REACH;
        } else {
            int keep = Math.min(tailLength, REACH - n);
            System.arraycopy(around, HEAD + tailLength - keep, around, HEAD, keep);
            src.get(off, around, HEAD + keep, n);
            tailLength = keep + n;
        }
    }

    /** Whether the chunk's inspection may rely on the segment scans, for a chunk inspected with {@code g}. */
    boolean usableFor(RuleGroup g) {
        return !incomplete && group != null && group == g;
    }
}
