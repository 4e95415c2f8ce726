package org.hyakuyobako.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Country and AS of outside peers on a real capture, end to end: the corpus' Emotet capture, whose
 * C&C 138.197.147.101:443 is a DigitalOcean address (AS14061, Canada, by the bundled tables), in
 * eve.json's flow, cnc and verdict events, in the store's flow, cnc and verdict_cnc tables and in
 * report.html.
 */
class PeerLocationsOnCorpusTest {
    private static final Path EMOTET = CliRunner.ROOT.resolve("../shared/corpus/ndpi/emotet.pcap").normalize();
    private static final ObjectMapper JSON = new ObjectMapper();

    @TempDir
    Path out;

    @Test
    void theEmotetCncHasItsCountryAndAsInEveAndTheStore() throws Exception {
        assertTrue(Files.isRegularFile(EMOTET), "corpus file missing: " + EMOTET);
        CliRunner.Run run = CliRunner.run("analyze", EMOTET.toString(), "--out", out.toString(), "--quiet");
        assertEquals(0, run.exit(), run.err());
        assertTrue(run.out().lines().anyMatch(l -> l.startsWith("  138.197.147.101:443 ") && l.endsWith("  CA AS14061 DigitalOcean, LLC")),
                "the summary's C&C line names where the server is:\n" + run.out());

        List<JsonNode> events = new ArrayList<>();
        for (String line : Files.readAllLines(out.resolve("eve.json"))) {
            events.add(JSON.readTree(line));
        }
        JsonNode cnc = only(events, "cnc", "138.197.147.101");
        assertEquals("CA", cnc.path("geo").path("country_iso_code").asText());
        assertEquals(14061, cnc.path("as").path("number").asInt());
        assertEquals("DigitalOcean, LLC", cnc.path("as").path("organization").path("name").asText());

        JsonNode verdict = events.stream().filter(e -> e.path("event_type").asText().equals("verdict")
                && e.path("host").asText().equals("10.4.25.101")).findFirst().orElseThrow();
        JsonNode located = verdict.path("cnc_locations").get(0);
        assertEquals("138.197.147.101:443", located.path("cnc").asText());
        assertEquals(14061, located.path("as").path("number").asInt());

        int outsideFlows = 0;
        for (JsonNode e : events) {
            if (!e.path("event_type").asText().equals("flow")) {
                continue;
            }
            // Every flow here goes from a private address to the Internet: the source gets nothing.
            assertTrue(e.path("src_geo").isMissingNode() && e.path("src_as").isMissingNode(), e.toString());
            if (e.path("dest_ip").asText().equals("138.197.147.101")) {
                assertEquals(14061, e.path("dest_as").path("number").asInt());
                outsideFlows++;
            }
            if (e.path("dest_ip").asText().equals("193.252.22.84")) {
                assertEquals("FR", e.path("dest_geo").path("country_iso_code").asText());
                assertEquals(3215, e.path("dest_as").path("number").asInt());
                outsideFlows++;
            }
        }
        assertTrue(outsideFlows >= 2, "the C&C and mail server flows are in eve.json");

        String report = Files.readString(out.resolve("report.html"));
        assertTrue(report.contains("<td>CA AS14061 DigitalOcean, LLC</td>"), "report.html's C&C table names the C&C's country and AS");
        assertTrue(report.contains("IP Geolocation by DB-IP"), "report.html credits the AS data");

        try (Connection c = DriverManager.getConnection("jdbc:duckdb:" + out.resolve("hyakuyobako.duckdb").toAbsolutePath());
             Statement s = c.createStatement()) {
            try (ResultSet r = s.executeQuery("SELECT country, asn, as_org FROM cnc WHERE ip = '138.197.147.101'")) {
                assertTrue(r.next());
                assertEquals("CA", r.getString(1));
                assertEquals(14061, r.getLong(2));
                assertEquals("DigitalOcean, LLC", r.getString(3));
            }
            try (ResultSet r = s.executeQuery("SELECT asn FROM verdict_cnc WHERE host = '10.4.25.101'")) {
                assertTrue(r.next());
                assertEquals(14061, r.getLong(1));
            }
            try (ResultSet r = s.executeQuery("SELECT src_country, src_asn, dest_country, dest_asn, dest_as_org FROM flow"
                    + " WHERE dest_ip = '193.252.22.84'")) {
                assertTrue(r.next());
                assertNull(r.getString(1));
                r.getLong(2);
                assertTrue(r.wasNull(), "an inside source has no AS");
                assertEquals("FR", r.getString(3));
                assertEquals(3215, r.getLong(4));
                assertEquals("Orange S.A.", r.getString(5));
            }
        }
    }

    private static JsonNode only(List<JsonNode> events, String type, String ip) {
        List<JsonNode> found = events.stream().filter(e -> e.path("event_type").asText().equals(type) && e.path("ip").asText().equals(ip)).toList();
        assertEquals(1, found.size(), type + " " + ip);
        return found.get(0);
    }
}
