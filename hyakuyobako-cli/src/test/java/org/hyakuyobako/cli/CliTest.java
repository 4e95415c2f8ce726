package org.hyakuyobako.cli;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
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
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** The front door as a user meets it: exit codes, messages, files written. */
class CliTest {
    @TempDir
    Path dir;

    private static final Path EXAMPLES = CliRunner.EXAMPLES;

    private static CliRunner.Run run(String... args) {
        return CliRunner.run(args);
    }

    @Test
    void analyzeTheBundledTwoSensorExample() throws Exception {
        Path out = dir.resolve("out");
        CliRunner.Run r = run("analyze", "--out", out.toString(), EXAMPLES.resolve("honeypot-a.pcap").toString(),
                EXAMPLES.resolve("honeypot-b.pcapng").toString());
        assertEquals(0, r.exit(), r.err());
        assertTrue(r.out().contains("home net: 10.0.0.0/8,172.16.0.0/12,192.168.0.0/16,fc00::/7,203.0.113.10/32,198.51.100.20/32"),
                r.out());
        assertTrue(r.out().contains("read 2,965 packets from 2 of 2 file(s)"), r.out());
        assertTrue(r.out().contains("skipped: nothing"), r.out());

        ObjectMapper json = new ObjectMapper();
        Map<String, Integer> flowsPerSensor = new HashMap<>();
        List<String> lines = Files.readAllLines(out.resolve("eve.json"));
        for (String line : lines) {
            JsonNode e = json.readTree(line);
            if (e.get("event_type").asText().equals("flow")) {
                flowsPerSensor.merge(e.get("sensor").asText(), 1, Integer::sum);
            }
        }
        assertEquals(Map.of("honeypot-a", 1064, "honeypot-b", 1064), flowsPerSensor);
        JsonNode stats = json.readTree(lines.get(lines.size() - 1));
        assertEquals("stats", stats.get("event_type").asText());
        assertEquals(2965, stats.at("/stats/capture.packets").asLong());

        try (Connection c = DriverManager.getConnection("jdbc:duckdb:" + out.resolve("hyakuyobako.duckdb"));
             Statement s = c.createStatement();
             ResultSet rs = s.executeQuery("select count(*) from flow where dest_port = 6667")) {
            rs.next();
            assertEquals(2, rs.getLong(1), "both bots' C&C sessions are in the store");
        }
        // The example's botnet: both honeypots obey 192.0.2.66:6667.
        JsonNode cnc = null;
        for (String line : lines) {
            JsonNode e = json.readTree(line);
            if (e.get("event_type").asText().equals("cnc")) {
                cnc = e;
            }
        }
        assertTrue(cnc != null, "a cnc event");
        assertEquals("192.0.2.66", cnc.get("ip").asText());
        assertEquals(6667, cnc.get("port").asInt());
        assertEquals("[\"198.51.100.20\",\"203.0.113.10\"]", cnc.get("bots").toString());
        assertTrue(r.out().contains("sync.cnc=1"), r.out());
        assertTrue(r.out().contains("192.0.2.66:6667 (irc)") && r.out().contains("bots 198.51.100.20, 203.0.113.10"), r.out());
        // One verdict per host, strongest first, with the methods that agree, the C&C and the group.
        assertTrue(r.out().contains("verdicts: 2 infected, 0 suspicious"), r.out());
        assertTrue(r.out().lines().anyMatch(l -> l.matches("  203\\.0\\.113\\.10 +infected +(0\\.9\\d|1\\.00)  sync,irc,scan,signature,irc-channel,timing +192\\.0\\.2\\.66:6667 sync-1")),
                r.out());
        assertTrue(r.out().contains("infected because sync: obeys 192.0.2.66:6667 (irc)"), r.out());
        long verdicts = lines.stream().filter(l -> l.contains("\"event_type\":\"verdict\"")).count();
        assertEquals(2, verdicts);
        // The IRC C&C analysis names both bots by their reports, independently of sync.
        assertTrue(r.out().contains("203.0.113.10 -> 192.0.2.66:6667  score 0.80  sends bot report '[SCAN]:")
                && r.out().contains("198.51.100.20 -> 192.0.2.66:6667  score 0.80"), r.out());
        // Channel statistics and session timing name them too, from timing and sizes alone.
        assertTrue(r.out().contains("IRC channel statistics:\n  203.0.113.10 -> 192.0.2.66:6667  score 0.50  answers other IRC users faster"),
                r.out());
        assertTrue(r.out().contains("session timing:\n") && r.out().contains("198.51.100.20 -> 192.0.2.66:6667  score 0.40  logs in to IRC server"),
                r.out());
    }

