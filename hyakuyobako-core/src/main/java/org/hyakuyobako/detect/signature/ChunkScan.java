package org.hyakuyobako.detect.signature;

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
     * The chunk's last bytes so far ({@link #TAIL}: their count, then up to {@link #REACH} bytes),
     * then per join (where pieces meet) the chunk's bytes around it, in a record of
     * {@link #RECORD} bytes at {@link #recordOf}: how many bytes before the join (up to REACH),
     * how many after (up to REACH), then those bytes. Copied while the bytes are fresh in the
     * cache (the delivery that makes or follows the join): read back from the pieces when the
     * chunk was inspected, most of them had left it. All in one array: every packet of a transfer
     * adds a join, and each array more is one more cache line to fetch per packet.
     */
    byte[] around = new byte[TAIL + 4 * RECORD];
    int joinCount;
    /** The first join whose bytes after it are not all there yet. */
    private int filling;

    /** Bytes on either side of a join that a pattern split there can lie in (the scanners compare at most MAX_COMPARED). */
    static final int REACH = PrefixHashScanner.MAX_COMPARED - 1;
    /** A join's record: two counts, then up to REACH bytes on either side. */
    static final int RECORD = 2 + 2 * REACH;
    /** The tail's place at the array's start: its count, then its bytes. */
    static final int TAIL = 1 + REACH;
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
        around[0] = 0;
    }

    private static int recordOf(int j) {
        return TAIL + j * RECORD;
    }

    /** Where join {@code j}'s bytes start in {@link #around}. */
    static int bytesOf(int j) {
        return recordOf(j) + 2;
    }

    /** How many bytes join {@code j} has (before and after it). */
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
            int n = around[0];
            int record = recordOf(joinCount);
            around[record] = (byte) n;
            around[record + 1] = 0;
            System.arraycopy(around, 1, around, record + 2, n);
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
     * The chunk's next {@code n} bytes, {@code src[off, off + n)}: the joins still short of bytes
     * after them take theirs, and the tail becomes the chunk's last bytes.
     */
    void delivered(java.nio.ByteBuffer src, int off, int n) {
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
            src.get(off + n - REACH, around, 1, REACH);
            around[0] = REACH;
        } else {
            int had = around[0];
            int keep = Math.min(had, REACH - n);
            System.arraycopy(around, 1 + had - keep, around, 1, keep);
            src.get(off, around, 1 + keep, n);
            around[0] = (byte) (keep + n);
        }
    }

    /** Whether the chunk's inspection may rely on the segment scans, for a chunk inspected with {@code g}. */
    boolean usableFor(RuleGroup g) {
        return !incomplete && group != null && group == g;
    }
}
