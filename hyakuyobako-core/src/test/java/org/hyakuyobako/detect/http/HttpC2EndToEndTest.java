package org.hyakuyobako.detect.http;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Base64;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import java.util.SplittableRandom;
import java.nio.charset.StandardCharsets;
import org.hyakuyobako.correlate.CorrelationConfig;
import org.hyakuyobako.correlate.Correlator;
import org.hyakuyobako.detect.Detectors;
import org.hyakuyobako.detect.irc.BotVocabulary;
import org.hyakuyobako.event.EvidenceEvent;
import org.hyakuyobako.event.HttpEvent;
import org.hyakuyobako.event.VerdictEvent;
import org.hyakuyobako.generate.PcapWriter;
import org.hyakuyobako.net.Cidr;
import org.hyakuyobako.net.HomeNet;
import org.hyakuyobako.testing.Corpus;
import org.hyakuyobako.testing.EventCollector;
import org.hyakuyobako.testing.Pipelines;
import org.hyakuyobako.testing.TcpScript;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The whole pipeline on a synthetic TrickBot-style client (issue 27's motivation: form data POSTed
 * to a bare address on port 447 every minute or so, a user agent that contradicts itself, base64
 * answers), written as a capture: alone it makes the host suspicious, after an executable download
 * infected; beside it a host browsing by name with a real browser gets nothing. The benign HTTP
 * captures of the corpus give no {@code http-c2} evidence. Mutations seen failing: the detector
 * left out of Detectors (no evidence), method.http-c2.stage set to other (the download and C&C
 * made no second stage: suspicious only), response body bytes not sampled (the
 * answers looked empty).
 */
class HttpC2EndToEndTest {
    static final long S = 1_000_000_000L;
    static final long T0 = 1_600_000_000L * S;
    static final String BOT = "10.0.0.20";
    static final String CNC = "203.0.113.66";
    static final String AGENT = "Mozilla/5.0 (compatible; MSIE 8.0; Windows NT 6.1) Chrome/64.0.3282.140";
    static final String BROWSER = "Mozilla/5.0 (Windows NT 10.0; Win64; x64; rv:121.0) Gecko/20100101 Firefox/121.0";

    @TempDir
    Path dir;

    private Path capture(boolean download) throws Exception {
        Path file = dir.resolve("trickbot-style.pcap");
        SplittableRandom r = new SplittableRandom(27);
        try (PcapWriter w = new PcapWriter(file, 1)) {
            long t = T0;
            int port = 49_000;
            if (download) {
                String exe = "MZ\u0090\u0000\u0003\u0000\u0000\u0000\u0004\u0000This program cannot be run in DOS mode.";
                new TcpScript(w, BOT, port++, "198.51.100.30", 80, t)
                        .client("GET /wp-content/uploads/inv.php HTTP/1.1\r\nHost: shop-supplies.example\r\nUser-Agent: " + AGENT + "\r\n\r\n")
                        .server("HTTP/1.1 200 OK\r\nContent-Type: application/octet-stream\r\nContent-Length: " + exe.length() + "\r\n\r\n" + exe)
                        .close();
                t += 30 * S;
            }
            for (int i = 0; i < 8; i++) {
                String form = "id=WIN7-PC_W617601.6F2E3A&group=tt" + (100 + i % 3) + "&data=" + Integer.toHexString(r.nextInt());
                String answer = Base64.getEncoder().encodeToString(("/" + i + "/wait/" + r.nextLong()).getBytes(StandardCharsets.US_ASCII));
                new TcpScript(w, BOT, port++, CNC, 447, t)
                        .client("POST /tt100/WIN7-PC_W617601.6F2E3A/90 HTTP/1.1\r\nContent-Type: application/x-www-form-urlencoded\r\n"
                                + "User-Agent: " + AGENT + "\r\nContent-Length: " + form.length() + "\r\n\r\n" + form)
                        .server("HTTP/1.1 200 OK\r\nContent-Type: text/plain\r\nContent-Length: " + answer.length() + "\r\n\r\n" + answer)
                        .close();
                new TcpScript(w, "10.0.0.21", port++, "203.0.113.80", 80, t + 5 * S)
                        .client("GET /news/" + i + " HTTP/1.1\r\nHost: news.example\r\nUser-Agent: " + BROWSER + "\r\n\r\n")
                        .server("HTTP/1.1 200 OK\r\nContent-Type: text/html\r\nContent-Length: 13\r\n\r\n<html></html>")
                        .close();
                t += (60 + r.nextInt(-6, 7)) * S;
            }
        }
        return file;
    }

