package org.hyakuyobako.detect.signature;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import java.util.TreeSet;
import org.hyakuyobako.testing.RequiredInCi;
import org.junit.jupiter.api.Test;

/**
 * A part's patterns go to Hyperscan once it has scanned enough whole buffers; until then, and for
 * short buffers, it declines and the Java scanners answer. Once compiled it finds the patterns, bound
 * ones only near the start, in arrays and where a direct buffer lies.
 */
class LazyHyperscanTest {
    @Test
    void compilesAfterEnoughBytesAndThenFindsThePatterns() throws InterruptedException {
        RequiredInCi.assumePresent(HyperscanScanner.available(), "Hyperscan natives not available here");
        List<byte[]> patterns = new ArrayList<>();
        for (String p : new String[] {"download", "Content-Type: application/x-msdownload", "|PING|", "\u0000\u0001abc", "zq", "ZQX"}) {
            patterns.add(p.getBytes(StandardCharsets.ISO_8859_1));
        }
        List<Integer> ids = List.of(0, 1, 2, 3, 4, 5);
        // "zq" anywhere; "ZQX" only when it ends within the first 20 bytes.
        LazyHyperscan part = LazyHyperscan.of(patterns, ids, List.of(-1, -1, -1, -1, -1, 20));
        Random r = new Random(5);
        byte[] buf = new byte[64 * 1024];
        for (int i = 0; i < buf.length; i++) {
            buf[i] = (byte) ('a' + r.nextInt(25));      // no 'z': nothing found by chance
        }
        System.arraycopy("DownLoad".getBytes(StandardCharsets.ISO_8859_1), 0, buf, 1_000, 8);
        System.arraycopy("|ping|".getBytes(StandardCharsets.ISO_8859_1), 0, buf, buf.length - 6, 6);
        System.arraycopy("zqx".getBytes(StandardCharsets.ISO_8859_1), 0, buf, 30, 3);  // beyond ZQX's bound, "zq" found
        TreeSet<Integer> none = new TreeSet<>();
        for (long scanned = 0; scanned + buf.length < LazyHyperscan.COMPILE_AFTER; scanned += buf.length) {
            assertFalse(part.scan(buf, buf.length, none::add), "declines before " + LazyHyperscan.COMPILE_AFTER + " bytes");
        }
        assertTrue(none.isEmpty());
        assertFalse(part.vectorised(), "nothing compiled yet");
        part.scan(buf, buf.length, none::add);      // passes the threshold: compiles in the background
        for (long waited = 0; !part.vectorised() && waited < 10_000; waited += 10) {
            Thread.sleep(10);
        }
        assertTrue(part.vectorised(), "compiled after " + LazyHyperscan.COMPILE_AFTER + " bytes");
        TreeSet<Integer> hits = new TreeSet<>();
        assertTrue(part.scan(buf, buf.length, hits::add));
        assertEquals(new TreeSet<>(List.of(0, 2, 4)), hits);
        System.arraycopy("zqX".getBytes(StandardCharsets.ISO_8859_1), 0, buf, 10, 3);  // ends at 13, within 20
        TreeSet<Integer> early = new TreeSet<>();
        assertTrue(part.scan(buf, buf.length, early::add));
        assertEquals(new TreeSet<>(List.of(0, 2, 4, 5)), early);
        // A direct buffer, the bytes at an offset: the bound counts from that offset.
        ByteBuffer direct = ByteBuffer.allocateDirect(buf.length + 100);
        direct.put(100, buf);
        TreeSet<Integer> inPlace = new TreeSet<>();
        assertTrue(part.scan(direct, 100, buf.length, inPlace::add));
        assertEquals(early, inPlace);
        TreeSet<Integer> shifted = new TreeSet<>();
        assertTrue(part.scan(direct, 90, buf.length + 10, shifted::add));
        assertEquals(new TreeSet<>(List.of(0, 2, 4)), shifted, "ZQX now ends at 23");
        assertFalse(part.scan(buf, HyperscanScanner.MIN_LENGTH - 1, hits::add), "short buffers stay with the Java scanners");
        assertFalse(part.scan(ByteBuffer.wrap(buf), 0, buf.length, hits::add), "a heap buffer is scanned as an array");
    }
}
