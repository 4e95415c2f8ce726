package org.hyakuyobako.proto;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import org.hyakuyobako.detect.Detectors;
import org.hyakuyobako.detect.irc.BotVocabulary;
import org.hyakuyobako.event.FlowEvent;
import org.hyakuyobako.pipeline.Analysis;
import org.hyakuyobako.testing.Corpus;
import org.hyakuyobako.testing.EventCollector;
import org.hyakuyobako.testing.Pipelines;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class ProtocolIdentifierTest {
    static void withAppLayer(Analysis analysis) {
        Detectors.addAppLayer(analysis, Pipelines.options(), BotVocabulary.bundled());
    }

    private static AppProtocol id(String client, String server) {
        byte[] c = client.getBytes(StandardCharsets.ISO_8859_1);
        byte[] s = server.getBytes(StandardCharsets.ISO_8859_1);
        return ProtocolIdentifier.identify(c, c.length, s, s.length);
    }

    @Test
    void byContentNotPort() {
        assertEquals(AppProtocol.IRC, id("NICK [x]IqRkpiH\r\nUSER x 0 0 :x\r\n", ""));
        assertEquals(AppProtocol.IRC, id("USER foo\nNICK foo\n", ""));
        assertEquals(AppProtocol.IRC, id("", ":irc.example 001 bot :Welcome\r\n"));
        assertEquals(AppProtocol.HTTP, id("GET /gate.php?id=1 HTTP/1.1\r\nHost: x\r\n\r\n", ""));
        assertEquals(AppProtocol.HTTP, id("", "HTTP/1.1 200 OK\r\n"));
        assertEquals(AppProtocol.SMTP, id("EHLO bot\r\n", "220 mx.example ESMTP\r\n"));
        assertEquals(AppProtocol.TLS, id("\u0016\u0003\u0001\u0000\u00a5\u0001\u0000\u0000\u00a1\u0003\u0003", ""));
        assertEquals(AppProtocol.TLS, id("\u0017\u0003\u0003\u0000\u0040xxxxxx", ""), "application data, picked up mid-stream");
        assertEquals(AppProtocol.UNKNOWN, id("\u0017\u0003\u0003\u00ff\u00ffxxxxxx", ""), "record longer than TLS allows");
        assertEquals(AppProtocol.UNKNOWN, id("\u0000\u0001binary", "junk"));
        assertEquals(AppProtocol.UNKNOWN, id("", ""));
    }

    /** Flows of the Zeek traces get the protocol Zeek's baselines name (content, not the port). */
    @ParameterizedTest
    @CsvSource({
        "zeek/http-on-irc-port-missing-syn.pcapng, http",
        "zeek/irc-starttls.pcap, irc",
        "zeek/http-connect-with-smtp.pcap, http",
        "ndpi/smtp.pcap, smtp",
        "arkime/irc.pcap, irc",
        "arkime/irc-cap-req.pcap, irc"
    })
    void corpusConnections(String capture, String expected) throws IOException {
        EventCollector out = Pipelines.run(List.of(Corpus.file(capture)), ProtocolIdentifierTest::withAppLayer);
        Map<String, Integer> protos = new TreeMap<>();
        for (FlowEvent f : out.of(FlowEvent.class)) {
            if (f.flow().protocol() == 6) {
                protos.merge(String.valueOf(f.flow().appProto()), 1, Integer::sum);
            }
        }
        assertEquals(Map.of(expected, 1), protos);
    }

    @Test
    void ircOnTheFiveThousandByteLineTrace() throws IOException {
        EventCollector out = Pipelines.run(List.of(Corpus.file("zeek/contentline-irc-5k-line.pcap")),
                ProtocolIdentifierTest::withAppLayer);
        long irc = out.of(FlowEvent.class).stream().filter(f -> f.flow().destPort() == 6667)
                .filter(f -> "irc".equals(f.flow().appProto())).count();
        assertEquals(1, irc);
    }

    /** Arkime's IRC traces: IRC on ports 8000 and 80 is named as IRC on a non-IRC port. */
    @ParameterizedTest
    @CsvSource({"arkime/irc.pcap, 8000", "arkime/irc-cap-req.pcap, 80"})
    void ircOnANonIrcPortIsEvidence(String capture, int port) throws IOException {
        EventCollector out = Pipelines.run(List.of(Corpus.file(capture)), ProtocolIdentifierTest::withAppLayer);
        List<org.hyakuyobako.event.EvidenceEvent> evidence = out.of(org.hyakuyobako.event.EvidenceEvent.class);
        assertEquals(1, evidence.size());
        assertEquals("irc", evidence.get(0).method());
        org.junit.jupiter.api.Assertions.assertTrue(evidence.get(0).summary().endsWith("on port " + port + ", which is not an IRC port"),
                evidence.get(0).summary());
    }
}
