package org.hyakuyobako.action;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.StringWriter;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import org.hyakuyobako.net.HomeNet;
import org.hyakuyobako.rules.Buffer;
import org.hyakuyobako.rules.ClassificationConfig;
import org.hyakuyobako.rules.ContentOption;
import org.hyakuyobako.rules.PayloadOption;
import org.hyakuyobako.rules.Rule;
import org.hyakuyobako.rules.RuleParser;
import org.hyakuyobako.rules.RuleVariables;
import org.hyakuyobako.rules.UnsupportedRuleException;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

/**
 * Exported rules load in our own rule parser, and strings from traffic can neither end a value, an
 * option or the rule, nor change what it matches: the content the parser reads back is the exact
 * bytes of the hostile string. Mutations this test catches: a quote, semicolon, pipe or backslash
 * written as itself in a content or msg; a newline in a rule; a refused domain written anyway; sids
 * that overlap or leave the range; the JA3 check loosened to {@code find()} instead of
 * {@code matches()} (the injected and newline-ended JA3 values get rules).
 */
class IdsRuleWriterTest {
    private static final ExportSettings SETTINGS = ExportSettings.defaults(Instant.parse("2026-12-07T00:00:00Z"));

    static List<Rule> parse(String file) throws UnsupportedRuleException {
        RuleParser parser = new RuleParser(RuleVariables.defaults(HomeNet.privateRanges()), ClassificationConfig.bundled().priorities());
        List<Rule> rules = new ArrayList<>();
        for (String line : file.split("\n")) {
            if (!line.isBlank() && !line.startsWith("#")) {
                rules.add(parser.parse(line));
            }
        }
        return rules;
    }

    static List<byte[]> contents(Rule r) {
        List<byte[]> out = new ArrayList<>();
        for (List<PayloadOption> options : r.buffers.values()) {
            for (PayloadOption o : options) {
                if (o instanceof ContentOption c) {
                    out.add(c.pattern());
                }
            }
        }
        return out;
    }

    static boolean hasContent(Rule r, String text) {
        byte[] want = text.getBytes(StandardCharsets.UTF_8);
        return contents(r).stream().anyMatch(c -> java.util.Arrays.equals(c, want));
    }

