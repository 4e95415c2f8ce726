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

    /**
     * Segments of every size down to one byte, all scanned with their packets: each chunk keeps its
     * first HEAD bytes, each join the chunk's bytes around it (up to REACH either side, fewer at the chunk's ends), gathered from
     * as many pieces as it takes, in views of direct buffers and copies alike.
     */
    @Test
    void joinsKeepTheBytesAroundThemWhateverTheSegmentSizes() {
        Random r = new Random(8);
        RuleGroup group = new RuleGroup();
        for (int round = 0; round < 300; round++) {
            StreamChunk chunk = new StreamChunk();
            int size = 1 + r.nextInt(r.nextBoolean() ? 200 : 3 * StreamChunk.MAX_CHUNK);
            byte[] message = new byte[size];
            r.nextBytes(message);
            java.util.List<ChunkBytes> taken = new java.util.ArrayList<>();
            java.util.List<ChunkScan> scans = new java.util.ArrayList<>();
            java.util.List<Integer> starts = new java.util.ArrayList<>();
            for (int at = 0; at < size; ) {
                int n = Math.min(size - at, r.nextInt(3) == 0 ? 1 + r.nextInt(2 * ChunkScan.REACH) : 1 + r.nextInt(2_000));
                starts.add(at);
                ByteBuffer buffer = r.nextBoolean() ? ByteBuffer.allocateDirect(n + 20) : ByteBuffer.allocate(n + 20);
                buffer.put(7, message, at, n);
                SegmentScan segment = new SegmentScan();
                segment.group = group;
                segment.buffer = buffer;
                segment.offset = 7;
                segment.length = n;
                segment.inPlace = buffer.isDirect();
                chunk.expect(segment);
                chunk.data(buffer, 7, n, at);
                chunk.expect(null);
                at += n;
                while (chunk.full()) {
                    taken.add(chunk.take());
                    scans.add(copy(chunk.takenScan()));
                }
            }
            if (chunk.length() > 0) {
                taken.add(chunk.take());
                scans.add(copy(chunk.takenScan()));
            }
            for (int c = 0; c < taken.size(); c++) {
                byte[] whole = taken.get(c).whole();
                ChunkScan scan = scans.get(c);
                assertFalse(scan.incomplete, "round " + round);
                int head = Math.min(ChunkScan.HEAD, whole.length);
                assertEquals(head, scan.headLength, "round " + round + " chunk " + c);
                assertArrayEquals(Arrays.copyOf(whole, head), Arrays.copyOf(scan.around, head), "round " + round + " chunk " + c + ": its start");
                // Chunks are full (MAX_CHUNK) but the last: a segment starting inside chunk c makes a join there.
                int chunkIndex = c;
                int[] joins = starts.stream().filter(x -> x / StreamChunk.MAX_CHUNK == chunkIndex && x % StreamChunk.MAX_CHUNK != 0)
                        .mapToInt(x -> x % StreamChunk.MAX_CHUNK).toArray();
                assertEquals(joins.length, scan.joinCount, "round " + round + " chunk " + c);
                for (int j = 0; j < scan.joinCount; j++) {
                    int join = joins[j];
                    int before = Math.min(ChunkScan.REACH, join);
                    int after = Math.min(ChunkScan.REACH, whole.length - join);
                    assertEquals(before + after, scan.lengthOf(j), "round " + round + " join " + j);
                    int from = ChunkScan.bytesOf(j);
                    assertArrayEquals(Arrays.copyOfRange(whole, join - before, join + after),
                            Arrays.copyOfRange(scan.around, from, from + before + after), "round " + round + " join " + j);
                }
            }
        }
    }

    /** The scan's joins as they are now (the chunk reuses its scans). */
    private static ChunkScan copy(ChunkScan s) {
        ChunkScan c = new ChunkScan();
        c.incomplete = s.incomplete;
        c.joinCount = s.joinCount;
        c.headLength = s.headLength;
        c.around = s.around.clone();
        return c;
    }
}
