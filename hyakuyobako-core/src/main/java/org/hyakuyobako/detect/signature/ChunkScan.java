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
    int[] joins = new int[8];
    int joinCount;

    /** Empty, for a new chunk. */
    void clear() {
        group = null;
        incomplete = false;
        idCount = 0;
        joinCount = 0;
    }

    /** A piece starting at {@code at} in the chunk, scanned as {@code scan} (null: not scanned with its segment). */
    void piece(int at, SegmentScan scan) {
        if (at > 0) {
            if (joinCount == joins.length) {
                joins = Arrays.copyOf(joins, joinCount * 2);
            }
            joins[joinCount++] = at;
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

    /** Whether the chunk's inspection may rely on the segment scans, for a chunk inspected with {@code g}. */
    boolean usableFor(RuleGroup g) {
        return !incomplete && group != null && group == g;
    }
}
