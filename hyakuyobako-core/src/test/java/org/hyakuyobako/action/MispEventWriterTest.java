package org.hyakuyobako.action;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.annotation.JsonProperty;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.io.StringWriter;
import java.nio.file.Files;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import org.hyakuyobako.testing.Corpus;
import org.junit.jupiter.api.Test;

/**
 * The MISP export read back through Jackson into the fields the MISP core format documents, with
 * unknown fields an error, and every attribute's category-type pair checked against the format's
 * own table.
 */
class MispEventWriterTest {
    private static final ObjectMapper JSON = new ObjectMapper().enable(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES)
            .enable(DeserializationFeature.FAIL_ON_NULL_FOR_PRIMITIVES);

    record Document(@JsonProperty("Event") Event event) {
    }

    record Org(String name, String uuid) {
    }

    record Tag(String name, String colour, boolean exportable) {
    }

    record Event(String uuid, String info, String date, String threat_level_id, String analysis, String distribution,
                 String sharing_group_id, boolean published, String timestamp, String publish_timestamp, String attribute_count,
                 @JsonProperty("Orgc") Org orgc, @JsonProperty("Tag") List<Tag> tags, @JsonProperty("Attribute") List<Attribute> attributes,
                 @JsonProperty("Object") List<MispObject> objects) {
    }

    record Attribute(String uuid, String type, String category, boolean to_ids, String object_relation, String value, String comment,
                     String distribution, String sharing_group_id, String timestamp, boolean deleted, String first_seen,
                     String last_seen, @JsonProperty("Tag") List<Tag> tags) {
    }

    record MispObject(String uuid, String name, @JsonProperty("meta-category") String metaCategory, String description,
                      String template_uuid, String template_version, String comment, String distribution, String sharing_group_id,
                      String timestamp, boolean deleted, String first_seen, String last_seen,
                      @JsonProperty("Attribute") List<Attribute> attributes, @JsonProperty("Tag") List<Tag> tags) {
    }

    static Document export(Findings f, RefusedIndicators refused) throws IOException {
        StringWriter out = new StringWriter();
        new MispEventWriter().write(f, new ExportSettings(1, 2, null, "Test Sensor", SampleFindings.EXPORTED), out, refused);
        return JSON.readValue(out.toString(), Document.class);
    }

    /** Category to its valid types, from the format document's table. */
    static Map<String, Set<String>> validTypes() throws IOException {
        String doc = Files.readString(Corpus.file("misp-format/misp-core-format.md"));
        String table = doc.substring(doc.indexOf("The list of valid category-type combinations is as follows:"),
                doc.indexOf("Attributes are based on the usage"));
        Map<String, Set<String>> out = new HashMap<>();
        String[] lines = table.split("\n");
        for (int i = 1; i < lines.length; i++) {
            if (lines[i].startsWith(":   ")) {
                out.put(lines[i - 1].trim(), Arrays.stream(lines[i].substring(4).split(",")).map(String::trim).collect(Collectors.toSet()));
            }
        }
        assertTrue(out.size() > 15, "the table was read: " + out.keySet());
        return out;
    }

