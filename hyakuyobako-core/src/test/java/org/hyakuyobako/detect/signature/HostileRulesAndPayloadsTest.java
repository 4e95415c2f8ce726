package org.hyakuyobako.detect.signature;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import java.util.stream.Stream;
import org.hyakuyobako.net.HomeNet;
import org.hyakuyobako.rules.Buffer;
import org.hyakuyobako.rules.Rule;
import org.hyakuyobako.rules.RuleSet;
import org.hyakuyobako.rules.RuleVariables;
import org.hyakuyobako.rules.Slot;
import org.hyakuyobako.testing.Corpus;
import org.junit.jupiter.api.Test;

/**
 * Damaged rules and hostile payloads: ET Open's rules with random characters changed (quotes,
 * semicolons, pipes, backslashes, digits) are each loaded or skipped with a reason, never an
 * internal error; the rules that still load run on random payloads in every buffer without an
 * exception. Seeded, so a failure repeats.
 */
class HostileRulesAndPayloadsTest {
    private static final String NASTY = "\";|\\()[]!:,$ 0123456789-<>/\u0000\u00ff";

    @Test
    void mutatedRulesLoadOrAreSkippedWithAReasonAndRunOnRandomPayloads() throws IOException {
        List<String> lines = new ArrayList<>();
        try (Stream<Path> files = Files.list(Corpus.root().resolve("et-open"))) {
            for (Path f : files.filter(p -> p.toString().endsWith(".rules")).sorted().toList()) {
                for (String l : Files.readAllLines(f)) {
                    if (!l.isBlank() && !l.startsWith("#")) {
                        lines.add(l);
                    }
                }
            }
        }
        Random random = new Random(20261124);
        StringBuilder text = new StringBuilder();
        int mutated = 4_000;
        for (int i = 0; i < mutated; i++) {
            StringBuilder rule = new StringBuilder(lines.get(random.nextInt(lines.size())));
            int edits = 1 + random.nextInt(4);
            for (int e = 0; e < edits; e++) {
                int at = random.nextInt(rule.length());
                switch (random.nextInt(3)) {
                    case 0 -> rule.setCharAt(at, NASTY.charAt(random.nextInt(NASTY.length())));
                    case 1 -> rule.insert(at, NASTY.charAt(random.nextInt(NASTY.length())));
                    default -> rule.deleteCharAt(at);
                }
            }
            // Unique sids, so duplicates do not hide what the parser did with each line.
            text.append(rule.toString().replaceAll("sid\\s*:\\s*\\d+", "sid:" + (5_000_000 + i))).append('\n');
        }
        RuleSet set = new RuleSet();
        set.add("mutated.rules", text.toString(), RuleVariables.defaults(HomeNet.privateRanges()));
        System.out.println("mutated ET rules: " + set.summary());
        assertEquals(mutated, set.rules().size() + set.skipped().size() + set.duplicates() - countDuplicatesKept(set),
                "every line is loaded or skipped");
        assertTrue(set.skippedByReason().keySet().stream().noneMatch(r -> r.equals("internal error")), set.skippedByReason().toString());
        assertTrue(set.rules().size() > mutated / 4, "most edits leave a rule that still parses");

        SignatureEngine engine = new SignatureEngine(set.rules());
        List<Rule> withPattern = set.rules().stream().filter(r -> r.fastPattern != null).toList();
        Inspection in = new Inspection();
        long alerts = 0;
        for (int i = 0; i < 3_000; i++) {
            Slot slot = Slot.values()[random.nextInt(Slot.values().length)];
            in.reset(slot);
            in.ipProtocol = random.nextBoolean() ? 6 : 17;
            in.srcLo = 0x0000_FFFF_0A00_0000L | random.nextInt(256);
            in.dstLo = 0x0000_FFFF_C633_6400L | random.nextInt(256);
            in.srcPort = random.nextInt(65_536);
            in.dstPort = random.nextBoolean() ? 80 : random.nextInt(65_536);
            in.toServer = random.nextBoolean();
            in.established = random.nextBoolean();
            in.appProto = random.nextBoolean() ? "http" : null;
            in.flowId = random.nextInt(50);
            in.timestampNanos = i * 1_000_000L;
            in.tcpFlags = random.nextInt(256);
            in.dnsRcode = random.nextInt(16);
            in.uriLength = random.nextInt(300);
            in.rawUriLength = in.uriLength;
            for (Buffer b : Buffer.values()) {
                if (random.nextInt(3) == 0) {
                    byte[] payload = new byte[random.nextInt(2_000)];
                    random.nextBytes(payload);
                    // Half the time with a loaded rule's contents planted, so matching goes past the prefilter.
                    Rule donor = withPattern.get(random.nextInt(withPattern.size()));
                    if (random.nextBoolean() && payload.length > 0) {
                        int at = random.nextInt(payload.length);
                        for (var options : donor.buffers.values()) {
                            for (var o : options) {
                                if (o instanceof org.hyakuyobako.rules.ContentOption c) {
                                    byte[] pat = c.pattern();
                                    System.arraycopy(pat, 0, payload, at, Math.min(pat.length, payload.length - at));
                                    at = Math.min(payload.length - 1, at + pat.length + random.nextInt(8));
                                }
                            }
                        }
                    }
                    in.set(b, payload);
                }
            }
            byte[] p = in.get(Buffer.PAYLOAD);
            in.dsize = slot == Slot.PACKET && p != null ? p.length : -1;
            long[] n = {0};
            engine.inspect(in, random.nextBoolean(), r -> n[0]++);
            alerts += n[0];
        }
        System.out.println("random payloads: " + alerts + " alerts, " + engine.counters());
    }

    /** Lines whose sid was given twice keep one: the replaced or refused copy is listed as skipped already. */
    private static long countDuplicatesKept(RuleSet set) {
        return set.skipped().stream().filter(s -> s.reason().equals("duplicate sid")).count();
    }
}
