package org.hyakuyobako.sink;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.Statement;
import java.util.List;
import org.hyakuyobako.event.ConnectionRef;
import org.hyakuyobako.event.DnsEvent;
import org.hyakuyobako.event.EveContext;
import org.hyakuyobako.net.Cidr;
import org.hyakuyobako.net.HomeNet;
import org.hyakuyobako.net.geo.PeerLocator;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** DNS answers carry each answered address's country and AS, in eve.json and in the store; inside answers none. */
class PeerLocationFieldsTest {
    private static final ObjectMapper JSON = new ObjectMapper();

    @TempDir
    Path dir;

    private static DnsEvent answer() {
        return new DnsEvent(1_600_000_000_000_000_000L, new ConnectionRef(7, 0, "192.168.1.53", 53, "192.168.1.10", 40000), "UDP",
                false, 1, "flux.example", "A", "NOERROR", List.of(
                new DnsEvent.Answer("flux.example", "A", "8.8.8.8", 60),
                new DnsEvent.Answer("flux.example", "AAAA", "2606:4700:4700::1111", 60),
                new DnsEvent.Answer("flux.example", "A", "192.168.1.7", 60),
                new DnsEvent.Answer("flux.example", "A", "1.1.1.1", 60), // inside this run's home net
                new DnsEvent.Answer("flux.example", "CNAME", "8.8.8.8.example", 60)), 0);
    }

    private static EveContext context() {
        return new EveContext(List.of("s"), List.of(), PeerLocator.bundled(HomeNet.privateRanges().with(Cidr.parse("1.1.1.0/24"))));
    }

    @Test
    void eveAnswersNameTheCountryAndAsOfOutsideAddressesOnly() throws Exception {
        Path eve = dir.resolve("eve.json");
        try (EveJsonSink sink = new EveJsonSink(eve, context())) {
            sink.accept(answer());
        }
        JsonNode answers = JSON.readTree(Files.readString(eve)).path("dns").path("answers");
        assertEquals("US", answers.get(0).path("geo").path("country_iso_code").asText());
        assertEquals(15169, answers.get(0).path("as").path("number").asInt());
        assertEquals(13335, answers.get(1).path("as").path("number").asInt(), "Cloudflare's IPv6 resolver");
        for (int i = 2; i < 5; i++) {
            assertFalse(answers.get(i).has("geo") || answers.get(i).has("as"), answers.get(i).toString());
        }
    }

    @Test
    void theStoreKeepsTheSameAnswers() throws Exception {
        Path db = dir.resolve("store.duckdb");
        try (DuckDbSink store = new DuckDbSink(db, context())) {
            store.accept(answer());
        }
        try (Connection c = DriverManager.getConnection("jdbc:duckdb:" + db); Statement s = c.createStatement();
             ResultSet r = s.executeQuery("SELECT answers FROM dns")) {
            assertTrue(r.next());
            JsonNode answers = JSON.readTree(r.getString(1));
            assertEquals("Google LLC", answers.get(0).path("as").path("organization").path("name").asText());
            assertFalse(answers.get(3).has("as"));
        }
    }
}
