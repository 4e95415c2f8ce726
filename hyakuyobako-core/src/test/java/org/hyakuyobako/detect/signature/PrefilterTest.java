package org.hyakuyobako.detect.signature;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import java.util.TreeSet;
import org.hyakuyobako.rules.ContentOption;
import org.hyakuyobako.rules.Rule;
import org.hyakuyobako.rules.RuleSet;
import org.hyakuyobako.rules.RuleVariables;
import org.hyakuyobako.net.HomeNet;
import org.hyakuyobako.testing.RequiredInCi;
import org.junit.jupiter.api.Test;

/**
 * The prefilter reports every rule whose fast pattern occurs where it may (it may report more: the
 * rules verify), checked against a plain search on random data over a small alphabet, where
 * patterns occur often, overlap, repeat and differ only in case.
 */
class PrefilterTest {
    private static final byte[] ALPHABET = "aAbB/ .\0\u00ffx".getBytes(StandardCharsets.ISO_8859_1);

    /** Patterns (cut to the bytes the prefilters compare) that occur case-insensitively in buf[0, end). */
    private static TreeSet<Integer> reference(List<byte[]> patterns, List<Integer> bounds, byte[] buf) {
        TreeSet<Integer> found = new TreeSet<>();
        for (int id = 0; id < patterns.size(); id++) {
            byte[] p = patterns.get(id);
            int len = Math.min(p.length, PrefixHashScanner.MAX_COMPARED);
            int end = bounds.get(id) < 0 ? buf.length : Math.min(buf.length, bounds.get(id));
            for (int i = 0; i + len <= end && !found.contains(id); i++) {
                boolean ok = true;
                for (int k = 0; k < len && ok; k++) {
                    ok = AhoCorasick.fold(buf[i + k] & 0xff) == AhoCorasick.fold(p[k] & 0xff);
                }
                if (ok) {
                    found.add(id);
                }
            }
        }
        return found;
    }

    private static byte[] random(Random r, int n) {
        byte[] b = new byte[n];
        for (int i = 0; i < n; i++) {
            b[i] = ALPHABET[r.nextInt(ALPHABET.length)];
        }
        return b;
    }

    /** Pattern i reports id i. */
    private static List<Integer> idsOf(List<byte[]> patterns) {
        return java.util.stream.IntStream.range(0, patterns.size()).boxed().toList();
    }

    /** No pattern bound to the buffer's start. */
    private static List<Integer> unbounded(List<byte[]> patterns) {
        return java.util.Collections.nCopies(patterns.size(), -1);
    }

    @Test
    void prefixHashScannerFindsWhatAPlainSearchFinds() {
        Random r = new Random(7);
        for (int round = 0; round < 3_000; round++) {
            List<byte[]> patterns = new ArrayList<>();
            for (int i = 0, n = 1 + r.nextInt(12); i < n; i++) {
                patterns.add(random(r, PrefixHashScanner.PREFIX + r.nextInt(16)));
            }
            List<Integer> bounds = unbounded(patterns);
            PrefixHashScanner scanner = PrefixHashScanner.build(patterns, idsOf(patterns));
            for (int k = 0; k < 3; k++) {     // the same scanner again: nothing carried over from the last buffer
                byte[] buf = random(r, r.nextInt(200));
                TreeSet<Integer> hits = new TreeSet<>();
                scanner.scan(buf, 0, buf.length, hits::add);
                assertEquals(reference(patterns, bounds, buf), hits, "round " + round);
            }
        }
    }

    /**
     * Bytes of the whole range, where most windows of three positions hold no pair of any key and
     * are stepped over three at a time: patterns planted at every kind of offset (in the first,
     * second or third window of a step, across steps, at the buffer's ends, in either case) are all
     * found, in sub-ranges of the buffer too.
     */
    @Test
    void prefixHashScannerFindsPlantedPatternsInSparseData() {
        Random r = new Random(11);
        for (int round = 0; round < 3_000; round++) {
            List<byte[]> patterns = new ArrayList<>();
            for (int i = 0, n = 1 + r.nextInt(40); i < n; i++) {
                byte[] p = new byte[PrefixHashScanner.PREFIX + r.nextInt(17)];
                r.nextBytes(p);
                patterns.add(p);
            }
            List<Integer> bounds = unbounded(patterns);
            PrefixHashScanner scanner = PrefixHashScanner.build(patterns, idsOf(patterns));
            byte[] buf = new byte[r.nextInt(400)];
            r.nextBytes(buf);
            for (int k = 0, planted = r.nextInt(4); k < planted; k++) {
                byte[] p = patterns.get(r.nextInt(patterns.size()));
                if (p.length <= buf.length) {
                    int at = r.nextInt(buf.length - p.length + 1);
                    for (int j = 0; j < p.length; j++) {
                        int b = p[j] & 0xff;
                        buf[at + j] = (byte) (r.nextBoolean() && b >= 'a' && b <= 'z' ? b - 32 : b);
                    }
                }
            }
            int from = r.nextInt(4) == 0 ? r.nextInt(buf.length + 1) : 0;
            int to = r.nextInt(4) == 0 ? from + r.nextInt(buf.length - from + 1) : buf.length;
            TreeSet<Integer> hits = new TreeSet<>();
            scanner.scan(buf, from, to, hits::add);
            assertEquals(reference(patterns, bounds, java.util.Arrays.copyOfRange(buf, from, to)), hits, "round " + round);
        }
    }

