package org.hyakuyobako.detect.signature;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Random;
import java.util.TreeSet;
import org.hyakuyobako.testing.RequiredInCi;
import org.junit.jupiter.api.Test;

/**
 * Hyperscan reports exactly what the pair scanner reports (each pattern's first MAX_COMPARED
 * bytes, case-folded, inside the range), on text-like and binary bytes with patterns planted in
 * either case, at the range's ends and across them. Skipped where the natives do not load.
 */
class HyperscanScannerTest {
    private static final byte[] ALPHABET = "abcdeABCDE \r\n\u0000\u0001/.".getBytes(java.nio.charset.StandardCharsets.ISO_8859_1);

    @Test
    void findsWhatThePairScannerFinds() {
        RequiredInCi.assumePresent(HyperscanScanner.available(), "Hyperscan natives not available here");
        Random r = new Random(17);
        for (int round = 0; round < 400; round++) {
            boolean text = r.nextBoolean();
            List<byte[]> patterns = new ArrayList<>();
            List<Integer> ids = new ArrayList<>();
            for (int i = 0, n = 1 + r.nextInt(60); i < n; i++) {
                patterns.add(bytes(r, PrefixHashScanner.PREFIX + r.nextInt(22), text));
                ids.add(r.nextInt(20));     // ids shared between patterns, as rules share contents
            }
            HyperscanScanner vectorised = HyperscanScanner.build(patterns, ids);
            assertNotNull(vectorised, "round " + round);
            PrefixHashScanner pairs = PrefixHashScanner.build(patterns, ids);
            for (int k = 0; k < 3; k++) {
                byte[] buf = bytes(r, HyperscanScanner.MIN_LENGTH + r.nextInt(3_000), text);
                for (int planted = r.nextInt(6); planted > 0; planted--) {
                    byte[] p = patterns.get(r.nextInt(patterns.size()));
                    int at = r.nextInt(buf.length - p.length + 1);
                    for (int j = 0; j < p.length; j++) {
                        int b = p[j] & 0xff;
                        buf[at + j] = (byte) (r.nextBoolean() && b >= 'a' && b <= 'z' ? b - 32 : r.nextBoolean() && b >= 'A' && b <= 'Z' ? b + 32 : b);
                    }
                }
                int from = r.nextInt(3) == 0 ? r.nextInt(Math.min(100, buf.length / 2)) : 0;
                int to = r.nextInt(3) == 0 ? Math.max(from, buf.length - r.nextInt(100)) : buf.length;
                TreeSet<Integer> expected = new TreeSet<>();
                pairs.scan(buf, from, to, expected::add);
                TreeSet<Integer> got = new TreeSet<>();
                assertTrue(vectorised.scan(buf, from, to, got::add), "round " + round + ": Hyperscan scanned");
                assertEquals(expected, got, "round " + round + " buffer " + k);
                assertEquals(plainSearch(patterns, ids, Arrays.copyOfRange(buf, from, to)), got, "round " + round + " buffer " + k);
            }
        }
        // A reversed or outside range is refused in Java, never handed to the native scan.
        HyperscanScanner any = HyperscanScanner.build(List.of("abcdef".getBytes(java.nio.charset.StandardCharsets.ISO_8859_1)), List.of(1));
        byte[] buf = new byte[100];
        org.junit.jupiter.api.Assertions.assertThrows(IndexOutOfBoundsException.class, () -> any.scan(buf, 60, 40, x -> { }));
        org.junit.jupiter.api.Assertions.assertThrows(IndexOutOfBoundsException.class, () -> any.scan(buf, 0, 101, x -> { }));
    }

    /**
     * Collections running all the time while databases are compiled and used: the compiler reads the
     * patterns from native strings that only a reference from Java keeps alive (a first version let
     * them go, and under collections the compile failed or lost patterns).
     */
    @Test
    void compilesAndFindsTheSameWhileCollectionsRun() throws InterruptedException {
        RequiredInCi.assumePresent(HyperscanScanner.available(), "Hyperscan natives not available here");
        Thread collector = new Thread(() -> {
            while (!Thread.currentThread().isInterrupted()) {
                System.gc();
                try {
                    Thread.sleep(1);
                } catch (InterruptedException e) {
                    return;
                }
            }
        });
        collector.setDaemon(true);
        collector.start();
        try {
            Random r = new Random(2);
            for (int round = 0; round < 40; round++) {
                List<byte[]> patterns = new ArrayList<>();
                List<Integer> ids = new ArrayList<>();
                for (int i = 0; i < 200; i++) {
                    patterns.add(bytes(r, PrefixHashScanner.PREFIX + r.nextInt(12), true));
                    ids.add(i);
                }
                HyperscanScanner vectorised = HyperscanScanner.build(patterns, ids);
                assertNotNull(vectorised, "round " + round + ": compiled");
                PrefixHashScanner pairs = PrefixHashScanner.build(patterns, ids);
                byte[] buf = bytes(r, 2_000, true);
                TreeSet<Integer> expected = new TreeSet<>();
                pairs.scan(buf, 0, buf.length, expected::add);
                TreeSet<Integer> got = new TreeSet<>();
                assertTrue(vectorised.scan(buf, 0, buf.length, got::add), "round " + round);
                assertEquals(expected, got, "round " + round);
            }
        } finally {
            collector.interrupt();
            collector.join();
        }
    }

    private static byte[] bytes(Random r, int n, boolean text) {
        byte[] b = new byte[n];
        if (text) {
            for (int i = 0; i < n; i++) {
                b[i] = ALPHABET[r.nextInt(ALPHABET.length)];
            }
        } else {
            r.nextBytes(b);
        }
        return b;
    }

    /** The ids of the patterns whose first MAX_COMPARED bytes occur in {@code buf}, letters in either case. */
    private static TreeSet<Integer> plainSearch(List<byte[]> patterns, List<Integer> ids, byte[] buf) {
        TreeSet<Integer> found = new TreeSet<>();
        for (int i = 0; i < patterns.size(); i++) {
            byte[] p = Arrays.copyOf(patterns.get(i), Math.min(patterns.get(i).length, PrefixHashScanner.MAX_COMPARED));
            for (int at = 0; at + p.length <= buf.length && !found.contains(ids.get(i)); at++) {
                boolean same = true;
                for (int j = 0; j < p.length && same; j++) {
                    same = ByteSearch.FOLD[buf[at + j] & 0xff] == ByteSearch.FOLD[p[j] & 0xff];
                }
                if (same) {
                    found.add(ids.get(i));
                }
            }
        }
        return found;
    }
}