    @ParameterizedTest
    @EnumSource(IdsRuleWriter.Dialect.class)
    void everyRuleLoadsAndHostileStringsComeBackAsTheirExactBytes(IdsRuleWriter.Dialect dialect) throws Exception {
        IdsRuleWriter writer = new IdsRuleWriter(dialect);
        RefusedIndicators refused = new RefusedIndicators();
        StringWriter out = new StringWriter();
        writer.write(HostileFindings.findings(), SETTINGS, out, refused);
        List<Rule> rules = parse(out.toString());

        // 5 addresses + 2 good domains (a DNS and a TLS rule each) + 2 URLs + 3 channels + 1 command (+ a JA3 and a JA4 rule in Suricata's
        // dialect); the 9 hostile domains, the hostile address and every malformed fingerprint refused (Snort: all fingerprints).
        boolean suricata = dialect == IdsRuleWriter.Dialect.SURICATA;
        int fingerprints = HostileFindings.HOSTILE_JA3.size() + HostileFindings.HOSTILE_JA4.size() + 2;
        assertEquals(suricata ? 17 : 15, rules.size(), out.toString());
        assertEquals(2, rules.stream().filter(r -> r.msg.contains("TLS to the C&C domain")).count(), "a TLS server-name rule per domain");
        assertEquals(HostileFindings.HOSTILE_DOMAINS.size() + 1 + fingerprints - (suricata ? 2 : 0), refused.count(), refused.all().toString());
        assertTrue(refused.all().stream().allMatch(r -> r.indicator().kind() == Indicator.Kind.DOMAIN
                || r.indicator().value().equals(HostileFindings.HOSTILE_ADDRESS)
                || r.indicator().kind() == Indicator.Kind.JA3 || r.indicator().kind() == Indicator.Kind.JA4));
        assertTrue(refused.all().stream().noneMatch(r -> suricata && (r.indicator().value().equals(HostileFindings.JA3)
                || r.indicator().value().equals(HostileFindings.JA4))), "well-formed fingerprints are written");
        for (int k = 0; k < rules.size(); k++) {
            Rule r = rules.get(k);
            assertEquals(ExportSettings.DEFAULT_FIRST_SID + k, r.sid);
            assertTrue(r.msg.startsWith("HYAKUYOBAKO "), r.msg);
            assertFalse(r.msg.contains("\"") || r.msg.contains(";") || r.msg.contains("\n"), r.msg);
            assertEquals("trojan-activity", r.classtype);
            assertTrue(r.metadata.stream().anyMatch(m -> m.startsWith("hyakuyobako_verdict_time 2008-04-28T08:02:00Z")), r.metadata.toString());
        }
        assertTrue(rules.stream().anyMatch(r -> hasContent(r, HostileFindings.HOSTILE_COMMAND)), "hostile IRC command matched exactly");
        assertTrue(rules.stream().anyMatch(r -> hasContent(r, "JOIN " + HostileFindings.HOSTILE_CHANNEL)), "hostile channel exactly");
        assertTrue(rules.stream().anyMatch(r -> hasContent(r, "JOIN " + HostileFindings.HOSTILE_UTF8_CHANNEL)), "UTF-8 channel exactly");
        assertTrue(rules.stream().anyMatch(r -> hasContent(r, "/a b\";|\\x.exe?q=';--\n$INCLUDE")), "hostile URL path exactly");
        assertTrue(rules.stream().anyMatch(r -> hasContent(r, "/load/x.exe")));
        if (dialect == IdsRuleWriter.Dialect.SURICATA) {
            assertTrue(rules.stream().anyMatch(r -> hasContent(r, ".good-bad.example")), out.toString());
            assertTrue(out.toString().contains("tls.sni; dotprefix; content:\".good-bad.example\"; nocase; endswith;"), out.toString());
            assertTrue(rules.stream().anyMatch(r -> hasContent(r, "evil.example")), "URL host in http.host");
        } else {
            assertTrue(rules.stream().anyMatch(r -> hasContent(r, "\u0008good-bad\u0007example\u0000")), out.toString());
        }
        if (suricata) {
            // The fingerprint rules: the sticky buffer and the exact value, nothing else from the indicator.
            assertTrue(rules.stream().anyMatch(r -> hasContent(r, HostileFindings.JA3)
                    && r.buffers.keySet().stream().anyMatch(b -> b.buffer() == Buffer.TLS_JA3_HASH)), out.toString());
            assertTrue(rules.stream().anyMatch(r -> hasContent(r, HostileFindings.JA4)
                    && r.buffers.keySet().stream().anyMatch(b -> b.buffer() == Buffer.TLS_JA4)), out.toString());
            // Two fingerprint rules and two server-name rules (one per good domain) are TLS rules.
            assertEquals(4, out.toString().lines().filter(l -> l.startsWith("alert tls $HOME_NET any -> any any (")).count());
        }
        for (String hostile : HostileFindings.HOSTILE_JA3) {
            assertFalse(rules.stream().anyMatch(r -> hasContent(r, hostile)), hostile);
        }
        assertFalse(out.toString().contains("sid:1;"), "an injected option never reaches a rule");
        assertTrue(out.toString().contains("-> [2001:db8::66] 443"), out.toString());
        assertTrue(out.toString().contains("alert ip $HOME_NET any -> 192.0.2.99 any"), out.toString());
    }

    @ParameterizedTest
    @EnumSource(IdsRuleWriter.Dialect.class)
    void theRangeIsNeverLeft(IdsRuleWriter.Dialect dialect) {
        ExportSettings narrow = new ExportSettings(100, 105, null, "x", Instant.EPOCH);
        assertThrows(IllegalStateException.class, () -> new IdsRuleWriter(dialect).write(HostileFindings.findings(), narrow,
                new StringWriter(), new RefusedIndicators()));
    }

    @ParameterizedTest
    @EnumSource(IdsRuleWriter.Dialect.class)
    void aHostileAddressCannotReachTheHeader(IdsRuleWriter.Dialect dialect) throws Exception {
        StringWriter out = new StringWriter();
        new IdsRuleWriter(dialect).write(HostileFindings.findings(), SETTINGS, out, new RefusedIndicators());
        assertFalse(out.toString().contains("rm -rf"), "an address that is no address is never written");
    }

    @ParameterizedTest
    @EnumSource(IdsRuleWriter.Dialect.class)
    void contentEscapingSurvivesEveryByte(IdsRuleWriter.Dialect dialect) throws Exception {
        StringBuilder all = new StringBuilder(".");
        for (int c = 1; c < 256; c++) {
            all.append((char) c);
        }
        Findings f = new Findings("r", List.of(), 0, 0, List.of(), List.of(HostileFindings.other(Indicator.Kind.IRC_COMMAND, all.toString())));
        StringWriter out = new StringWriter();
        new IdsRuleWriter(dialect).write(f, SETTINGS, out, new RefusedIndicators());
        List<Rule> rules = parse(out.toString());
        assertEquals(1, rules.size());
        assertArrayEquals(all.toString().getBytes(StandardCharsets.UTF_8), contents(rules.get(0)).get(0));
    }
}
