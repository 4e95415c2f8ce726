package org.hyakuyobako.detect.signature;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayOutputStream;
import java.nio.ByteBuffer;
import java.util.Arrays;
import java.util.Random;
import org.junit.jupiter.api.Test;

/** A chunk's pieces, referenced (arrays and views of a direct buffer) and copied, read back whole, by range and as a prefix; the number of pieces stays bounded. */
class ChunkBytesTest {
    @Test
    void piecesReadBackWholeAndByRangeAcrossTheirBorders() {
        Random r = new Random(11);
        for (int round = 0; round < 300; round++) {
            ChunkBytes chunk = new ChunkBytes();
            ByteArrayOutputStream expected = new ByteArrayOutputStream();
            while (expected.size() < StreamChunk.MAX_CHUNK) {
                int n = Math.min(StreamChunk.MAX_CHUNK - expected.size(), r.nextInt(3) == 0 ? 1 + r.nextInt(40) : 1 + r.nextInt(2_000));
                byte[] segment = new byte[n + 10];
                r.nextBytes(segment);
                int how = r.nextInt(3);
                if (how == 0) {
                    chunk.reference(segment, 5, n);
                } else if (how == 1) {
                    // A view of a mapped capture: a direct buffer, the bytes somewhere inside it.
                    ByteBuffer mapped = ByteBuffer.allocateDirect(n + 100);
                    int at = r.nextBoolean() ? 0 : 50;
                    mapped.put(at, segment, 5, n);
                    chunk.reference(mapped, at, n);
                } else {
                    chunk.copy(ByteBuffer.wrap(segment), 5, n, r.nextInt(4_000));
                }
                expected.write(segment, 5, n);
                assertEquals(expected.size(), chunk.length(), "round " + round);
                assertTrue(chunk.pieces() <= ChunkBytes.MAX_PIECES, "round " + round + ": pieces " + chunk.pieces());
                if (r.nextInt(8) == 0) {
                    break;
                }
            }
            byte[] all = expected.toByteArray();
            for (int k = 0; k < 20; k++) {
                int from = r.nextInt(all.length);
                int to = from + r.nextInt(all.length - from + 1);
                byte[] got = new byte[to - from + 3];
                chunk.copyRange(from, to, got);
                assertArrayEquals(Arrays.copyOfRange(all, from, to), Arrays.copyOf(got, to - from), "round " + round + " range " + from + "-" + to);
            }
            int n = 1 + r.nextInt(all.length);
            byte[] prefix = chunk.prefix(n, new byte[n]);
            assertArrayEquals(Arrays.copyOf(all, n), Arrays.copyOf(prefix, n), "round " + round + " prefix " + n);
            assertArrayEquals(all, chunk.whole(), "round " + round);
            assertSame(chunk.whole(), chunk.whole(), "put together once");
        }
    }

    @Test
    void oneReferencedArrayOfTheChunksLengthIsHandedOverAsItIs() {
        byte[] payload = new byte[1_460];
        ChunkBytes chunk = new ChunkBytes();
        chunk.reference(payload, 0, payload.length);
        assertSame(payload, chunk.whole());
    }

    @Test
    void aShortPartOfALargeArrayIsCopiedNotKept() {
        byte[] large = new byte[65_000];
        Arrays.fill(large, (byte) 7);
        ChunkBytes chunk = new ChunkBytes();
        chunk.reference(large, 64_000, 1_000);
        Arrays.fill(large, (byte) 0);     // were the array kept, the chunk would change with it
        byte[] expected = new byte[1_000];
        Arrays.fill(expected, (byte) 7);
        assertArrayEquals(expected, chunk.whole());
    }

    @Test
    void tinySegmentsAreCopiedIntoFewArrays() {
        ChunkBytes chunk = new ChunkBytes();
        byte[] one = {42};
        for (int i = 0; i < 10_000; i++) {
            chunk.reference(one, 0, 1);
        }
        assertEquals(10_000, chunk.length());
        assertTrue(chunk.pieces() <= 2, "pieces " + chunk.pieces());
    }
}
