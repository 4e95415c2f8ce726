package org.hyakuyobako.source.firewall;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.util.ArrayList;
import java.util.List;
import org.hyakuyobako.testing.Corpus;
import org.junit.jupiter.api.Test;

/**
 * Wazuh's Cisco ASA and PIX decoder tests and Elastic's ASA sample log: every line is an event or
 * counted (unsupported id, not a firewall message), none is malformed for an id we read, none
 * crashes; header variants (with and without year, zone, device name, EMBLEM class) all parse.
 */
class AsaSyslogCorpusTest {
    record Result(List<FirewallEvent> events, List<String> problems, AsaSyslogReader reader, long lines) {
    }

    static Result read(String text) throws IOException {
        List<FirewallEvent> events = new ArrayList<>();
        List<String> problems = new ArrayList<>();
        AsaSyslogReader r = new AsaSyslogReader(events::add, problems::add);
        r.read(new ByteArrayInputStream(text.getBytes(StandardCharsets.ISO_8859_1)), "t", 2013);
        return new Result(events, problems, r, text.lines().filter(l -> !l.isBlank()).count());
    }

    @Test
    void wazuhTestLinesAreEventsOrCountedById() throws IOException {
        for (String file : List.of("firewall/wazuh-ruleset-tests/cisco_asa.ini", "firewall/wazuh-ruleset-tests/pix.ini")) {
            StringBuilder text = new StringBuilder();
            for (String l : Files.readAllLines(Corpus.file(file), StandardCharsets.ISO_8859_1)) {
                int eq = l.indexOf(" = ");
                if (l.startsWith("log ") && eq > 0) {
                    text.append(l.substring(eq + 3)).append('\n');
                }
            }
            Result r = read(text.toString());
            System.out.printf("%s: %d lines, %d events, %d unsupported %s, %d not firewall, problems %s%n", file, r.lines(),
                    r.events().size(), r.reader().unsupported(), r.reader().unsupportedById(), r.reader().notFirewall(), r.problems());
            assertEquals(r.lines(), r.events().size() + r.reader().unsupported() + r.reader().notFirewall() + r.reader().malformed(), "every line accounted for");
            // pix.ini has one line whose addresses were anonymised to "***" and whose end is cut: it is
            // reported with its line number, the one problem allowed.
            assertTrue(r.problems().stream().allMatch(p -> p.contains("***/")), r.problems().toString());
            // Floors at the events read when set (issue 29: 20 and 9; was ">= 5"): they may only rise.
            int floor = file.endsWith("cisco_asa.ini") ? 20 : 9;
            assertTrue(r.events().size() >= floor, file + ": " + r.events().size() + " events, floor " + floor);
        }
    }

    @Test
    void elasticSampleWithEveryHeaderVariant() throws IOException {
        Result r = read(Files.readString(Corpus.file("firewall/elastic-cisco-asa/test-sample.log"), StandardCharsets.ISO_8859_1));
        System.out.printf("elastic: %d lines, %d events, %d unsupported %s, %d not firewall%n", r.lines(), r.events().size(),
                r.reader().unsupported(), r.reader().unsupportedById(), r.reader().notFirewall());
        assertEquals(r.lines(), r.events().size() + r.reader().unsupported() + r.reader().notFirewall() + r.reader().malformed());
        assertTrue(r.problems().isEmpty(), r.problems().toString());
        assertEquals(0, r.reader().notFirewall(), "every line of the sample is an ASA message");
        assertTrue(r.events().size() >= 79, "events read (floor 79 when set, may only rise): " + r.events().size());
        FirewallEvent first = r.events().get(0);
        assertEquals("106023", first.messageId());
        assertEquals("10.1.2.30", first.src().ip());
        assertEquals(63016, first.src().port());
        assertEquals("dmz", first.src().iface());
        assertEquals("outside", first.dst().iface());
        assertEquals("acl_dmz", first.reason());
        assertEquals(java.time.Instant.parse("2013-04-15T09:36:50Z").toEpochMilli() * 1_000_000L, first.timestampNanos());
        // "Apr 24 2013 16:00:28 INT-FW01 : %ASA-6-106100: …": the device name, and the ACL's verdict.
        FirewallEvent named = r.events().stream().filter(e -> "INT-FW01".equals(e.host())).findFirst().orElseThrow();
        assertEquals("106100", named.messageId());
    }

    @Test
    void hostileLinesAreCountedNotThrown() throws IOException {
        String text = """
                <166>%ASA-6-302013: Built inbound TCP connection x for a:b/c to d:e/f
                %ASA-6-302014: Teardown TCP connection 1 for outside:999.1.1.1/80 to inside:10.0.0.1/1 duration 0:00:01 bytes 1
                %ASA-4-106023: Deny tcp src outside:1.2.3.4/5 dst inside:10.0.0.1/80 by access-group "%s" [0x0, 0x0]
                garbage line
                %ASA-6-999999: something we do not read
                <190>1 2024-05-01T10:00:00Z fw1 - - - %ASA-6-302015: Built outbound UDP connection 7 for outside:8.8.8.8/53 (8.8.8.8/53) to inside:10.0.0.5/5353 (198.51.100.5/40000)
                """ + "%ASA-6-302013: Built inbound TCP connection 1 for " + "a".repeat(20_000) + "\n";
        Result r = read(text);
        assertEquals(3, r.problems().size(), r.problems().toString());
        assertTrue(r.problems().get(0).startsWith("t:1: message 302013 is not in its documented form"), r.problems().get(0));
        assertEquals(2, r.events().size());
        FirewallEvent udp = r.events().get(1);
        assertEquals("fw1", udp.host());
        assertEquals("198.51.100.5", udp.dst().mappedIp());
        assertEquals(40000, udp.dst().mappedPort());
        assertEquals(java.time.Instant.parse("2024-05-01T10:00:00Z").toEpochMilli() * 1_000_000L, udp.timestampNanos());
        assertEquals(1, r.reader().notFirewall());
        assertEquals(1L, r.reader().unsupportedById().get("999999"));
        assertEquals(1, r.reader().overlong());
    }
}
