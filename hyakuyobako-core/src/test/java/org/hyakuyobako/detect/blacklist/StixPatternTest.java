package org.hyakuyobako.detect.blacklist;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import org.junit.jupiter.api.Test;

class StixPatternTest {
    @Test
    void equalityObservationsJoinedByOrAreRead() throws StixPattern.Unsupported {
        List<StixPattern.Observation> p = StixPattern.parse("[ipv4-addr:value = '192.0.2.1' OR ipv4-addr:value = '192.0.2.2'] OR "
                + "[network-traffic:dst_ref.type = 'ipv4-addr' AND network-traffic:dst_ref.value = '192.0.2.3' AND "
                + "network-traffic:dst_port = 443]");
        assertEquals(2, p.size());
        assertEquals("OR", p.get(0).connective());
        assertEquals("AND", p.get(1).connective());
        assertEquals(new StixPattern.Comparison("network-traffic:dst_port", "=", "443", false), p.get(1).comparisons().get(2));
    }

    @Test
    void escapesAreTheGrammarsTwoAndNothingElse() throws StixPattern.Unsupported {
        assertEquals("it's a \\ back", StixPattern.parse("[url:value = 'it\\'s a \\\\ back']").get(0).comparisons().get(0).value());
        assertThrows(StixPattern.Unsupported.class, () -> StixPattern.parse("[url:value = 'a\\nb']"));
        assertThrows(StixPattern.Unsupported.class, () -> StixPattern.parse("[url:value = 'unterminated]"));
    }

    @Test
    void everythingBeyondTheSubsetIsRefusedWithAReason() {
        for (String p : List.of(
                "[ipv4-addr:value = '1.2.3.4'] FOLLOWEDBY [ipv4-addr:value = '5.6.7.8']",
                "[ipv4-addr:value = '1.2.3.4'] AND [domain-name:value = 'a.example']",
                "([ipv4-addr:value = '1.2.3.4'])",
                "[ipv4-addr:value = '1.2.3.4'] WITHIN 300 SECONDS",
                "[ipv4-addr:value = '1.2.3.4'] START t'2020-01-01T00:00:00Z' STOP t'2021-01-01T00:00:00Z'",
                "[ipv4-addr:value ISSUBSET '10.0.0.0/8']",
                "[domain-name:value LIKE '%.example']",
                "[domain-name:value NOT = 'a.example']",
                "[ipv4-addr:value = '1.2.3.4' AND domain-name:value = 'x' OR url:value = 'y']",
                "[file:hashes.'SHA-256' = 'abc']",
                "[artifact:payload_bin = b'AAAA']",
                "ipv4-addr:value = '1.2.3.4'",
                "",
                "[ipv4-addr:value = '1.2.3.4'] OR",
                "[ipv4-addr:value = '1.2.3.4'] junk")) {
            StixPattern.Unsupported e = assertThrows(StixPattern.Unsupported.class, () -> StixPattern.parse(p), p);
            assertTrue(e.getMessage() != null && !e.getMessage().isBlank(), p);
        }
    }

    @Test
    void hugeAndRepetitivePatternsAreBounded() {
        String many = "[" + "ipv4-addr:value = '1.2.3.4' OR ".repeat(300) + "ipv4-addr:value = '1.2.3.4']";
        assertThrows(StixPattern.Unsupported.class, () -> StixPattern.parse(many));
        assertThrows(StixPattern.Unsupported.class, () -> StixPattern.parse("[url:value = '" + "a".repeat(20_000) + "']"));
    }
}