    @Test
    void everyKindReadsBackIntoTheDocumentedFieldsWithValidCategoryTypePairs() throws IOException {
        RefusedIndicators refused = new RefusedIndicators();
        Event e = export(SampleFindings.everyKind(), refused).event();
        assertEquals(0, refused.count(), refused.all().toString());
        assertEquals("2023-11-14", e.date());
        assertEquals("1", e.threat_level_id());
        assertEquals("0", e.analysis());
        assertFalse(e.published());
        assertEquals(Long.toString(SampleFindings.EXPORTED.getEpochSecond()), e.timestamp());
        assertEquals(List.of("tlp:green"), e.tags().stream().map(Tag::name).toList());
        assertEquals(5, UUID.fromString(e.uuid()).version());
        Map<String, Set<String>> valid = validTypes();
        List<Attribute> all = Stream.concat(e.attributes().stream(), e.objects().stream().flatMap(o -> o.attributes().stream())).toList();
        assertEquals(Integer.parseInt(e.attribute_count()), all.size());
        for (Attribute a : all) {
            assertTrue(valid.get(a.category()).contains(a.type()), a.category() + " / " + a.type());
            assertEquals(5, UUID.fromString(a.uuid()).version());
            assertTrue(a.first_seen().matches("\\d{4}-\\d\\d-\\d\\dT\\d\\d:\\d\\d:\\d\\d\\.\\d{6}\\+00:00"), a.first_seen());
            assertFalse(a.comment().contains("10.0.0."), "monitored hosts are not named: " + a.comment());
        }
        assertEquals(all.size(), all.stream().map(Attribute::uuid).distinct().count(), "uuids are unique");

        Map<String, Attribute> byValue = new HashMap<>();
        e.attributes().forEach(a -> byValue.put(a.type() + " " + a.value(), a));
        assertAttribute(byValue.get("ip-dst 192.0.2.66"), "Network activity", true, "hyakuyobako:role=\"command-and-control\"");
        assertAttribute(byValue.get("ip-dst 2001:db8::66"), "Network activity", true, "hyakuyobako:role=\"command-and-control\"");
        assertAttribute(byValue.get("ip-dst 198.51.100.9"), "Payload delivery", true, "hyakuyobako:role=\"malware-download\"");
        assertAttribute(byValue.get("ip-dst|port 198.51.100.9|80"), "Payload delivery", true, "hyakuyobako:role=\"malware-download\"");
        assertAttribute(byValue.get("hostname cc.evil.example"), "Network activity", true, "hyakuyobako:role=\"command-and-control\"");
        assertAttribute(byValue.get("domain evil.example"), "Payload delivery", true, "hyakuyobako:role=\"malware-download\"");
        assertAttribute(byValue.get("url http://evil.example/x.exe"), "Payload delivery", true, "hyakuyobako:role=\"malware-download\"");
        assertAttribute(byValue.get("text #b0tz"), "Network activity", false, "hyakuyobako:role=\"command-and-control\"");
        assertAttribute(byValue.get("text .advscan dcom135 100 5 0"), "Network activity", false,
                "hyakuyobako:role=\"command-and-control\"");
        assertAttribute(byValue.get("ja3-fingerprint-md5 e7d705a3286e19ea42f587b344ee6865"), "Network activity", false,
                "hyakuyobako:role=\"command-and-control\"");

        assertEquals(2, e.objects().size(), "one network-connection per C&C endpoint");
        MispObject irc = e.objects().stream().filter(o -> o.comment().contains("192.0.2.66:6667")).findFirst().orElseThrow();
        assertEquals("network-connection", irc.name());
        assertEquals("network", irc.metaCategory());
        assertEquals(MispEventWriter.NETWORK_CONNECTION_TEMPLATE, irc.template_uuid());
        Map<String, String> relations = new HashMap<>();
        irc.attributes().forEach(a -> relations.put(a.object_relation(), a.type() + "=" + a.value()));
        assertEquals(Map.of("ip-dst", "ip-dst=192.0.2.66", "dst-port", "port=6667", "layer4-protocol", "text=TCP",
                "layer7-protocol", "text=IRC"), relations);
        assertTrue(irc.attributes().stream().filter(a -> a.object_relation().equals("ip-dst")).allMatch(Attribute::to_ids));
        assertEquals("2023-11-14T22:13:20.000000+00:00", irc.first_seen());
        assertEquals("2023-11-14T22:43:20.000000+00:00", irc.last_seen());
    }

    private static void assertAttribute(Attribute a, String category, boolean toIds, String tag) {
        assertNotNull(a);
        assertEquals(category, a.category(), a.toString());
        assertEquals(toIds, a.to_ids(), a.toString());
        assertEquals(List.of(tag), a.tags().stream().map(Tag::name).toList());
    }

    @Test
    void reExportingGivesTheSameUuids() throws IOException {
        Event one = export(SampleFindings.everyKind(), new RefusedIndicators()).event();
        Event two = export(SampleFindings.everyKind(), new RefusedIndicators()).event();
        assertEquals(one.uuid(), two.uuid());
        assertEquals(one.attributes().stream().map(Attribute::uuid).toList(), two.attributes().stream().map(Attribute::uuid).toList());
    }

    @Test
    void hostileValuesArriveExactlyOrAreRefused() throws IOException {
        for (String hostile : StixBundleWriterTest.HOSTILE) {
            for (Indicator.Kind kind : List.of(Indicator.Kind.IRC_COMMAND, Indicator.Kind.IRC_CHANNEL, Indicator.Kind.URL,
                    Indicator.Kind.DOMAIN, Indicator.Kind.ADDRESS)) {
                String value = kind == Indicator.Kind.URL ? "http://evil.example/" + hostile
                        : kind == Indicator.Kind.ADDRESS ? "192.0.2.1" + hostile : hostile;
                RefusedIndicators refused = new RefusedIndicators();
                Event e = export(SampleFindings.one(kind, Indicator.Role.CNC, value, 0), refused).event();
                boolean mustRefuse = SafeText.unsafeBecause(value) != null || kind == Indicator.Kind.DOMAIN
                        || kind == Indicator.Kind.ADDRESS || (kind == Indicator.Kind.URL && value.contains("|"));
                if (mustRefuse) {
                    assertEquals(1, refused.count(), kind + " " + hostile);
                    assertEquals(List.of(), e.attributes());
                } else {
                    assertEquals(0, refused.count(), kind + " " + hostile);
                    assertEquals(List.of(value), e.attributes().stream().map(Attribute::value).toList());
                }
            }
        }
    }
}