    @Test
    void sensorOptionWithSeveralFilesAndADirectory() throws Exception {
        Path copies = dir.resolve("hp");
        Files.createDirectories(copies);
        Files.copy(EXAMPLES.resolve("honeypot-b.pcapng"), copies.resolve("b.pcapng"));
        CliRunner.Run r = run("analyze", "-q", "--out", dir.resolve("o").toString(),
                "--sensor", "first=" + EXAMPLES.resolve("honeypot-a.pcap"),
                "--sensor", "second=" + copies);
        assertEquals(0, r.exit(), r.err());
        String eve = Files.readString(dir.resolve("o/eve.json"));
        assertTrue(eve.contains("\"sensor\":\"first\""));
        assertTrue(eve.contains("\"sensor\":\"second\""));
    }

    @Test
    void noUsableInputIsAOneLineErrorAndExitTwo() throws Exception {
        Path text = dir.resolve("notes.txt");
        Files.writeString(text, "not a capture");
        CliRunner.Run r = run("analyze", "-q", "--out", dir.resolve("o").toString(), text.toString());
        assertEquals(2, r.exit());
        assertTrue(r.err().contains(text + ": offset 0: not_a_capture"), r.err());
        assertTrue(r.err().contains("hyakuyobako: error: no usable input among 1 file(s)"), r.err());
        assertTrue(r.err().lines().noneMatch(l -> l.contains("\tat ")), "no stack trace for bad input");
    }

    @Test
    void badOptionsAreUsageErrors() {
        assertEquals(2, run("analyze", "--home-net", "10.0.0.0/99", EXAMPLES.resolve("honeypot-a.pcap").toString()).exit());
        assertEquals(2, run("analyze").exit());
        assertEquals(2, run("analyze", "--sensor", "nameonly").exit());
        assertEquals(2, run("frobnicate").exit());
    }

    /** analyze --listen: a live listener is a sensor; the run ends after --listen-seconds and writes its results. */
    @Test
    void analyzeListensForAWhileThenWritesItsResults() throws Exception {
        Path out = dir.resolve("live");
        CliRunner.Run r = run("analyze", "--out", out.toString(), "--listen", "syslog-udp:127.0.0.1:0", "--listen", "syslog-tcp:127.0.0.1:0",
                "--listen-seconds", "1");
        assertEquals(0, r.exit(), r.err());
        assertTrue(r.out().contains("listening: syslog-udp on 127.0.0.1:"), r.out());
        assertTrue(Files.size(out.resolve("eve.json")) > 0, "the stats event at least");
        CliRunner.Run bad = run("analyze", "--listen", "carrier-pigeon:514");
        assertEquals(2, bad.exit());
        assertTrue(bad.err().contains("KIND:[HOST:]PORT"), bad.err());
    }

    /** serve refuses to expose results beyond this machine without a token, and needs a store to serve. */
    @Test
    void serveRefusesAnOpenBindWithoutATokenAndAMissingStore() throws Exception {
        Path out = dir.resolve("served");
        assertEquals(0, run("analyze", "-q", "--out", out.toString(), EXAMPLES.resolve("honeypot-a.pcap").toString()).exit());
        CliRunner.Run open = run("serve", "--out", out.toString(), "--bind", "0.0.0.0", "--port", "0");
        assertEquals(2, open.exit());
        assertTrue(open.err().contains("--token"), open.err());
        CliRunner.Run none = run("serve", "--out", dir.resolve("nothing").toString(), "--port", "0");
        assertEquals(2, none.exit());
        assertTrue(none.err().contains("no DuckDB store here"), none.err());
        try (java.sql.Connection c = java.sql.DriverManager.getConnection("jdbc:duckdb:" + out.resolve("hyakuyobako.duckdb"));
             java.sql.ResultSet rs = c.createStatement().executeQuery("select string_agg(key, ',' order by key) from run")) {
            assertTrue(rs.next());
            assertEquals("home_net,sensors,working_directory", rs.getString(1), "the run's settings, for serve");
        }
    }

