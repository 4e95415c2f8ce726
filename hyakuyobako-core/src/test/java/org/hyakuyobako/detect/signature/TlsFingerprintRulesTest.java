package org.hyakuyobako.detect.signature;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import org.hyakuyobako.detect.Detectors;
import org.hyakuyobako.detect.blacklist.Blacklists;
import org.hyakuyobako.detect.irc.BotVocabulary;
import org.hyakuyobako.event.AlertEvent;
import org.hyakuyobako.rules.RuleSet;
import org.hyakuyobako.rules.RuleVariables;
import org.hyakuyobako.testing.Corpus;
import org.hyakuyobako.testing.Pipelines;
import org.junit.jupiter.api.Test;

/**
 * Suricata's fingerprint sticky buffers ({@code ja3.hash}, legacy {@code ja3_hash}, {@code ja3.string},
 * {@code ja3s.hash}, {@code ja4.hash}) load and match on emotet.pcap, whose bot (10.4.25.101) opens
 * two TLS connections with the JA3 nDPI reports; a rule with another hash stays silent. Mutation
 * seen failing: filling TLS_JA3_HASH with the JA3 string (sids 1 and 2 silent).
 */
class TlsFingerprintRulesTest {
    static final String RULES = """
            alert tls any any -> any any (msg:"JA3 of the Emotet bot"; ja3.hash; content:"51c64c77e60f3980eea90869b68c58a8"; sid:1;)
            alert tls any any -> any any (msg:"JA3, legacy keyword"; ja3_hash; content:"51c64c77e60f3980eea90869b68c58a8"; sid:2;)
            alert tls any any -> any any (msg:"JA3 string"; ja3.string; content:"771,49196-49195-49200"; startswith; sid:3;)
            alert tls any any -> any any (msg:"JA4"; ja4.hash; content:"t12i190600_d83cc789557e_2dae41c691ec"; sid:4;)
            alert tls any any -> any any (msg:"JA3S"; ja3s.hash; content:"ec74a5c51106f0419184d0dd08fb05bc"; sid:5;)
            alert tls any any -> any any (msg:"another client"; ja3.hash; content:"e7d705a3286e19ea42f587b344ee6865"; sid:6;)
            """;

    @Test
    void fingerprintRulesMatchTheBotsHellos() throws IOException {
        RuleSet set = new RuleSet();
        set.add("ja3.rules", RULES, RuleVariables.defaults(Pipelines.options().homeNet()));
        assertEquals(List.of(), set.skipped());
        List<AlertEvent> alerts = Pipelines.run(List.of(Corpus.file("ndpi/emotet.pcap")),
                a -> Detectors.addDefaults(a, Pipelines.options(), new Blacklists(), BotVocabulary.bundled(), set)).of(AlertEvent.class);
        Map<Long, Long> bySid = new TreeMap<>();
        for (AlertEvent a : alerts) {
            bySid.merge(a.signatureId(), 1L, Long::sum);
        }
        // Two connections from the bot with that client hello; JA3S differs between the two servers' hellos.
        assertEquals(Map.of(1L, 2L, 2L, 2L, 3L, 2L, 4L, 2L, 5L, 1L), bySid);
        AlertEvent first = alerts.stream().filter(a -> a.signatureId() == 1).findFirst().orElseThrow();
        assertEquals("10.4.25.101", first.srcIp());
        assertEquals("51c64c77e60f3980eea90869b68c58a8", first.app().get("tls.ja3.hash"));
        assertTrue(first.app().get("tls.ja4").startsWith("t12i"));
    }
}