    /**
     * Buffers with long runs of one byte (zero padding, spaces), which the scanner steps over, and
     * patterns cut from around the runs' ends, made of the run's byte, or random: all found.
     */
    @Test
    void prefixHashScannerFindsPatternsInAndAroundLongRuns() {
        Random r = new Random(13);
        for (int round = 0; round < 3_000; round++) {
            java.io.ByteArrayOutputStream out = new java.io.ByteArrayOutputStream();
            for (int part = 0, parts = 1 + r.nextInt(4); part < parts; part++) {
                out.writeBytes(random(r, r.nextInt(12)));
                byte x = ALPHABET[r.nextInt(ALPHABET.length)];
                for (int n = PrefixHashScanner.LONG_RUN - 3 + r.nextInt(60); n > 0; n--) {
                    out.write(x);
                }
            }
            out.writeBytes(random(r, r.nextInt(12)));
            byte[] buf = out.toByteArray();
            List<byte[]> patterns = new ArrayList<>();
            List<Integer> ids = new ArrayList<>();
            List<Integer> bounds = new ArrayList<>();
            for (int i = 0, n = 1 + r.nextInt(12); i < n; i++) {
                int len = PrefixHashScanner.PREFIX + r.nextInt(16);
                byte[] p = switch (r.nextInt(3)) {
                    case 0 -> {
                        int at = r.nextInt(Math.max(1, buf.length - len));
                        yield java.util.Arrays.copyOfRange(buf, at, Math.min(buf.length, at + len));
                    }
                    case 1 -> {
                        byte[] run = new byte[len];
                        java.util.Arrays.fill(run, buf[r.nextInt(buf.length)]);
                        yield run;
                    }
                    default -> random(r, len);
                };
                if (p.length < PrefixHashScanner.PREFIX) {
                    continue;
                }
                patterns.add(p);
                ids.add(ids.size());
                bounds.add(-1);
            }
            PrefixHashScanner scanner = PrefixHashScanner.build(patterns, ids);
            TreeSet<Integer> hits = new TreeSet<>();
            scanner.scan(buf, 0, buf.length, hits::add);
            assertEquals(reference(patterns, bounds, buf), hits, "round " + round);
        }
    }

    @Test
    void bufferPrefilterReportsLongShortAndAnchoredPatterns() throws Exception {
        Random r = new Random(11);
        for (int round = 0; round < 1_500; round++) {
            RandomRules rules = RandomRules.of(r, 9);
            BufferPrefilter prefilter = BufferPrefilter.build(rules.keys, rules.ids, rules.keySides);
            byte[] buf = random(r, r.nextInt(120));
            boolean fromClient = r.nextBoolean();
            TreeSet<Integer> hits = new TreeSet<>();
            prefilter.scan(buf, fromClient, hits::add);
            rules.check(buf, fromClient, hits, "round " + round);
        }
    }