    /** The packets behind a verdict: as many as the flow records between the two count, all between the two. */
    @Test
    void carveWritesThePacketsBetweenHostAndPeer() throws Exception {
        Path o = dir.resolve("o");
        assertEquals(0, run("analyze", "-q", "--no-store", "--out", o.toString(), EXAMPLES.resolve("honeypot-a.pcap").toString(),
                EXAMPLES.resolve("honeypot-b.pcapng").toString()).exit());
        ObjectMapper json = new ObjectMapper();
        long expected = 0;
        for (String line : Files.readAllLines(o.resolve("eve.json"))) {
            JsonNode e = json.readTree(line);
            if (e.get("event_type").asText().equals("flow") && e.get("src_ip").asText().equals("203.0.113.10")
                    && e.get("dest_ip").asText().equals("192.0.2.66")) {
                expected += e.at("/flow/pkts_toserver").asLong() + e.at("/flow/pkts_toclient").asLong();
            }
        }
        Path carved = dir.resolve("bot.pcapng");
        CliRunner.Run r = run("carve", "--host", "203.0.113.10", "--peer", "192.0.2.66", "--out", carved.toString(),
                EXAMPLES.resolve("honeypot-a.pcap").toString(), EXAMPLES.resolve("honeypot-b.pcapng").toString());
        assertEquals(0, r.exit(), r.err());
        assertTrue(expected > 10);
        assertTrue(r.out().startsWith("carved " + expected + " of 2,965 packets"), r.out());
        // Read back with our own reader: a valid pcapng holding only that conversation.
        Path back = dir.resolve("back");
        assertEquals(0, run("analyze", "-q", "--no-store", "--home-net", "203.0.113.10/32", "--out", back.toString(),
                carved.toString()).exit());
        for (String line : Files.readAllLines(back.resolve("eve.json"))) {
            JsonNode e = json.readTree(line);
            if (e.get("event_type").asText().equals("flow")) {
                assertEquals("203.0.113.10", e.get("src_ip").asText());
                assertEquals("192.0.2.66", e.get("dest_ip").asText());
            }
        }
        assertEquals(2, run("carve", "--host", "203.0.113.10", "--from", "yesterday", "--out", carved.toString(),
                EXAMPLES.resolve("honeypot-a.pcap").toString()).exit());
    }

    @Test
    void rulesWithVariablesFromASuricataYaml() throws Exception {
        Path yaml = dir.resolve("suricata.yaml");
        Files.writeString(yaml, "%YAML 1.1\n---\nvars:\n  address-groups:\n    HOME_NET: \"[198.51.100.0/24,203.0.113.0/24]\"\n"
                + "    EXTERNAL_NET: \"!$HOME_NET\"\n  port-groups:\n    IRC_PORTS: \"6667\"\n");
        Path rules = dir.resolve("local.rules");
        Files.writeString(rules, "alert tcp $HOME_NET any -> $EXTERNAL_NET $IRC_PORTS (msg:\"bot joins\"; flow:to_server; content:\"JOIN\"; sid:1000001; rev:1;)\n"
                + "alert tcp any any -> any any (msg:\"look-ahead\"; pcre:\"/a(?=b)/\"; sid:1000002; rev:1;)\n");
        Path skipped = dir.resolve("skipped.tsv");
        CliRunner.Run r = run("analyze", "--no-store", "--rules", rules.toString(), "--rule-vars", yaml.toString(), "--rules-skipped",
                skipped.toString(), "--out", dir.resolve("o3").toString(), EXAMPLES.resolve("honeypot-a.pcap").toString(),
                EXAMPLES.resolve("honeypot-b.pcapng").toString());
        assertEquals(0, r.exit(), r.err());
        assertTrue(r.out().contains("rules: 1 rules loaded, 1 skipped (pcre look-ahead (RE2 has none): 1)"), r.out());
        assertTrue(Files.readString(skipped).contains("sid 1000002\tpcre look-ahead"), Files.readString(skipped));
        String eve = Files.readString(dir.resolve("o3/eve.json"));
        assertTrue(eve.contains("\"signature_id\":1000001"), "the bots on the yaml's home net join their channel");
    }

    @Test
    void ciphertextIsLeftOutUnlessAskedFor() throws Exception {
        // Slips' capture: 299 short TLS 1.3 connections. A TLS record header is in every encrypted
        // packet; by default only the handshake's (the server's first flight) is seen.
        Path capture = CliRunner.ROOT.resolve("../shared/corpus/slips/test-cc-capture-1.pcap").normalize();
        Path rules = dir.resolve("tls.rules");
        Files.writeString(rules, "alert tcp any any -> any any (msg:\"TLS application data record\"; content:\"|17 03 03|\"; sid:1000100; rev:1;)\n");
        long[] alerts = new long[2];
        for (int k = 0; k < 2; k++) {
            Path out = dir.resolve("tls" + k);
            List<String> args = new java.util.ArrayList<>(List.of("analyze", "-q", "--no-store", "--no-default-rules", "--rules", rules.toString(),
                    "--out", out.toString(), capture.toString()));
            if (k == 1) {
                args.add(1, "--inspect-encrypted");
            }
            CliRunner.Run r = run(args.toArray(new String[0]));
            assertEquals(0, r.exit(), r.err());
            String eve = Files.readString(out.resolve("eve.json"));
            alerts[k] = eve.lines().filter(l -> l.contains("\"signature_id\":1000100")).count();
            assertEquals(k == 0, !eve.contains("\"signature.encrypted_packets_not_inspected\":0"), "ciphertext packets counted when left out");
        }
        assertTrue(alerts[0] > 0 && alerts[1] > 2 * alerts[0], java.util.Arrays.toString(alerts));
    }

