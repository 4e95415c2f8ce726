package org.hyakuyobako.detect.signature;

import java.nio.ByteBuffer;
import java.util.ArrayDeque;
import java.util.Arrays;
import org.hyakuyobako.stream.StreamConsumer;

/**
 * One direction of a TCP connection collected for stream rules: the reassembled bytes since the
 * last inspection. The owner inspects the chunk when the other side starts talking (the end of an
 * application message), when it reaches {@link #MAX_CHUNK}, and when the connection ends, so a
 * content split across segments is seen whole. Only the first {@link #DEPTH} bytes of a direction
 * are collected (Suricata's stream.reassembly.depth does the same).
 *
 * <p>A transfer fills chunks of exactly {@code MAX_CHUNK} bytes (a segment that crosses the limit
 * is split there), each in an array of its own size that is handed to the inspection as it is:
 * copying every chunk out to an array of its length was a second copy of every byte collected.
 */
final class StreamChunk implements StreamConsumer {
    static final int MAX_CHUNK = 16_384;
    static final long DEPTH = 1 << 20;

    private static final int MIN_BUFFER = 256;
    private static final byte[] NONE = new byte[0];
    private byte[] bytes = new byte[MIN_BUFFER];
    /** The length of this side's last message taken, for the next one's first buffer. */
    private int lastMessage = MIN_BUFFER;
    private int length;
    private long collected;
    private boolean ended;
    /** Full chunks not yet taken (more than one only when a delivery spans several). */
    private final ArrayDeque<byte[]> full = new ArrayDeque<>(2);
    /** How many: asked on every packet of the connection, where the deque would be one more object to read. */
    private int fullCount;
    /** What the segment scans found in each full chunk, in the same order. */
    private final ArrayDeque<ChunkScan> fullScans = new ArrayDeque<>(2);
    /** What they found in the chunk being filled; swapped with {@link #taken} when it is taken. */
    private ChunkScan scan = new ChunkScan();
    private ChunkScan taken = new ChunkScan();
    /** The segment being delivered, when it was scanned for the stream rules with its packet. */
    private SegmentScan expected;

    /** The next deliveries are of the segment {@code s} was made of, or (null) of one not scanned so. */
    void expect(SegmentScan s) {
        expected = s;
    }

    @Override
    public void data(ByteBuffer buffer, int offset, int n, long streamOffset) {
        int take = (int) Math.min(n, DEPTH - collected);
        SegmentScan segment = expected != null && expected.covers(buffer, offset, n) ? expected : null;
        if (take > 0) {
            scan.piece(length, segment);
        }
        while (take > 0) {
            if (length == bytes.length) {
                // Doubling up to exactly one full chunk for a transfer; a message starts at the size
                // of the side's last one (a client that sends 12 KB requests is not copied from
                // 256 bytes up each time).
                int want = Math.max(Math.max(bytes.length * 2, length + take), length == 0 ? lastMessage : 0);
                bytes = Arrays.copyOf(bytes, Math.min(MAX_CHUNK, want));
            }
            int part = Math.min(take, bytes.length - length);
            buffer.get(offset, bytes, length, part);
            length += part;
            collected += part;
            offset += part;
            take -= part;
            if (length == MAX_CHUNK) {
                full.add(bytes);
                fullScans.add(scan);
                fullCount++;
                scan = new ChunkScan();
                if (take > 0) {
                    scan.piece(0, segment);     // the rest of the segment opens the next chunk
                }
                // The next chunk of a transfer fills too: straight to full size.
                bytes = new byte[MAX_CHUNK];
                length = 0;
            }
        }
    }

    @Override
    public void gap(long streamOffset, long n) {
        // What came before the hole is inspected on its own at the next flush; nothing is glued across it.
    }

    @Override
    public void end() {
        ended = true;
    }

    /** Bytes collected and not yet taken. */
    int length() {
        return fullCount * MAX_CHUNK + length;
    }

    /** A full chunk waits to be taken. */
    boolean full() {
        return fullCount > 0;
    }

    /** The oldest collected bytes (a full chunk, else what there is), and they are no longer held; null when none. */
    byte[] take() {
        if (fullCount > 0) {
            fullCount--;
            taken = fullScans.poll();
            return full.poll();
        }
        if (length == 0) {
            return null;
        }
        byte[] out = Arrays.copyOf(bytes, length);
        lastMessage = Math.max(MIN_BUFFER, length);
        length = 0;
        ChunkScan t = taken;
        taken = scan;
        scan = t;
        scan.clear();
        if (bytes.length > 4_096) {
            bytes = NONE;     // a long message's buffer is not kept for the rest of the connection
        }
        return out;
    }

    /** What the segment scans found in the chunk {@link #take} returned last. */
    ChunkScan takenScan() {
        return taken;
    }

    boolean ended() {
        return ended;
    }
}
