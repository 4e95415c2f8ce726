package org.hyakuyobako.detect.signature;

import java.nio.ByteBuffer;
import java.util.ArrayDeque;
import org.hyakuyobako.stream.StreamConsumer;

/**
 * One direction of a TCP connection collected for stream rules: the reassembled bytes since the
 * last inspection. The owner inspects the chunk when the other side starts talking (the end of an
 * application message), when it reaches {@link #MAX_CHUNK}, and when the connection ends, so a
 * content split across segments is seen whole. Only the first {@link #DEPTH} bytes of a direction
 * are collected (Suricata's stream.reassembly.depth does the same).
 *
 * <p>A transfer fills chunks of exactly {@code MAX_CHUNK} bytes (a segment that crosses the limit
 * is split there). A chunk's bytes are its pieces ({@link ChunkBytes}): segments scanned with their
 * packet are kept by reference to the packet's payload, the rest copied; they are put together in
 * one array only when the chunk's inspection has a rule to verify.
 */
final class StreamChunk implements StreamConsumer {
    static final int MAX_CHUNK = 16_384;
    static final long DEPTH = 1 << 20;

    private static final int MIN_BUFFER = 256;
    private ChunkBytes bytes = new ChunkBytes();
    /** {@code bytes.length()}, kept here: the other side's length is asked on every packet, and this saves reading one more object. */
    private int filling;
    /** The length of this side's last message taken, for the first array of the next one's copies. */
    private int lastMessage = MIN_BUFFER;
    private long collected;
    private boolean ended;
    /** Full chunks not yet taken (more than one only when a delivery spans several). */
    private final ArrayDeque<ChunkBytes> full = new ArrayDeque<>(2);
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
        // The packet's copy of exactly these n bytes, which nothing writes to after its inspection;
        // or, when the packet was not copied, the capture's mapping itself, which never changes.
        byte[] payload = segment == null ? null : segment.payload;
        boolean inPlace = payload == null && segment != null && segment.inPlace;
        if (take > 0) {
            scan.piece(filling, segment);
        }
        int done = 0;
        while (take > 0) {
            int part = Math.min(take, MAX_CHUNK - filling);
            if (payload != null) {
                bytes.reference(payload, done, part);
            } else if (inPlace) {
                bytes.reference(buffer, offset + done, part);
            } else {
                bytes.copy(buffer, offset + done, part, lastMessage);
            }
            scan.delivered(buffer, offset + done, part);
            done += part;
            filling += part;
            collected += part;
            take -= part;
            if (filling == MAX_CHUNK) {
                full.add(bytes);
                fullScans.add(scan);
                fullCount++;
                scan = new ChunkScan();
                if (take > 0) {
                    scan.piece(0, segment);     // the rest of the segment opens the next chunk
                }
                bytes = new ChunkBytes();
                filling = 0;
                lastMessage = MAX_CHUNK;        // the next chunk of a transfer fills too
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
        return fullCount * MAX_CHUNK + filling;
    }

    /** A full chunk waits to be taken. */
    boolean full() {
        return fullCount > 0;
    }

    /** The oldest collected bytes (a full chunk, else what there is), and they are no longer held; null when none. */
    ChunkBytes take() {
        if (fullCount > 0) {
            fullCount--;
            taken = fullScans.poll();
            return full.poll();
        }
        if (filling == 0) {
            return null;
        }
        ChunkBytes out = bytes;
        filling = 0;
        lastMessage = Math.max(MIN_BUFFER, out.length());
        bytes = new ChunkBytes();
        ChunkScan t = taken;
        taken = scan;
        scan = t;
        scan.clear();
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
