package org.hyakuyobako.detect.signature;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import java.util.TreeSet;
import org.junit.jupiter.api.Test;

/** A part's long patterns move to Hyperscan once it has scanned enough, and report the same before and after. */
class LongPatternsTest {
    @Test
    void switchesToHyperscanAfterEnoughBytesAndFindsTheSame() throws InterruptedException {
        assumeTrue(HyperscanScanner.available(), "Hyperscan natives not available here");
        List<byte[]> patterns = new ArrayList<>();
        List<Integer> ids = new ArrayList<>();
        for (String p : new String[] {"download", "Content-Type: application/x-msdownload", "|PING|", "\u0000\u0001abc"}) {
            patterns.add(p.getBytes(StandardCharsets.ISO_8859_1));
            ids.add(ids.size());
        }
        LongPatterns part = LongPatterns.build(patterns, ids);
        Random r = new Random(5);
        byte[] buf = new byte[64 * 1024];
        for (int i = 0; i < buf.length; i++) {
            buf[i] = (byte) ('a' + r.nextInt(26));
        }
        System.arraycopy("DownLoad".getBytes(StandardCharsets.ISO_8859_1), 0, buf, 1_000, 8);
        System.arraycopy("|ping|".getBytes(StandardCharsets.ISO_8859_1), 0, buf, buf.length - 6, 6);
        TreeSet<Integer> first = new TreeSet<>();
        part.scan(buf, 0, buf.length, first::add);
        assertEquals(new TreeSet<>(List.of(0, 2)), first);
        assertFalse(part.vectorised(), "nothing compiled for one buffer");
        for (long scanned = buf.length; scanned <= LongPatterns.COMPILE_AFTER; scanned += buf.length) {
            TreeSet<Integer> hits = new TreeSet<>();
            part.scan(buf, 0, buf.length, hits::add);
            assertEquals(first, hits);
        }
        // Compiled in the background: the pair scanner answers meanwhile, with the same hits.
        for (long waited = 0; !part.vectorised() && waited < 10_000; waited += 10) {
            TreeSet<Integer> hits = new TreeSet<>();
            part.scan(buf, 0, buf.length, hits::add);
            assertEquals(first, hits);
            Thread.sleep(10);
        }
        assertTrue(part.vectorised(), "Hyperscan after " + LongPatterns.COMPILE_AFTER + " bytes");
        TreeSet<Integer> after = new TreeSet<>();
        part.scan(buf, 0, buf.length, after::add);
        assertEquals(first, after);
        TreeSet<Integer> small = new TreeSet<>();
        part.scan(buf, 990, 1_100, small::add);     // short ranges stay with the pair scanner
        assertEquals(new TreeSet<>(List.of(0)), small);
    }
}
