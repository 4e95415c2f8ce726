package org.hyakuyobako.detect.signature;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;

import java.io.ByteArrayOutputStream;
import java.nio.ByteBuffer;
import java.util.Arrays;
import java.util.Random;
import org.junit.jupiter.api.Test;

/**
 * Segments of any size, small messages and transfers of several chunks, in one delivery or many,
 * kept by reference to their packet's copy or copied: every byte comes out once and in order (up
 * to DEPTH), full chunks are exactly MAX_CHUNK bytes, and what is left is taken whole.
 */
class StreamChunkTest {
    @Test
    void everyByteComesOutOnceInOrderInChunksOfAtMostMaxChunk() {
        Random r = new Random(3);
        RuleGroup group = new RuleGroup();
        for (int round = 0; round < 200; round++) {
            StreamChunk chunk = new StreamChunk();
            ByteArrayOutputStream in = new ByteArrayOutputStream();
            ByteArrayOutputStream out = new ByteArrayOutputStream();
            int messages = 1 + r.nextInt(4);
            long delivered = 0;
            for (int m = 0; m < messages; m++) {
                int size = round % 20 == 0 && m == 0 ? (int) StreamChunk.DEPTH + 40_000 : r.nextInt(5) == 0 ? r.nextInt(5 * StreamChunk.MAX_CHUNK) : r.nextInt(3_000);
                byte[] message = new byte[size];
                r.nextBytes(message);
                in.writeBytes(message);
                for (int at = 0; at < size; ) {
                    int n = Math.min(size - at, r.nextInt(4) == 0 ? 1 + r.nextInt(3 * StreamChunk.MAX_CHUNK) : 1 + r.nextInt(1_500));
                    // A segment inside a larger buffer, as the reassembler hands it over.
                    ByteBuffer buffer = ByteBuffer.allocate(n + 20);
                    buffer.put(7, message, at, n);
                    // Half the segments were scanned with their packet: the chunk may keep the packet's copy.
                    SegmentScan segment = null;
                    if (r.nextBoolean()) {
                        segment = new SegmentScan();
                        segment.group = group;
                        segment.buffer = buffer;
                        segment.offset = 7;
                        segment.length = n;
                        segment.payload = Arrays.copyOfRange(message, at, at + n);
                    }
                    chunk.expect(segment);
                    chunk.data(buffer, 7, n, at);
                    chunk.expect(null);
                    at += n;
                    delivered += n;
                    long held = Math.min(delivered, StreamChunk.DEPTH) - out.size();
                    assertEquals(held, chunk.length(), "round " + round + ": bytes held, full chunks included");
                    while (chunk.full()) {
                        byte[] full = chunk.take().whole();
                        assertEquals(StreamChunk.MAX_CHUNK, full.length, "round " + round);
                        out.writeBytes(full);
                    }
                }
                // The message is complete: the rest is taken whole, then nothing is left.
                int left = chunk.length();
                ChunkBytes taken = chunk.take();
                byte[] rest = taken == null ? null : taken.whole();
                assertEquals(left, rest == null ? 0 : rest.length, "round " + round);
                assertFalse(chunk.full());
                if (rest != null) {
                    out.writeBytes(rest);
                }
                assertNull(chunk.take());
                assertEquals(0, chunk.length());
            }
            byte[] expected = in.toByteArray();
            expected = Arrays.copyOf(expected, (int) Math.min(expected.length, StreamChunk.DEPTH));
            assertArrayEquals(expected, out.toByteArray(), "round " + round);
        }
    }
}