    private static EventCollector analyse(Path file, HomeNet net) throws Exception {
        return Pipelines.run(List.of(file), a -> {
            Detectors.addDefaults(a, Pipelines.options().withHomeNet(net));
            Correlator.attach(a, CorrelationConfig.defaults());
        });
    }

    @Test
    void trickBotStyleClientAloneIsSuspicious() throws Exception {
        EventCollector out = analyse(capture(false), HomeNet.privateRanges());
        List<EvidenceEvent> c2 = out.of(EvidenceEvent.class).stream().filter(e -> e.method().equals("http-c2")).toList();
        assertEquals(Set.of(BOT), c2.stream().map(EvidenceEvent::host).collect(java.util.stream.Collectors.toSet()), c2.toString());
        EvidenceEvent first = c2.get(0);
        assertEquals(CNC + ":447", first.peer());
        assertTrue(first.timestampNanos() < T0 + 10 * S, "reported on the first exchange, not at the end: " + first);
        EvidenceEvent best = c2.get(c2.size() - 1);
        assertEquals(0.9, best.score(), 1e-9, "the cap, from the first exchange on: " + best.summary());
        assertEquals(2, c2.size(), "again once the timer showed, with the fuller summary: " + c2);
        for (String sign : List.of("by address only, on port 447", "contradicts itself (two-engines, mozilla-version)", "small POSTs every",
                "posts form data", "is answered with base64 data")) {
            assertTrue(best.summary().contains(sign), sign + " in " + best.summary());
        }
        List<VerdictEvent> verdicts = out.of(VerdictEvent.class);
        assertEquals(1, verdicts.size(), verdicts.toString());
        assertEquals(BOT, verdicts.get(0).host());
        assertEquals("suspicious", verdicts.get(0).verdict(), verdicts.get(0).toString());
        assertTrue(verdicts.get(0).cnc().contains(CNC + ":447"), verdicts.get(0).cnc().toString());
    }

    @Test
    void afterAnExecutableDownloadTheHostIsInfected() throws Exception {
        EventCollector out = analyse(capture(true), HomeNet.privateRanges());
        List<VerdictEvent> verdicts = out.of(VerdictEvent.class);
        assertEquals(1, verdicts.size(), verdicts.toString());
        VerdictEvent v = verdicts.get(0);
        assertEquals(BOT, v.host());
        assertEquals("infected", v.verdict(), v.toString());
        assertTrue(v.methods().containsKey("http-c2") && v.methods().containsKey("download"), v.methods().toString());
        assertTrue(v.stages().containsAll(List.of("download", "cnc")), v.stages().toString());
    }

    /** The corpus' benign HTTP captures, their clients monitored (found in a first pass): no http-c2 evidence. */
    @Test
    void benignCorpusHttpGivesNoEvidence() throws Exception {
        for (String name : List.of("zeek/http-connect-with-smtp.pcap", "ndpi/http_connect.pcap", "zeek/http-on-irc-port-missing-syn.pcapng")) {
            Path file = Corpus.file(name);
            EventCollector parsed = Pipelines.run(List.of(file), a -> Detectors.addAppLayer(a, Pipelines.options(), BotVocabulary.bundled()));
            Set<String> clients = new LinkedHashSet<>();
            parsed.of(HttpEvent.class).forEach(h -> clients.add(h.conn().srcIp()));
            assertTrue(!clients.isEmpty(), name + " has http events");
            HomeNet net = HomeNet.privateRanges();
            for (String c : clients) {
                net = net.with(Cidr.parse(c + (c.contains(":") ? "/128" : "/32")));
            }
            List<String> c2 = new ArrayList<>();
            analyse(file, net).of(EvidenceEvent.class).stream().filter(e -> e.method().equals("http-c2")).forEach(e -> c2.add(e.summary()));
            System.out.println("http-c2 on " + name + " (clients " + clients + "): " + c2.size() + " evidence");
            assertEquals(List.of(), c2, name);
        }
    }
}
