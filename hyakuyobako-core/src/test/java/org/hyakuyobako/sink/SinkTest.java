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
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.hyakuyobako.event.EveContext;
import org.hyakuyobako.event.FlowEvent;
import org.hyakuyobako.event.StatsEvent;
import org.hyakuyobako.flow.FlowConfig;
import org.hyakuyobako.flow.FlowRecord;
import org.hyakuyobako.testing.Captures;
import org.hyakuyobako.testing.Corpus;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class SinkTest {
    @TempDir
    Path dir;

    private static final String HOSTILE = "<script>alert('x')</script>\",;\nDROP TABLE flow;--";

    private static EveContext context() {
        return new EveContext(List.of(HOSTILE), List.of("a,\"b\".pcap"));
    }

    @Test
    void eveLinesAreOneObjectEachAndHostileStringsAreEscaped() throws Exception {
        List<FlowRecord> flows = Captures.flows(Corpus.file("zeek/http-connect-with-smtp.pcap"), FlowConfig.DEFAULT);
        Path eve = dir.resolve("eve.json");
        try (EveJsonSink sink = new EveJsonSink(eve, context())) {
            for (FlowRecord f : flows) {
                sink.accept(new FlowEvent(f));
            }
            sink.accept(new StatsEvent(0, Map.of("capture.packets", 30L)));
        }
        List<String> lines = Files.readAllLines(eve);
        assertEquals(flows.size() + 1, lines.size());
        ObjectMapper json = new ObjectMapper();
        for (String line : lines) {
            assertFalse(line.contains("<"), "no raw angle bracket: " + line);
            assertFalse(line.startsWith(" "));
            JsonNode node = json.readTree(line);
            assertTrue(node.hasNonNull("timestamp"));
            assertTrue(node.hasNonNull("event_type"));
        }
        JsonNode flow = json.readTree(lines.get(0));
        assertEquals(HOSTILE, flow.get("sensor").asText(), "escaping is lossless");
        assertEquals("flow", flow.get("event_type").asText());
        assertEquals("1:" , flow.get("community_id").asText().substring(0, 2));
        assertEquals("SF", flow.at("/conn/conn_state").asText());
        assertEquals(14, flow.at("/flow/pkts_toserver").asInt());
        assertTrue(flow.get("timestamp").asText().matches("\\d{4}-\\d\\d-\\d\\dT\\d\\d:\\d\\d:\\d\\d\\.\\d{6}\\+0000"));
    }

    @Test
    void duckDbHoldsTheSameRowsAsEveJsonAndSurvivesHostileStrings() throws Exception {
        List<FlowRecord> flows = Captures.flows(Corpus.file("ndpi/synscan.pcap"), FlowConfig.DEFAULT);
        Path db = dir.resolve("store.duckdb");
        Map<String, Long> counters = new LinkedHashMap<>();
        counters.put("capture.packets", 123L);
        try (EventSink sink = new AsyncEventSink(List.of(new DuckDbSink(db, context())), 16)) {
            for (FlowRecord f : flows) {
                sink.accept(new FlowEvent(f));
            }
            sink.accept(new StatsEvent(0, counters));
        }
        try (Connection c = DriverManager.getConnection("jdbc:duckdb:" + db); Statement s = c.createStatement()) {
            ResultSet rs = s.executeQuery("select count(*), sum(pkts_toserver + pkts_toclient), min(sensor), min(capture_file) from flow");
            rs.next();
            assertEquals(flows.size(), rs.getLong(1));
            assertEquals(flows.stream().mapToLong(f -> f.pktsToServer() + f.pktsToClient()).sum(), rs.getLong(2));
            assertEquals(HOSTILE, rs.getString(3));
            assertEquals("a,\"b\".pcap", rs.getString(4));
            rs = s.executeQuery("select json_extract(json, '$.stats.\"capture.packets\"')::BIGINT from event where event_type = 'stats'");
            rs.next();
            assertEquals(123, rs.getLong(1));
        }
        assertFalse(Files.exists(dir.resolve(".hyakuyobako-flow.csv")), "staging file removed");
    }
}
