package org.hyakuyobako.detect.signature;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.Random;
import org.junit.jupiter.api.Test;

/** The rare-byte search finds exactly what a plain left-to-right search finds (leftmost, bounds, case folding). */
class IndexOfTest {
    private static int reference(byte[] buf, byte[] p, int from, int end, boolean nocase) {
        for (int i = Math.max(from, 0); i + p.length <= end; i++) {
            boolean ok = true;
            for (int k = 0; k < p.length && ok; k++) {
                int x = buf[i + k] & 0xff;
                int y = p[k] & 0xff;
                ok = nocase ? AhoCorasick.fold(x) == AhoCorasick.fold(y) : x == y;
            }
            if (ok) {
                return i;
            }
        }
        return p.length == 0 && from <= end ? from : -1;
    }

    @Test
    void agreesWithAPlainSearchOnRandomInput() {
        Random random = new Random(42);
        byte[] alphabet = "aAbB/ .\r\n\0\u00ffxyz0".getBytes(java.nio.charset.StandardCharsets.ISO_8859_1);
        for (int round = 0; round < 20_000; round++) {
            byte[] buf = new byte[random.nextInt(64)];
            for (int i = 0; i < buf.length; i++) {
                buf[i] = alphabet[random.nextInt(alphabet.length)];
            }
            byte[] p = new byte[1 + random.nextInt(4)];
            for (int i = 0; i < p.length; i++) {
                p[i] = alphabet[random.nextInt(alphabet.length)];
            }
            int from = buf.length == 0 ? 0 : random.nextInt(buf.length + 1);
            int end = from + random.nextInt(buf.length - from + 1);
            boolean nocase = random.nextBoolean();
            assertEquals(reference(buf, p, from, end, nocase), PayloadMatcher.indexOf(buf, p, from, end, nocase),
                    () -> new String(buf, java.nio.charset.StandardCharsets.ISO_8859_1) + " / " + new String(p, java.nio.charset.StandardCharsets.ISO_8859_1)
                            + " from " + from + " end " + end + " nocase " + nocase);
        }
    }
}
