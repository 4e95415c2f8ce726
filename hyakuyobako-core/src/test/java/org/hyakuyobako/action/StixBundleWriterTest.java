package org.hyakuyobako.action;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.io.StringWriter;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import org.hyakuyobako.detect.blacklist.StixPattern;
import org.junit.jupiter.api.Test;

class StixBundleWriterTest {
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final StixSchemas SCHEMAS = new StixSchemas();
    /** Values a bot or a C&C operator can put in traffic, aimed at pattern, rule and zone parsers. */
    static final List<String> HOSTILE = List.of(
            "x'] OR [ipv4-addr:value = '0.0.0.0/0",
            "a\\'] OR [ipv4-addr:value = '0.0.0.0/0",
            "back\\slash\\",
            "quote'quote\"double",
            "semi;colon; drop; msg:\"x\"",
            "pi|pe|7C|",
            "line\nbreak",
            "carriage\rreturn",
            "tab\there",
            "nul\u0000byte",
            "del\u007fchar",
            "sep\u2028arator",
            "ünïcødé-名前.example",
            "emoji-\uD83D\uDE00",
            "broken-\uD83D",
            "]]]'[[['",
            "\\\\'\\'");

    static final class Export {
        final JsonNode bundle;
        final RefusedIndicators refused;
        final String text;

        Export(Findings f, Instant at) throws IOException {
            StringWriter out = new StringWriter();
            refused = new RefusedIndicators();
            new StixBundleWriter().write(f, new ExportSettings(1, 2, null, "Test Sensor", at), out, refused);
            text = out.toString();
            bundle = JSON.readTree(text);
        }

        List<JsonNode> of(String type) {
            List<JsonNode> out = new ArrayList<>();
            bundle.get("objects").forEach(o -> {
                if (o.get("type").asText().equals(type)) {
                    out.add(o);
                }
            });
            return out;
        }

        JsonNode indicatorNamed(String fragment) {
            return of("indicator").stream().filter(i -> i.get("pattern").asText().contains(fragment)).findFirst().orElseThrow();
        }
    }

    @Test
    void everyKindMakesABundleTheOasisSchemasAccept() throws IOException {
        Export e = new Export(SampleFindings.everyKind(), SampleFindings.EXPORTED);
        assertEquals(List.of(), SCHEMAS.violations(e.bundle));
        Map<String, Integer> types = new TreeMap<>();
        e.bundle.get("objects").forEach(o -> types.merge(o.get("type").asText(), 1, Integer::sum));
        // Three addresses, two domains and a URL have patterns; the IRC channel and command go into the C&C's text.
        assertEquals(Map.of("identity", 1, "indicator", 6, "sighting", 6, "infrastructure", 2, "ipv4-addr", 1, "ipv6-addr", 1,
                "malware", 1, "relationship", 6), types);
        assertEquals(1, e.refused.count(), "the JA3 of a host with no exported C&C has nowhere to go");
        assertEquals(Indicator.Kind.JA3, e.refused.all().get(0).indicator().kind());

        JsonNode identity = e.of("identity").get(0);
        assertEquals("system", identity.get("identity_class").asText());
        assertEquals("Test Sensor", identity.get("name").asText());
        JsonNode cnc = e.indicatorNamed("192.0.2.66");
        assertEquals("[ipv4-addr:value = '192.0.2.66'] OR [network-traffic:dst_ref.type = 'ipv4-addr' AND "
                + "network-traffic:dst_ref.value = '192.0.2.66' AND network-traffic:dst_port = 6667]", cnc.get("pattern").asText());
        assertEquals(95, cnc.get("confidence").asInt());
        assertEquals("2023-11-14T22:13:20.000Z", cnc.get("valid_from").asText());
        assertEquals("2024-01-02T03:04:05.678Z", cnc.get("modified").asText());
        assertEquals(List.of("malicious-activity"), List.of(cnc.get("indicator_types").get(0).asText()));
        assertEquals(70, e.indicatorNamed("198.51.100.9").get("confidence").asInt());
        assertEquals("[url:value = 'http://evil.example/x.exe']", e.indicatorNamed("x.exe").get("pattern").asText());
        assertEquals("[ipv6-addr:value = '2001:db8::66'] OR [network-traffic:dst_ref.type = 'ipv6-addr' AND "
                + "network-traffic:dst_ref.value = '2001:db8::66' AND network-traffic:dst_port = 443]",
                e.indicatorNamed("2001:db8::66").get("pattern").asText());

        JsonNode sighting = e.of("sighting").stream().filter(s -> s.get("sighting_of_ref").equals(cnc.get("id"))).findFirst()
                .orElseThrow();
        assertEquals(2, sighting.get("count").asInt(), "two monitored hosts used the C&C");
        assertEquals(identity.get("id"), sighting.get("where_sighted_refs").get(0));
        assertEquals("2023-11-14T22:43:20.000Z", sighting.get("last_seen").asText());

        JsonNode malware = e.of("malware").get(0);
        assertFalse(malware.get("is_family").asBoolean());
        assertEquals("bot group sync-1 of run sample-run", malware.get("name").asText());
        Set<String> relations = new HashSet<>();
        Map<String, String> typeOfId = new HashMap<>();
        e.bundle.get("objects").forEach(o -> typeOfId.put(o.get("id").asText(), o.get("type").asText()));
        for (JsonNode r : e.of("relationship")) {
            String source = typeOfId.get(r.get("source_ref").asText());
            String target = typeOfId.get(r.get("target_ref").asText());
            assertTrue(source != null && target != null, "relationship ends are in the bundle: " + r);
            relations.add(source + " " + r.get("relationship_type").asText() + " " + target);
        }
        // Each of these is a relationship STIX 2.1 section 4 defines for the pair.
        assertEquals(Set.of("indicator indicates infrastructure", "infrastructure consists-of ipv4-addr",
                "infrastructure consists-of ipv6-addr", "infrastructure controls malware", "indicator indicates malware"), relations);
        String infrastructure = e.of("infrastructure").stream().filter(i -> i.get("name").asText().contains("192.0.2.66"))
                .findFirst().orElseThrow().get("description").asText();
        assertTrue(infrastructure.endsWith("Seen with it: IRC channel '#b0tz'; IRC bot command '.advscan dcom135 100 5 0'."),
                infrastructure);
    }

