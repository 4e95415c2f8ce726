package org.hyakuyobako.web;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.Socket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;
import org.hyakuyobako.decode.IpAddresses;
import org.hyakuyobako.event.EvidenceEvent;
import org.hyakuyobako.event.FlowEvent;
import org.hyakuyobako.event.SyncEvent;
import org.hyakuyobako.event.VerdictEvent;
import org.hyakuyobako.simulate.Scenario;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The JSON API over a simulated honeypot run: answers agree with what the pipeline emitted; access rules hold. */
class WebApiTest {
    static final ObjectMapper JSON = new ObjectMapper();
    static final HttpClient HTTP = HttpClient.newHttpClient();

    @TempDir
    static Path tmp;
    static AnalyzedRun run;
    static WebServer server;

    @BeforeAll
    static void analyseAndServe() throws IOException {
        Path captures = tmp.resolve("captures");
        new Scenario(Scenario.Spec.honeypot(21)).write(captures);
        run = AnalyzedRun.of(captures, tmp.resolve("out"));
        server = WebServer.start(new ServeOptions(run.dir, "127.0.0.1", 0, null));
    }

    @AfterAll
    static void stop() {
        server.close();
    }

    static HttpResponse<String> get(String pathAndQuery) throws IOException, InterruptedException {
        return HTTP.send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + server.port() + pathAndQuery)).build(),
                HttpResponse.BodyHandlers.ofString());
    }

    static JsonNode json(String pathAndQuery) throws Exception {
        HttpResponse<String> r = get(pathAndQuery);
        assertEquals(200, r.statusCode(), pathAndQuery + ": " + r.body());
        return JSON.readTree(r.body());
    }

    @Test
    void overviewListsTheVerdictsCncAndGroupsThePipelineEmitted() throws Exception {
        JsonNode o = json("/api/overview");
        List<VerdictEvent> verdicts = run.events.of(VerdictEvent.class);
        assertTrue(verdicts.size() >= 3, "the scenario has bots");
        Set<String> expected = new TreeSet<>();
        verdicts.forEach(v -> expected.add(v.host() + " " + v.verdict()));
        Set<String> shown = new TreeSet<>();
        o.get("verdicts").forEach(v -> shown.add(v.get("host").asText() + " " + v.get("verdict").asText()));
        assertEquals(expected, shown);
        assertEquals(run.events.of(FlowEvent.class).size(), o.get("counts").get("flows").asLong());
        assertEquals(run.homeNet.toString(), o.get("run").get("home_net").asText());
        assertTrue(o.get("run").get("stats").get("capture.packets").asLong() > 0);
        assertTrue(o.get("cnc").size() >= 1 && o.get("groups").size() >= 1, o.toString());
        double previous = 2;
        for (JsonNode v : o.get("verdicts")) {
            assertTrue(v.get("score").asDouble() <= previous, "strongest first");
            previous = v.get("score").asDouble();
        }
    }

    @Test
    void hostPageHoldsItsEvidenceFlowsAndCarveCommand() throws Exception {
        VerdictEvent infected = run.events.of(VerdictEvent.class).stream().filter(v -> v.verdict().equals("infected")).findFirst().orElseThrow();
        JsonNode h = json("/api/hosts/" + infected.host());
        assertEquals("infected", h.get("verdict").get("verdict").asText());
        long evidence = run.events.of(EvidenceEvent.class).stream().filter(e -> e.host().equals(infected.host())).count();
        assertEquals(evidence, h.get("evidence").get("total").asLong());
        long flows = run.events.of(FlowEvent.class).stream()
                .filter(f -> f.srcIp().equals(infected.host()) || f.destIp().equals(infected.host())).count();
        assertEquals(flows, h.get("flows").get("total").asLong());
        assertEquals(Math.min(flows, HostApi.LIMIT), h.get("flows").get("rows").size());
        assertEquals(infected.evidence().size(), h.get("ranked_evidence").size());
        String carve = h.get("carve").get("command").asText();
        assertTrue(carve.startsWith("./hyakuyobako carve --host " + infected.host() + " --from "), carve);
        assertTrue(carve.contains(" --sensor "), carve);
        assertEquals(400, get("/api/hosts/not-an-address").statusCode());
        assertEquals(0, json("/api/hosts/192.0.2.254").get("flows").get("total").asLong(), "an unknown host is empty, not an error");
    }

    /** The carve link: the host's packets from the captures the run read, as pcapng. */
    @Test
    void carveLinkSendsTheHostsPacketsAsPcapng() throws Exception {
        VerdictEvent infected = run.events.of(VerdictEvent.class).get(0);
        HttpResponse<byte[]> r = HTTP.send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + server.port() + "/api/hosts/"
                + infected.host() + "/carve.pcapng")).build(), HttpResponse.BodyHandlers.ofByteArray());
        assertEquals(200, r.statusCode());
        byte[] b = r.body();
        assertEquals(0x0A0D0D0A, java.nio.ByteBuffer.wrap(b, 0, 4).getInt(), "a pcapng section header");
        long packets = run.events.of(FlowEvent.class).stream().filter(f -> f.srcIp().equals(infected.host()) || f.destIp().equals(infected.host()))
                .mapToLong(f -> f.flow().pktsToServer() + f.flow().pktsToClient()).sum();
        assertTrue(b.length > packets * 40, "every packet of the host: " + b.length + " bytes for " + packets + " packets");
        assertTrue(r.headers().firstValue("Content-Disposition").orElse("").contains(infected.host() + ".pcapng"));
        assertEquals(400, get("/api/hosts/192.0.2.254/carve.pcapng").statusCode(), "no flow, nothing to carve");
    }

    /** The export downloads: the same files as {@code hyakuyobako export}, for the run and per host. */
    @Test
    void exportDownloadsNameTheRunsCncAndCutPerHost() throws Exception {
        JsonNode formats = json("/api/exports");
        Set<String> files = new TreeSet<>();
        formats.forEach(f -> files.add(f.get("file").asText()));
        assertTrue(files.containsAll(List.of("hyakuyobako.rules", "hyakuyobako.nft", "hyakuyobako.rpz.zone")), files.toString());
        HttpResponse<String> rules = get("/api/export/hyakuyobako.rules");
        assertEquals(200, rules.statusCode(), rules.body());
        assertTrue(rules.headers().firstValue("Content-Disposition").orElse("").contains("hyakuyobako.rules"));
        JsonNode cnc = json("/api/overview").get("cnc");
        assertTrue(cnc.size() > 0, "the scenario has a C&C");
        for (JsonNode c : cnc) {
            assertTrue(rules.body().contains("-> " + c.get("ip").asText() + " "), c + " in\n" + rules.body());
        }
        VerdictEvent infected = run.events.of(VerdictEvent.class).stream().filter(v -> v.verdict().equals("infected")).findFirst().orElseThrow();
        HttpResponse<String> one = get("/api/hosts/" + infected.host() + "/export/hyakuyobako.rules");
        assertEquals(200, one.statusCode(), one.body());
        long ruleLines = one.body().lines().filter(l -> l.startsWith("alert ")).count();
        assertTrue(ruleLines > 0 && one.body().lines().filter(l -> l.startsWith("alert ")).allMatch(l -> l.contains("(1 bot(s)")), one.body());
        assertTrue(one.headers().firstValue("Content-Disposition").orElse("").contains(infected.host() + "-hyakuyobako.rules"));
        assertEquals(400, get("/api/export/passwd").statusCode());
        assertEquals(400, get("/api/hosts/not-an-ip/export/hyakuyobako.rules").statusCode());
        assertEquals(400, get("/api/export/hyakuyobako.rules?min_verdict=guilty").statusCode());
    }

    /** The host page's TLS list: emotet.pcap's bot with the JA3, JA4 and JA3S of its two hellos (nDPI's values). */
    @Test
    void hostPageListsTheTlsHellosWithTheirFingerprints() throws Exception {
        Path captures = tmp.resolve("emotet");
        java.nio.file.Files.createDirectories(captures);
        java.nio.file.Files.copy(org.hyakuyobako.testing.Corpus.file("ndpi/emotet.pcap"), captures.resolve("emotet.pcap"));
        AnalyzedRun emotet = AnalyzedRun.of(captures, tmp.resolve("emotet-out"));
        try (WebServer other = WebServer.start(new ServeOptions(emotet.dir, "127.0.0.1", 0, null))) {
            HttpResponse<String> r = HTTP.send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + other.port()
                    + "/api/hosts/10.4.25.101")).build(), HttpResponse.BodyHandlers.ofString());
            assertEquals(200, r.statusCode(), r.body());
            JsonNode tls = JSON.readTree(r.body()).get("tls");
            assertEquals(2, tls.get("total").asLong(), tls.toString());
            Set<String> ja3s = new TreeSet<>();
            for (JsonNode row : tls.get("rows")) {
                assertEquals("51c64c77e60f3980eea90869b68c58a8", row.get("ja3").asText());
                assertEquals("t12i190600_d83cc789557e_2dae41c691ec", row.get("ja4").asText());
                ja3s.add(row.get("ja3s").asText());
            }
            assertEquals(Set.of("ec74a5c51106f0419184d0dd08fb05bc", "fd4bc6cea4877646ccd62f0792ec0b62"), ja3s);
        }
    }

    /**
     * The overview's C&C servers and a C&C server's own host page carry the country and AS the
     * bundled tables give its address; the host page's flows name their outside ends' too.
     */
    @Test
    void cncServersShowTheirCountryAndAutonomousSystem() throws Exception {
        org.hyakuyobako.net.geo.PeerLocator peers = org.hyakuyobako.net.geo.PeerLocator.bundled(run.homeNet);
        int located = 0;
        for (JsonNode c : json("/api/overview").get("cnc")) {
            String ip = c.get("ip").asText();
            org.hyakuyobako.net.geo.PeerLocation expected = peers.locate(ip);
            assertTrue(c.has("country") && c.has("asn") && c.has("as_org"), c.toString());
            if (expected == null) {
                assertTrue(c.get("asn").isNull() && c.get("country").isNull(), c.toString());
                continue;
            }
            located++;
            assertEquals(expected.countryIsoCode(), c.get("country").asText(), c.toString());
            assertEquals(expected.asn(), c.get("asn").asInt(), c.toString());
            JsonNode host = json("/api/hosts/" + ip);
            assertEquals(expected.asn(), host.get("location").get("asn").asInt(), host.get("location").toString());
            boolean flowNamesIt = false;
            for (JsonNode f : host.get("flows").get("rows")) {
                String side = f.get("src_ip").asText().equals(ip) ? "src_" : "dest_";
                flowNamesIt |= f.get(side + "asn").asInt() == expected.asn();
            }
            assertTrue(flowNamesIt, "the C&C's flows carry its AS");
        }
        System.out.println("WebApiTest: " + located + " C&C server(s) of the simulated run located by the bundled tables");
    }

    /**
     * The host page's infection chain (issue 27): a campaign honeypot exploited, then told to fetch its
     * bot, shows the steps in time order, the first one its attacker's. Mutation this catches: the
     * chain item's step references dropped or read in the wrong columns.
     */
    @Test
    void hostPageShowsTheInfectionChainStepByStep() throws Exception {
        Path captures = tmp.resolve("campaign");
        org.hyakuyobako.simulate.GroundTruth truth = new org.hyakuyobako.simulate.CampaignScenario(
                new org.hyakuyobako.simulate.CampaignScenario.Spec(org.hyakuyobako.simulate.Scenario.Kind.honeypot,
                        org.hyakuyobako.simulate.CampaignScenario.Profile.mixed, 1, 5, 120, 1, false)).write(captures);
        AnalyzedRun campaign = AnalyzedRun.of(captures, tmp.resolve("campaign-out"));
        org.hyakuyobako.simulate.GroundTruth.Infection story = truth.infections.get(0);
        try (WebServer other = WebServer.start(new ServeOptions(campaign.dir, "127.0.0.1", 0, null))) {
            HttpResponse<String> r = HTTP.send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + other.port() + "/api/hosts/"
                    + story.host())).build(), HttpResponse.BodyHandlers.ofString());
            assertEquals(200, r.statusCode(), r.body());
            JsonNode chain = JSON.readTree(r.body()).get("chain");
            assertTrue(chain.size() >= 2, chain.toString());
            assertEquals("exploit", chain.get(0).get("method").asText(), chain.toString());
            // A honeypot in two botnets has two stories; its chain tells one of them.
            java.util.Set<String> attackers = new TreeSet<>();
            truth.infections.stream().filter(i -> i.host().equals(story.host())).forEach(i -> attackers.add(i.attacker()));
            assertTrue(attackers.contains(chain.get(0).get("peer").asText()), attackers + " " + chain);
            for (int i = 1; i < chain.size(); i++) {
                assertTrue(chain.get(i).get("ts").asDouble() >= chain.get(i - 1).get("ts").asDouble(), "in time order: " + chain);
            }
        }
    }

    /** Captures moved away since the run: the carve link says which one is missing, with 409, and the server goes on. */
    @Test
    void carveLinkWithoutItsCapturesIsAClearConflict() throws Exception {
        Path captures = tmp.resolve("moved");
        java.nio.file.Files.createDirectories(captures);
        Path pcap = captures.resolve("tap.pcap");
        try (org.hyakuyobako.generate.PcapWriter out = new org.hyakuyobako.generate.PcapWriter(pcap, 1)) {
            new org.hyakuyobako.testing.TcpScript(out, "10.0.0.5", 40000, "198.51.100.7", 80, 1_209_369_600_000_000_000L)
                    .client("GET / HTTP/1.0\r\n\r\n").server("HTTP/1.0 200 OK\r\n\r\nhi").close();
        }
        AnalyzedRun moved = AnalyzedRun.of(captures, tmp.resolve("moved-out"));
        java.nio.file.Files.delete(pcap);
        try (WebServer other = WebServer.start(new ServeOptions(moved.dir, "127.0.0.1", 0, null))) {
            HttpResponse<String> r = HTTP.send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + other.port()
                    + "/api/hosts/10.0.0.5/carve.pcapng")).build(), HttpResponse.BodyHandlers.ofString());
            assertEquals(409, r.statusCode(), r.body());
            assertTrue(r.body().contains("tap.pcap") && r.body().contains("is not where analyze read it"), r.body());
            assertEquals(200, HTTP.send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + other.port() + "/api/overview")).build(),
                    HttpResponse.BodyHandlers.ofString()).statusCode());
        }
    }

    @Test
    void syncTableFiltersByToleranceAndDirection() throws Exception {
        JsonNode all = json("/api/sync?limit=20000");
        double tightest = all.get("tolerances").get(0).asDouble();
        assertEquals(tightest, all.get("tolerance").asDouble(), "the tightest tolerance by default");
        long expected = run.events.of(SyncEvent.class).stream().filter(e -> e.tolerance() == tightest).count();
        assertEquals(expected, all.get("total").asLong());
        long inbound = run.events.of(SyncEvent.class).stream().filter(e -> e.tolerance() == tightest && e.direction().equals("in")).count();
        assertTrue(inbound > 0 && inbound < expected, "the scenario has events both ways: " + inbound + " of " + expected);
        assertEquals(inbound, json("/api/sync?direction=in&limit=1").get("total").asLong());
        JsonNode first = all.get("events").get(0);
        assertEquals(first.get("hosts").asInt(), first.get("members").size());
        assertEquals(400, get("/api/sync?direction=sideways").statusCode());
        assertEquals(400, get("/api/sync?limit=0").statusCode());
    }

    /** Paged with a small limit, the activity of the whole run adds up to every flow, each once. */
    @Test
    void activityPagesCoverEveryFlowOnce() throws Exception {
        JsonNode range = json("/api/activity/range");
        double from = range.get("first").asDouble();
        double to = range.get("last").asDouble() + 1;
        long flows = run.events.of(FlowEvent.class).size();
        assertEquals(flows, range.get("flows").asLong());
        long sum = 0;
        int pages = 0;
        int inbound = 0;
        double at = from;
        while (at < to) {
            JsonNode page = json("/api/activity?from=" + at + "&to=" + to + "&step=1000&limit=500");
            for (JsonNode n : page.get("n")) {
                sum += n.asLong();
            }
            for (JsonNode o : page.get("o")) {
                inbound += o.asInt() == 0 ? 1 : 0;
            }
            assertTrue(page.get("next").asDouble() > at, "progress");
            at = page.get("next").asDouble();
            pages++;
        }
        assertEquals(flows, sum);
        assertTrue(pages > 3, "paged: " + pages);
        assertTrue(inbound > 0, "Internet scanners reach the honeypots: inbound lines");
        long density = 0;
        for (JsonNode d : range.get("density")) {
            density += d.asLong();
        }
        assertEquals(flows, density);
    }

    /** Capped per bucket, the lines kept and the connections dropped still add up to every flow. */
    @Test
    void aBucketCapDropsLinesAndCountsWhatItDropped() throws Exception {
        JsonNode range = json("/api/activity/range");
        String window = "/api/activity?from=" + range.get("first").asDouble() + "&to=" + (range.get("last").asDouble() + 1)
                + "&step=600000&limit=200000";
        JsonNode capped = json(window + "&per_bucket=2");
        JsonNode full = json(window);
        long kept = 0;
        for (JsonNode n : capped.get("n")) {
            kept += n.asLong();
        }
        assertEquals(0, full.get("dropped").asLong());
        assertTrue(capped.get("dropped").asLong() > 0, "busy ten-minute buckets lose lines");
        assertEquals(run.events.of(FlowEvent.class).size(), kept + capped.get("dropped").asLong());
        assertTrue(capped.get("a").size() < full.get("a").size());
        // At most two (source, destination) pairs per sensor and bucket survive.
        java.util.Map<String, Integer> perBucket = new java.util.HashMap<>();
        for (int i = 0; i < capped.get("t").size(); i++) {
            perBucket.merge(capped.get("t").get(i).asText() + "/" + capped.get("s").get(i).asInt(), 1, Integer::sum);
        }
        assertTrue(perBucket.values().stream().allMatch(n -> n <= 2), perBucket.toString());
    }

    /** A sync event's external address appears on the event's sensors at its time, in its direction. */
    @Test
    void activityAtASyncEventShowsItsAddressOnEachSensor() throws Exception {
        JsonNode event = null;
        for (JsonNode e : json("/api/sync?limit=20000").get("events")) {
            Set<String> sensors = new HashSet<>();
            e.get("members").forEach(m -> sensors.add(m.get("sensor").asText()));
            if (sensors.size() >= 2) {
                event = e;
                break;
            }
        }
        assertTrue(event != null, "the honeypot scenario has events across sensors");
        double ts = event.get("ts").asDouble();
        long address = IpAddresses.parse(event.get("external_ip").asText())[1] & 0xFFFF_FFFFL;
        boolean outbound = event.get("direction").asText().equals("out");
        JsonNode page = json("/api/activity?from=" + (ts - 1) + "&to=" + (ts + event.get("tolerance").asDouble() * 1000 + 1000) + "&step=10");
        Set<String> seenOn = new HashSet<>();
        for (int i = 0; i < page.get("a").size(); i++) {
            if (page.get("a").get(i).asLong() == address && (page.get("o").get(i).asInt() == 1) == outbound) {
                seenOn.add(page.get("sensors").get(page.get("s").get(i).asInt()).asText());
            }
        }
        Set<String> expected = new HashSet<>();
        event.get("members").forEach(m -> expected.add(m.get("sensor").asText()));
        assertTrue(seenOn.containsAll(expected), seenOn + " vs " + expected);
    }

    @Test
    void badParametersAreA400WithTheirName() throws Exception {
        HttpResponse<String> r = get("/api/activity?from=abc&to=5");
        assertEquals(400, r.statusCode());
        assertTrue(r.body().contains("from"), r.body());
        assertEquals(400, get("/api/activity?from=10&to=5").statusCode());
        assertEquals(400, get("/api/activity?from=0&to=100000000000&step=0.5").statusCode());
    }

    @Test
    void everyAnswerCarriesTheSecurityHeadersAndOnlyListedFilesAreServed() throws Exception {
        for (String path : List.of("/", "/api/overview", "/js/common.js")) {
            HttpResponse<String> r = get(path);
            assertEquals(200, r.statusCode(), path);
            String csp = r.headers().firstValue("Content-Security-Policy").orElse("");
            assertTrue(csp.contains("script-src 'self'") && csp.contains("default-src 'none'"), csp);
            assertEquals("nosniff", r.headers().firstValue("X-Content-Type-Options").orElse(""));
        }
        for (String path : List.of("/hyakuyobako.duckdb", "/../pom.xml", "/js/../../../../etc/passwd", "/%2e%2e/%2e%2e/etc/passwd",
                "/js/common.js.bak", "/WEB-INF/web.xml")) {
            String status = rawRequest("GET " + path + " HTTP/1.1\r\nHost: 127.0.0.1\r\nConnection: close\r\n\r\n");
            assertFalse(status.contains(" 200 "), path + ": " + status);
        }
    }

    /** DNS rebinding: a page on another name that resolves to 127.0.0.1 gets nothing. */
    @Test
    void aForeignHostHeaderIsRefused() throws Exception {
        assertTrue(rawRequest("GET /api/overview HTTP/1.1\r\nHost: attacker.example:8642\r\nConnection: close\r\n\r\n").contains(" 403 "));
        assertTrue(rawRequest("GET /api/overview HTTP/1.1\r\nHost: localhost:" + server.port() + "\r\nConnection: close\r\n\r\n").contains(" 200 "));
    }

    @Test
    void bindingBeyondLoopbackNeedsAToken() throws Exception {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> new ServeOptions(run.dir, "0.0.0.0", 0, null));
        assertTrue(e.getMessage().contains("--token"), e.getMessage());
        assertThrows(IllegalArgumentException.class, () -> new ServeOptions(run.dir, "0.0.0.0", 0, "short"));
        assertThrows(IllegalArgumentException.class, () -> new ServeOptions(run.dir, "0.0.0.0", 0, "has;semicolons;and spaces"));
        String token = "t0ken-for-the-test-0123456789";
        try (WebServer open = WebServer.start(new ServeOptions(run.dir, "0.0.0.0", 0, token))) {
            String base = "http://127.0.0.1:" + open.port();
            assertEquals(401, send(HttpRequest.newBuilder(URI.create(base + "/api/overview"))).statusCode());
            assertEquals(401, send(HttpRequest.newBuilder(URI.create(base + "/"))).statusCode());
            assertEquals(401, send(HttpRequest.newBuilder(URI.create(base + "/api/overview")).header("Authorization", "Bearer wrong-token-0123456789")).statusCode());
            assertEquals(200, send(HttpRequest.newBuilder(URI.create(base + "/api/overview")).header("Authorization", "Bearer " + token)).statusCode());
            HttpResponse<String> first = send(HttpRequest.newBuilder(URI.create(base + "/?token=" + token)));
            assertEquals(200, first.statusCode());
            String cookie = first.headers().firstValue("Set-Cookie").orElse("");
            assertTrue(cookie.startsWith(AccessGuard.COOKIE + "=" + token) && cookie.contains("HttpOnly") && cookie.contains("SameSite=Strict"), cookie);
            assertEquals(200, send(HttpRequest.newBuilder(URI.create(base + "/api/overview")).header("Cookie", AccessGuard.COOKIE + "=" + token)).statusCode());
            assertTrue(open.url().endsWith("?token=" + token));
        }
    }

    @Test
    void aDirectoryWithoutAStoreIsAClearError() {
        IOException e = assertThrows(IOException.class, () -> WebServer.start(new ServeOptions(tmp.resolve("nothing"), "127.0.0.1", 0, null)));
        assertTrue(e.getMessage().contains("analyze"), e.getMessage());
    }

    private static HttpResponse<String> send(HttpRequest.Builder b) throws IOException, InterruptedException {
        return HTTP.send(b.build(), HttpResponse.BodyHandlers.ofString());
    }

    /** The status line of a request written by hand (the JDK client neither sends a foreign Host nor raw paths). */
    private static String rawRequest(String request) throws IOException {
        try (Socket s = new Socket("127.0.0.1", server.port())) {
            OutputStream out = s.getOutputStream();
            out.write(request.getBytes(StandardCharsets.ISO_8859_1));
            out.flush();
            InputStream in = s.getInputStream();
            String answer = new String(in.readNBytes(256), StandardCharsets.ISO_8859_1);
            int end = answer.indexOf("\r\n");
            return end < 0 ? answer : answer.substring(0, end);
        }
    }
}
