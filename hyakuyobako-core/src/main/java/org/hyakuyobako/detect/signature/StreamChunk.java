package org.hyakuyobako.detect.signature;

import java.nio.ByteBuffer;
import java.util.Arrays;
import org.hyakuyobako.stream.StreamConsumer;

/**
 * One direction of a TCP connection collected for stream rules: the reassembled bytes since the
 * last inspection. The owner inspects the chunk when the other side starts talking (the end of an
 * application message), when it reaches {@link #MAX_CHUNK}, and when the connection ends, so a
 * content split across segments is seen whole. Only the first {@link #DEPTH} bytes of a direction
 * are collected (Suricata's stream.reassembly.depth does the same).
 */
final class StreamChunk implements StreamConsumer {
    static final int MAX_CHUNK = 16_384;
    static final long DEPTH = 1 << 20;

    private byte[] bytes = new byte[256];
    private int length;
    private long collected;
    private boolean ended;
    /** The last chunk taken was full. */
    private boolean bulk;

    @Override
    public void data(ByteBuffer buffer, int offset, int n, long streamOffset) {
        int take = (int) Math.min(n, DEPTH - collected);
        if (take <= 0) {
            return;
        }
        if (length + take > bytes.length) {
            // After a full chunk (a transfer) the next one fills too: straight to the largest size
            // instead of doubling up from 256 bytes again, a copy of everything at each step.
            int grown = bulk ? MAX_CHUNK * 2 : Math.min(bytes.length * 2, MAX_CHUNK * 2);
            bytes = Arrays.copyOf(bytes, Math.max(length + take, grown));
        }
        buffer.get(offset, bytes, length, take);
        length += take;
        collected += take;
    }

    @Override
    public void gap(long streamOffset, long n) {
        // What came before the hole is inspected on its own at the next flush; nothing is glued across it.
    }

    @Override
    public void end() {
        ended = true;
    }

    int length() {
        return length;
    }

    boolean full() {
        return length >= MAX_CHUNK;
    }

    /** The collected bytes, and the chunk starts empty again. */
    byte[] take() {
        byte[] out = Arrays.copyOf(bytes, length);
        bulk = length >= MAX_CHUNK;
        length = 0;
        if (bytes.length > 4_096) {
            bytes = new byte[256];     // a long message's buffer is not kept for the rest of the connection
        }
        return out;
    }

    boolean ended() {
        return ended;
    }
}