    @Test
    void aMistakeInTheCorrelationFileIsAOneLineErrorWithFileAndLine() throws Exception {
        Path conf = dir.resolve("mine.properties");
        Files.writeString(conf, "verdict.infected = 0.9\nmethod.sync.wieght = 1\n");
        CliRunner.Run r = run("analyze", "-q", "--correlation", conf.toString(), "--out", dir.resolve("o").toString(),
                EXAMPLES.resolve("honeypot-a.pcap").toString());
        assertEquals(2, r.exit());
        assertTrue(r.err().contains("hyakuyobako: error: --correlation " + conf + ":2: unknown key 'method.sync.wieght'"), r.err());
        // The strictest threshold there is: no combination of evidence reaches certainty.
        Files.writeString(conf, "verdict.infected = 1\nverdict.infected_single_method = 1\n");
        // Without the bundled rules: their evidence (bot reports and commands) is one more agreeing method.
        r = run("analyze", "-q", "--no-default-rules", "--correlation", conf.toString(), "--out", dir.resolve("o2").toString(),
                EXAMPLES.resolve("honeypot-a.pcap").toString(), EXAMPLES.resolve("honeypot-b.pcapng").toString());
        assertEquals(0, r.exit(), r.err());
        assertTrue(r.out().contains("verdicts: 0 infected, 2 suspicious"), "a stricter threshold, from the user's file: " + r.out());
    }

    @ParameterizedTest
    @ValueSource(strings = {"analyze", "carve", "simulate", "generate", "bench"})
    void everyCommandHasHelp(String command) {
        CliRunner.Run r = run(command, "--help");
        assertEquals(0, r.exit());
        assertTrue(r.out().startsWith("Usage: hyakuyobako " + command), r.out());
    }

    @Test
    void theBundledExampleIsReproducibleFromTheGenerator() throws Exception {
        Path regenerated = dir.resolve("examples");
        assertEquals(0, run("generate", "--example", regenerated.toString()).exit());
        for (String name : List.of("honeypot-a.pcap", "honeypot-b.pcapng")) {
            assertArrayEquals(Files.readAllBytes(EXAMPLES.resolve(name)), Files.readAllBytes(regenerated.resolve(name)), name);
        }
    }

    @Test
    void generateWritesTheRequestedSize() throws Exception {
        Path file = dir.resolve("g.pcap.gz");
        CliRunner.Run r = run("generate", "--out", file.toString(), "--size-mb", "2", "--profile", "honeypot");
        assertEquals(0, r.exit(), r.err());
        CliRunner.Run a = run("analyze", "-q", "--no-store", "--out", dir.resolve("ga").toString(), file.toString());
        assertEquals(0, a.exit(), a.err());
        assertTrue(a.out().contains("skipped: nothing"), a.out());
    }

    @Test
    void blacklistsFromTheCommandLine() throws Exception {
        Path names = dir.resolve("names.txt");
        Files.writeString(names, "hobbeach.com\ninternetbadguys.com\nnot a name!\n");
        Path corpus = CliRunner.ROOT.resolve("../shared/corpus/ndpi/malware.pcap").normalize();
        CliRunner.Run r = run("analyze", "--out", dir.resolve("bl").toString(), "--blacklist", names.toString(), corpus.toString());
        assertEquals(0, r.exit(), r.err());
        assertTrue(r.out().contains("blacklists: 2 entries loaded, 1 bad lines skipped"), r.out());
        assertTrue(r.err().contains("names.txt:3: not an address, prefix or domain: 'not a name!'; line skipped"), r.err());
        assertTrue(r.out().contains("blacklist.findings=5"), r.out());
        assertEquals(2, run("analyze", "--blacklist", dir.resolve("missing.txt").toString(), corpus.toString()).exit());
    }
}
