package org.hyakuyobako.sink;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;

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
import org.hyakuyobako.event.EveContext;
import org.hyakuyobako.event.HttpEvent;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The http event's body fields in eve.json and in the store's {@code http} table, an unanswered
 * request's response fields absent (EVE) and NULL (store), never -1. Mutations seen failing: the
 * store writing -1 for an unknown length (number instead of count), the EVE writer always writing
 * response_body_len.
 */
class HttpBodyFieldsTest {
    @TempDir
    Path dir;

    private static final long T = 1_700_000_000_000_000_000L;

    private static List<HttpEvent> events() {
        ConnectionRef conn = new ConnectionRef(T, 7, "10.0.0.5", 40000, "203.0.113.7", 447);
        return List.of(
                new HttpEvent(T, conn, null, "/gate", "POST", "UA", "HTTP/1.1", 200, "text/plain", 40, false,
                        new HttpEvent.Bodies(50, "application/x-www-form-urlencoded", "form", 40, "base64")),
                new HttpEvent(T + 1, conn, null, "/gate", "POST", "UA", "HTTP/1.1", 0, null, -1, false,
                        new HttpEvent.Bodies(12, null, "text", -1, null)));
    }

    @Test
    void eveCarriesTheBodiesAndLeavesOutWhatIsUnknown() throws Exception {
        Path eve = dir.resolve("eve.json");
        try (EveJsonSink sink = new EveJsonSink(eve, new EveContext(List.of("s"), List.of("a.pcap")))) {
            for (HttpEvent e : events()) {
                sink.accept(e);
            }
        }
        List<String> lines = Files.readAllLines(eve);
        ObjectMapper json = new ObjectMapper();
        JsonNode answered = json.readTree(lines.get(0)).get("http");
        assertEquals(50, answered.get("request_body_len").asLong());
        assertEquals("application/x-www-form-urlencoded", answered.get("http_request_content_type").asText());
        assertEquals("form", answered.get("request_body_kind").asText());
        assertEquals(40, answered.get("response_body_len").asLong());
        assertEquals("base64", answered.get("response_body_kind").asText());
        JsonNode unanswered = json.readTree(lines.get(1)).get("http");
        assertEquals(12, unanswered.get("request_body_len").asLong());
        assertFalse(unanswered.has("response_body_len"));
        assertFalse(unanswered.has("response_body_kind"));
    }

    @Test
    void storeHasTheColumnsAndNullForUnknown() throws Exception {
        Path db = dir.resolve("store.duckdb");
        try (DuckDbSink sink = new DuckDbSink(db, new EveContext(List.of("s"), List.of("a.pcap")))) {
            for (HttpEvent e : events()) {
                sink.accept(e);
            }
        }
        try (Connection c = DriverManager.getConnection("jdbc:duckdb:" + db); Statement s = c.createStatement()) {
            ResultSet rs = s.executeQuery("select request_body_len, request_content_type, request_body_kind, response_body_len, "
                    + "response_body_kind from http order by ts");
            rs.next();
            assertEquals(50, rs.getLong(1));
            assertEquals("application/x-www-form-urlencoded", rs.getString(2));
            assertEquals("form", rs.getString(3));
            assertEquals(40, rs.getLong(4));
            assertEquals("base64", rs.getString(5));
            rs.next();
            assertEquals(12, rs.getLong(1));
            assertNull(rs.getObject(4), "no response: NULL, not -1");
            assertNull(rs.getString(5));
        }
    }
}
