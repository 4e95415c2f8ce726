package org.hyakuyobako.action;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.io.StringWriter;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import org.hyakuyobako.action.MispDocument.Attribute;
import org.hyakuyobako.action.MispDocument.Event;
import org.hyakuyobako.action.MispDocument.MispObject;
import org.hyakuyobako.action.MispDocument.Tag;
import org.junit.jupiter.api.Test;

/**
 * The MISP export read back through Jackson into the fields the MISP core format documents, with
 * unknown fields an error, and every attribute's category-type pair checked against the format's
 * own table.
 */
class MispEventWriterTest {
    static MispDocument export(Findings f, RefusedIndicators refused) throws IOException {
        StringWriter out = new StringWriter();
        new MispEventWriter().write(f, new ExportSettings(1, 2, null, "Test Sensor", SampleFindings.EXPORTED), out, refused);
        return MispDocument.parse(out.toString());
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
        Map<String, Set<String>> valid = MispDocument.validTypes();
        List<Attribute> all = e.allAttributes();
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