    @Test
    void theMonitoredHostsAreNotNamedInTheSharedFile() throws IOException {
        Export e = new Export(SampleFindings.everyKind(), SampleFindings.EXPORTED);
        for (String host : List.of("10.0.0.5", "10.0.0.6", "10.0.0.7")) {
            assertFalse(e.text.contains(host), host + " leaked: " + e.text);
        }
        assertTrue(e.text.contains("a monitored host obeyed .advscan from 192.0.2.66:6667"), e.text);
    }

    @Test
    void reExportingGivesTheSameIdsAndANewModifiedTime() throws IOException {
        Export first = new Export(SampleFindings.everyKind(), SampleFindings.EXPORTED);
        Export again = new Export(SampleFindings.everyKind(), SampleFindings.EXPORTED.plusSeconds(86_400));
        List<String> ids = new ArrayList<>();
        first.bundle.get("objects").forEach(o -> ids.add(o.get("id").asText()));
        List<String> idsAgain = new ArrayList<>();
        again.bundle.get("objects").forEach(o -> idsAgain.add(o.get("id").asText()));
        assertEquals(ids, idsAgain);
        assertEquals(first.bundle.get("id"), again.bundle.get("id"));
        assertNotEquals(first.indicatorNamed("192.0.2.66").get("modified"), again.indicatorNamed("192.0.2.66").get("modified"));
        List<String> created = new ArrayList<>();
        first.bundle.get("objects").forEach(o -> created.add(o.path("created").asText()));
        List<String> createdAgain = new ArrayList<>();
        again.bundle.get("objects").forEach(o -> createdAgain.add(o.path("created").asText()));
        assertEquals(created, createdAgain, "a new version of an object keeps its created time");
        assertEquals(ids.size(), new HashSet<>(ids).size(), "ids are unique");
        for (String id : ids) {
            assertEquals('5', id.charAt(id.indexOf("--") + 2 + 14), "a version 5 UUID: " + id);
        }
    }

    @Test
    void hostileUrlsAreEscapedSoThePatternReadsBackAsTheOneValueOrAreRefused() throws IOException, StixPattern.Unsupported {
        int written = 0;
        for (String hostile : HOSTILE) {
            String url = "http://evil.example/" + hostile;
            Export e = new Export(SampleFindings.one(Indicator.Kind.URL, Indicator.Role.CNC, url, 0), SampleFindings.EXPORTED);
            assertEquals(List.of(), SCHEMAS.violations(e.bundle), hostile);
            if (SafeText.unsafeBecause(url) != null) {
                assertEquals(1, e.refused.count(), "refused: " + hostile);
                assertTrue(e.of("indicator").isEmpty());
                continue;
            }
            written++;
            String pattern = e.of("indicator").get(0).get("pattern").asText();
            List<StixPattern.Observation> parsed = StixPattern.parse(pattern);
            assertEquals(1, parsed.size(), pattern);
            assertEquals(List.of(new StixPattern.Comparison("url:value", "=", url, true)), parsed.get(0).comparisons(), pattern);
        }
        assertTrue(written >= 9, "most hostile values are escaped, not refused: " + written);
    }

    @Test
    void hostileAddressesAndDomainsAreRefusedAndNothingIsWrittenForThem() throws IOException {
        for (String hostile : HOSTILE) {
            for (Indicator.Kind kind : List.of(Indicator.Kind.ADDRESS, Indicator.Kind.DOMAIN)) {
                String value = kind == Indicator.Kind.ADDRESS ? "192.0.2.1" + hostile : hostile;
                Export e = new Export(SampleFindings.one(kind, Indicator.Role.CNC, value, kind == Indicator.Kind.ADDRESS ? 80 : 0),
                        SampleFindings.EXPORTED);
                assertEquals(1, e.refused.count(), kind + " " + hostile);
                assertEquals(List.of(), e.of("indicator"));
                assertEquals(List.of(), SCHEMAS.violations(e.bundle));
            }
        }
    }

    @Test
    void anEmptyRunIsStillAValidBundle() throws IOException {
        Findings empty = new Findings("nothing", List.of(), 0, 0, List.of(), List.of());
        Export e = new Export(empty, SampleFindings.EXPORTED);
        assertEquals(List.of(), SCHEMAS.violations(e.bundle));
        assertEquals(1, e.bundle.get("objects").size(), "the identity alone");
    }

    @Test
    void theSchemaCheckItselfCatchesABrokenObject() throws IOException {
        Export e = new Export(SampleFindings.everyKind(), SampleFindings.EXPORTED);
        ((com.fasterxml.jackson.databind.node.ObjectNode) e.of("indicator").get(0)).put("created", "yesterday");
        ((com.fasterxml.jackson.databind.node.ObjectNode) e.of("sighting").get(0)).put("count", -1);
        List<String> violations = SCHEMAS.violations(e.bundle);
        assertTrue(violations.stream().anyMatch(v -> v.contains("(indicator)") && v.contains("created")), violations.toString());
        assertTrue(violations.stream().anyMatch(v -> v.contains("(sighting)") && v.contains("count")), violations.toString());
    }
}
