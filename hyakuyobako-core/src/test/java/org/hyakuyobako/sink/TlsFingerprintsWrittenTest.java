package org.hyakuyobako.sink;

import static org.junit.jupiter.api.Assertions.assertEquals;
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
import org.hyakuyobako.detect.Detectors;
import org.hyakuyobako.detect.blacklist.Blacklists;
import org.hyakuyobako.detect.irc.BotVocabulary;
import org.hyakuyobako.event.AlertEvent;
import org.hyakuyobako.event.EveContext;
import org.hyakuyobako.event.Event;
import org.hyakuyobako.event.TlsEvent;
import org.hyakuyobako.rules.RuleSet;
import org.hyakuyobako.rules.RuleVariables;
import org.hyakuyobako.testing.Corpus;
import org.hyakuyobako.testing.Pipelines;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The fingerprints of emotet.pcap's TLS connections as eve.json and the store carry them:
 * Suricata's {@code tls.ja3.hash}, {@code tls.ja3.string}, {@code tls.ja3s.hash}, {@code tls.ja4} in
 * {@code tls} events and in the {@code tls} object of an alert on them, and the {@code tls} table's
 * {@code ja3}, {@code ja3s}, {@code ja4} columns. Mutation seen failing: the alert's application
 * fields written flat ({@code "ja3.hash"} as one key).
 */
class TlsFingerprintsWrittenTest {
    static final String RULE = "alert tls any any -> any any (msg:\"JA3 of the Emotet bot\"; ja3.hash; "
            + "content:\"51c64c77e60f3980eea90869b68c58a8\"; sid:1;)";

    @TempDir
    Path dir;

    @Test
    void eveAndStoreCarryTheFingerprints() throws Exception {
        RuleSet rules = new RuleSet();
        rules.add("ja3.rules", RULE, RuleVariables.defaults(Pipelines.options().homeNet()));
        List<Event> events = new ArrayList<>();
        Pipelines.run(List.of(Corpus.file("ndpi/emotet.pcap")),
                a -> Detectors.addDefaults(a, Pipelines.options(), new Blacklists(), BotVocabulary.bundled(), rules)).events.stream()
                .filter(e -> e instanceof TlsEvent || e instanceof AlertEvent && ((AlertEvent) e).signatureId() == 1).forEach(events::add);
        EveContext context = new EveContext(List.of("s"), List.of("emotet.pcap"));
        Path eve = dir.resolve("eve.json");
        try (EveJsonSink sink = new EveJsonSink(eve, context)) {
            for (Event e : events) {
                sink.accept(e);
            }
        }
        ObjectMapper json = new ObjectMapper();
        int tls = 0;
        int alerts = 0;
        for (String line : Files.readAllLines(eve)) {
            JsonNode n = json.readTree(line);
            if (n.get("dest_ip").asText().equals("138.197.147.101")) {
                assertEquals("51c64c77e60f3980eea90869b68c58a8", n.at("/tls/ja3/hash").asText(), line);
                assertEquals("t12i190600_d83cc789557e_2dae41c691ec", n.at("/tls/ja4").asText(), line);
                assertTrue(n.at("/tls/ja3/string").asText().startsWith("771,"), line);
                if (n.get("event_type").asText().equals("tls")) {
                    assertEquals(32, n.at("/tls/ja3s/hash").asText().length(), line);
                    tls++;
                } else {
                    alerts++;
                }
            }
        }
        assertEquals(2, tls);
        assertEquals(2, alerts);
        Path db = dir.resolve("store.duckdb");
        try (EventSink sink = new DuckDbSink(db, context)) {
            for (Event e : events) {
                sink.accept(e);
            }
        }
        try (Connection c = DriverManager.getConnection("jdbc:duckdb:" + db); Statement s = c.createStatement()) {
            ResultSet rs = s.executeQuery("select ja3, ja4, count(distinct ja3s) from tls where dest_ip = '138.197.147.101' group by all");
            assertTrue(rs.next());
            assertEquals("51c64c77e60f3980eea90869b68c58a8", rs.getString(1));
            assertEquals("t12i190600_d83cc789557e_2dae41c691ec", rs.getString(2));
            assertEquals(2, rs.getLong(3));
        }
    }
}
