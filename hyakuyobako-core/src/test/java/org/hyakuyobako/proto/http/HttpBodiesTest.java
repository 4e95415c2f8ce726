package org.hyakuyobako.proto.http;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;

import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.Base64;
import java.util.List;
import java.util.zip.GZIPOutputStream;
import org.hyakuyobako.detect.Detectors;
import org.hyakuyobako.detect.irc.BotVocabulary;
import org.hyakuyobako.event.HttpEvent;
import org.hyakuyobako.generate.PcapWriter;
import org.hyakuyobako.testing.EventCollector;
import org.hyakuyobako.testing.Pipelines;
import org.hyakuyobako.testing.TcpScript;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The http event's body fields from a capture: lengths as Zeek counts them (dechunked, not
 * inflated), the request's Content-Type, and the kinds, a gzip answer judged on what it inflates
 * to. Mutations seen failing: body bytes not handed to the sample (lengths 0), judging the gzip bytes
 * as they came, emitting at the body's first bytes (the length was that of the first segment).
 */
class HttpBodiesTest {
    static final long T0 = 1_700_000_000_000_000_000L;

    @TempDir
    Path dir;

    private List<HttpEvent> run(ScriptBody body) throws Exception {
        Path capture = dir.resolve("http.pcap");
        try (PcapWriter w = new PcapWriter(capture, 1)) {
            TcpScript s = new TcpScript(w, "10.0.0.5", 40000, "203.0.113.7", 447, T0);
            body.write(s);
            s.close();
        }
        EventCollector out = Pipelines.run(List.of(capture), a -> Detectors.addAppLayer(a, Pipelines.options(), BotVocabulary.bundled()));
        return out.of(HttpEvent.class);
    }

    interface ScriptBody {
        void write(TcpScript s) throws Exception;
    }

    @Test
    void chunkedFormPostAnsweredWithGzippedBase64() throws Exception {
        String form = "id=9f3a21&st=done";
        String encoded = Base64.getEncoder().encodeToString("command: fetch the next module and report".getBytes(StandardCharsets.US_ASCII));
        ByteArrayOutputStream zipped = new ByteArrayOutputStream();
        try (GZIPOutputStream z = new GZIPOutputStream(zipped)) {
            z.write(encoded.getBytes(StandardCharsets.US_ASCII));
        }
        String gz = zipped.toString(StandardCharsets.ISO_8859_1);
        List<HttpEvent> events = run(s -> s
                .client("POST /gate HTTP/1.1\r\nHost: 203.0.113.7:447\r\nContent-Type: application/x-www-form-urlencoded\r\n"
                        + "Transfer-Encoding: chunked\r\n\r\n")
                .client(Integer.toHexString(6) + "\r\n" + form.substring(0, 6) + "\r\n")
                .client(Integer.toHexString(form.length() - 6) + "\r\n" + form.substring(6) + "\r\n0\r\n\r\n")
                .server("HTTP/1.1 200 OK\r\nContent-Encoding: gzip\r\nContent-Length: " + gz.length() + "\r\n\r\n" + gz.substring(0, 10))
                .server(gz.substring(10)));
        assertEquals(1, events.size());
        HttpEvent.Bodies b = events.get(0).bodies();
        assertEquals(form.length(), b.requestBodyLength(), "dechunked");
        assertEquals("application/x-www-form-urlencoded", b.requestContentType());
        assertEquals("form", b.requestBodyKind());
        assertEquals(gz.length(), b.responseBodyLength(), "as sent, not inflated; both segments");
        assertEquals("base64", b.responseBodyKind(), "judged on what it inflates to");
    }

    @Test
    void getWithoutBodyAndUnansweredRequest() throws Exception {
        List<HttpEvent> events = run(s -> s
                .client("GET / HTTP/1.1\r\nHost: example.com\r\n\r\n")
                .server("HTTP/1.1 200 OK\r\nContent-Length: 5\r\n\r\nMZ\u0090\u0000\u0003")
                .client("GET /again HTTP/1.1\r\nHost: example.com\r\n\r\n"));
        assertEquals(2, events.size());
        assertEquals(0, events.get(0).bodies().requestBodyLength());
        assertEquals("empty", events.get(0).bodies().requestBodyKind());
        assertEquals(5, events.get(0).bodies().responseBodyLength());
        assertEquals("executable", events.get(0).bodies().responseBodyKind());
        assertEquals(true, events.get(0).executable());
        assertEquals(-1, events.get(1).bodies().responseBodyLength(), "never answered");
        assertNull(events.get(1).bodies().responseBodyKind());
    }

    @Test
    void responseUntilCloseIsLoggedAtTheEnd() throws Exception {
        List<HttpEvent> events = run(s -> s
                .client("GET /feed HTTP/1.0\r\nHost: example.com\r\n\r\n")
                .server("HTTP/1.0 200 OK\r\n\r\n<html>")
                .server("<body>news</body></html>"));
        assertEquals(1, events.size());
        assertEquals("<html><body>news</body></html>".length(), events.get(0).bodies().responseBodyLength());
        assertEquals("text", events.get(0).bodies().responseBodyKind());
    }
}
