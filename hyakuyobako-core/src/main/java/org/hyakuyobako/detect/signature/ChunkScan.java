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
    int[] ids = new int[16];
    int idCount;
    /** Where pieces meet in the chunk. */
    int[] joins = new int[8];
    int joinCount;
    /**
     * Per join, the chunk's bytes around it: up to {@link #REACH} before and {@link #REACH} after,
     * at {@code j * 2 * REACH}; {@link #before} and {@link #after} say how many of each are there.
     * Copied while the bytes are fresh in the cache (the delivery that makes or follows the join):
     * read back from the pieces when the chunk was inspected, most of them had left it.
     */
    byte[] around = new byte[8 * 2 * REACH];
    int[] before = new int[8];
    int[] after = new int[8];
    /** The first join whose bytes after it are not all there yet. */
    private int filling;

    /** Bytes on either side of a join that a pattern split there can lie in (the scanners compare at most MAX_COMPARED). */
    static final int REACH = PrefixHashScanner.MAX_COMPARED - 1;
    /** More joins than this in one chunk (a trickle of tiny segments) and the chunk is scanned whole instead (memory stays bounded). */
    static final int MAX_JOINS = 1_024;

    /** Empty, for a new chunk. */
    void clear() {
        group = null;
        incomplete = false;
        idCount = 0;
        joinCount = 0;
        filling = 0;
    }

    /**
     * A piece starting at {@code at} in the chunk, scanned as {@code scan} (null: not scanned with
     * its segment); {@code tail[0, tailLength)} are the chunk's last bytes before it.
     */
    void piece(int at, SegmentScan scan, byte[] tail, int tailLength) {
        if (at > 0 && !incomplete) {
            if (joinCount == MAX_JOINS) {
                incomplete = true;
                return;
            }
            if (joinCount == before.length) {
                joins = Arrays.copyOf(joins, joinCount * 2);
                before = Arrays.copyOf(before, joinCount * 2);
                after = Arrays.copyOf(after, joinCount * 2);
                around = Arrays.copyOf(around, joinCount * 2 * 2 * REACH);
            }
            int n = Math.min(REACH, tailLength);
            System.arraycopy(tail, tailLength - n, around, joinCount * 2 * REACH, n);
            joins[joinCount] = at;
            before[joinCount] = n;
            after[joinCount] = 0;
            joinCount++;
        }
        if (scan == null || scan.count > SegmentScan.MAX_IDS || group != null && group != scan.group) {
            incomplete = true;
            return;
        }
        group = scan.group;
        if (idCount + scan.count > SegmentScan.MAX_IDS) {
            incomplete = true;
            return;
        }
        if (idCount + scan.count > ids.length) {
            ids = Arrays.copyOf(ids, Math.max(ids.length * 2, idCount + scan.count));
        }
        System.arraycopy(scan.ids, 0, ids, idCount, scan.count);
        idCount += scan.count;
    }

    /** The chunk's next {@code n} bytes, {@code src[off, off + n)}: the joins still short of bytes after them take theirs. */
    void delivered(java.nio.ByteBuffer src, int off, int n) {
        for (int j = filling; j < joinCount; j++) {
            int want = REACH - after[j];
            if (want > 0) {
                int k = Math.min(want, n);
                src.get(off, around, j * 2 * REACH + before[j] + after[j], k);
                after[j] += k;
            }
        }
        while (filling < joinCount && after[filling] == REACH) {
            filling++;
        }
    }

    /** Whether the chunk's inspection may rely on the segment scans, for a chunk inspected with {@code g}. */
    boolean usableFor(RuleGroup g) {
        return !incomplete && group != null && group == g;
    }
}
