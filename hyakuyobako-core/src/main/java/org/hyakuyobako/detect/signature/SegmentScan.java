package org.hyakuyobako.detect.signature;

import java.nio.ByteBuffer;

/**
 * What the scan of one TCP segment found for the stream rules of its connection, when the segment
 * was scanned for packet and stream rules at once ({@link RuleGroup#withStream}): the stream group
 * it was scanned for, the ids of the stream rules whose patterns occur in it, and which bytes were
 * scanned. The stream collector recognises the segment when the reassembler delivers exactly those
 * bytes (a view of the same capture buffer), and the stream inspection then need not scan them again.
 */
final class SegmentScan {
    /** More ids than this in one segment or chunk, and the chunk is scanned whole instead (memory stays bounded). */
    static final int MAX_IDS = 4_096;

    RuleGroup group;
    int[] ids = new int[16];
    int count;
    ByteBuffer buffer;
    int offset;
    int length;
    /** The packet's own copy of those bytes (its PAYLOAD buffer), which the stream chunk may keep instead of copying them again. */
    byte[] payload;
    /** Whether {@link #buffer} never changes while reachable (a mapped capture): the stream chunk may keep a view of it instead. */
    boolean inPlace;

    /** Forgets the last segment. */
    void clear() {
        group = null;
        buffer = null;
        payload = null;
        inPlace = false;
        count = 0;
    }

    boolean valid() {
        return group != null && buffer != null;
    }

    void add(int id) {
        if (count < MAX_IDS) {
            if (count == ids.length) {
                ids = java.util.Arrays.copyOf(ids, count * 2);
            }
            ids[count] = id;
        }
        count++;
    }

    /** Whether this is the scan of exactly the bytes {@code buffer[offset, offset + n)}. */
    boolean covers(ByteBuffer b, int off, int n) {
        return valid() && b == buffer && off == offset && n == length;
    }
}