    /**
     * The same with every pattern of a direction in one Hyperscan database (compiled at once here):
     * whole buffers scanned as arrays and where a direct buffer lies report what the rules allow,
     * and the same in both ways.
     */
    @Test
    void hyperscanReportsLongShortAndAnchoredPatterns() throws Exception {
        RequiredInCi.assumePresent(HyperscanScanner.available(), "Hyperscan natives not available here");
        Random r = new Random(23);
        for (int round = 0; round < 150; round++) {
            RandomRules rules = RandomRules.of(r, 20);
            BufferPrefilter prefilter = BufferPrefilter.build(rules.keys, rules.ids, rules.keySides, 0);
            byte[] first = random(r, HyperscanScanner.MIN_LENGTH);
            // A direction whose every rule looks at the other has no patterns, and nothing to compile.
            boolean toServer = rules.keySides.stream().anyMatch(side -> side != BufferPrefilter.TO_CLIENT);
            boolean toClient = rules.keySides.stream().anyMatch(side -> side != BufferPrefilter.TO_SERVER);
            for (long waited = 0; (toServer && !prefilter.vectorised(true) || toClient && !prefilter.vectorised(false)) && waited < 10_000; waited += 2) {
                prefilter.scan(first, true, id -> { });
                prefilter.scan(first, false, id -> { });
                Thread.sleep(2);
            }
            assertTrue(prefilter.vectorised(true) == toServer && prefilter.vectorised(false) == toClient, "round " + round + ": compiled\n" + rules.text);
            for (int k = 0; k < 4; k++) {
                byte[] buf = random(r, HyperscanScanner.MIN_LENGTH + r.nextInt(400));
                boolean fromClient = r.nextBoolean();
                if (!(fromClient ? toServer : toClient)) {
                    continue;
                }
                TreeSet<Integer> hits = new TreeSet<>();
                prefilter.scan(buf, fromClient, hits::add);
                rules.check(buf, fromClient, hits, "round " + round + " buffer " + k);
                int at = r.nextInt(50);
                java.nio.ByteBuffer direct = java.nio.ByteBuffer.allocateDirect(at + buf.length + r.nextInt(50));
                direct.put(at, buf);
                TreeSet<Integer> inPlace = new TreeSet<>();
                assertTrue(prefilter.scan(direct, at, buf.length, fromClient, inPlace::add), "round " + round);
                assertEquals(hits, inPlace, "round " + round + " buffer " + k);
            }
        }
    }

    /** Random rules (one content each, some with a direction, some with a depth), and what a scan must report. */
    private record RandomRules(List<byte[]> patterns, List<Integer> bounds, List<Integer> sides, List<ContentOption> keys,
                               List<Integer> ids, List<Integer> keySides, String text) {
        static RandomRules of(Random r, int maxLength) {
            StringBuilder rules = new StringBuilder();
            List<byte[]> patterns = new ArrayList<>();
            List<Integer> bounds = new ArrayList<>();
            List<Integer> sides = new ArrayList<>();
            for (int i = 0, n = 1 + r.nextInt(10); i < n; i++) {
                byte[] p = random(r, 1 + r.nextInt(maxLength));
                int side = r.nextInt(3);
                sides.add(side);
                int depth = r.nextInt(3) == 0 ? p.length + r.nextInt(20) : -1;
                patterns.add(p);
                bounds.add(depth);
                rules.append("alert tcp any any -> any any (").append(side == 1 ? "flow:to_server; " : side == 2 ? "flow:to_client; " : "").append("content:\"|").append(java.util.HexFormat.ofDelimiter(" ").formatHex(p)).append("|\"; nocase;")
                        .append(depth < 0 ? "" : " depth:" + depth + ";").append(" sid:").append(i + 1).append(";)\n");
            }
            RuleSet set = new RuleSet();
            set.add("t.rules", rules.toString(), RuleVariables.defaults(HomeNet.privateRanges()));
            List<ContentOption> keys = new ArrayList<>();
            List<Integer> ids = new ArrayList<>();
            List<Integer> keySides = new ArrayList<>();
            for (Rule rule : set.rules()) {
                keys.add(rule.fastPattern);
                ids.add((int) rule.sid - 1);
                keySides.add(sides.get((int) rule.sid - 1));
            }
            return new RandomRules(patterns, bounds, sides, keys, ids, keySides, rules.toString());
        }

        /**
         * Everything that occurs where its rule allows is reported; long patterns are looked for in
         * the whole buffer (their rules check the bounds), short anchored ones at most in the start
         * that the farthest of them may reach.
         */
        void check(byte[] buf, boolean fromClient, TreeSet<Integer> hits, String where) {
            int excluded = fromClient ? BufferPrefilter.TO_CLIENT : BufferPrefilter.TO_SERVER;
            TreeSet<Integer> required = reference(patterns, bounds, buf);
            int headEnd = 0;
            for (int i = 0; i < patterns.size(); i++) {
                if (patterns.get(i).length < BufferPrefilter.LONG) {
                    headEnd = Math.max(headEnd, bounds.get(i));
                }
            }
            List<Integer> loose = new ArrayList<>();
            for (int i = 0; i < patterns.size(); i++) {
                loose.add(patterns.get(i).length >= BufferPrefilter.LONG || bounds.get(i) < 0 ? -1 : headEnd);
            }
            TreeSet<Integer> anywhere = reference(patterns, loose, buf);
            required.removeIf(id -> sides.get(id) == excluded);
            anywhere.removeIf(id -> sides.get(id) == excluded);
            assertTrue(hits.containsAll(required) && anywhere.containsAll(hits), where + ": " + hits + " for " + required + "\n" + text);
        }
    }
}
