package org.hyakuyobako.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.io.Writer;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;
import java.util.stream.Collectors;
import org.hyakuyobako.action.ExportSettings;
import org.hyakuyobako.action.Findings;
import org.hyakuyobako.action.FindingsReader;
import org.hyakuyobako.action.Indicator;
import org.hyakuyobako.action.RefusedIndicators;
import org.hyakuyobako.action.StixBundleWriter;
import org.hyakuyobako.action.StixSchemas;
import org.hyakuyobako.detect.blacklist.IntelLoader;
import org.hyakuyobako.detect.blacklist.IntelReport;
import org.hyakuyobako.detect.blacklist.SharedIndicator;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Issue 25's round trip: what one sensor found, shared as STIX, finds the same botnet's bot at
 * another sensor that could not tell on its own. A simulated intranet with encrypted C&C is seen
 * by two taps: tap A sees every host but one bot, so synchronized activity finds the bots' C&C;
 * tap B sees that one bot alone, which obeys the same C&C but, without others to be in step with,
 * is only suspicious. With A's bundle as --intel, B's bot is infected on blacklist evidence
 * naming the C&C.
 */
class IntelRoundTripTest {
    @TempDir
    Path dir;

    private static final ObjectMapper JSON = new ObjectMapper();

    private static CliRunner.Run run(String... args) {
        return CliRunner.run(args);
    }

    private Path analyze(String name, String... args) {
        Path out = dir.resolve(name);
        List<String> all = new ArrayList<>(List.of("analyze", "-q", "--out", out.toString()));
        all.addAll(List.of(args));
        CliRunner.Run r = run(all.toArray(String[]::new));
        assertEquals(0, r.exit(), r.err());
        return out;
    }

    private static Path exportStix(Path results, Path file) throws Exception {
        Findings findings = new FindingsReader().read(results, "infected");
        RefusedIndicators refused = new RefusedIndicators();
        try (Writer w = Files.newBufferedWriter(file)) {
            new StixBundleWriter().write(findings, ExportSettings.defaults(Instant.parse("2026-01-01T00:00:00Z")), w, refused);
        }
        assertEquals(List.of(), new StixSchemas().violations(JSON.readTree(file.toFile())), file.toString());
        return file;
    }

    private static String verdict(Path results, String host) throws Exception {
        try (Connection c = DriverManager.getConnection("jdbc:duckdb:" + results.resolve("hyakuyobako.duckdb"));
             PreparedStatement p = c.prepareStatement("select verdict from verdict where host = ?")) {
            p.setString(1, host);
            try (ResultSet rs = p.executeQuery()) {
                return rs.next() ? rs.getString(1) : "none";
            }
        }
    }

    private static String score(Path results, String host) throws Exception {
        try (Connection c = DriverManager.getConnection("jdbc:duckdb:" + results.resolve("hyakuyobako.duckdb"));
             PreparedStatement p = c.prepareStatement("select round(score, 2) from verdict where host = ?")) {
            p.setString(1, host);
            try (ResultSet rs = p.executeQuery()) {
                return rs.next() ? rs.getString(1) : "-";
            }
        }
    }

    private static List<String> blacklistEvidence(Path results, String host) throws Exception {
        List<String> out = new ArrayList<>();
        try (Connection c = DriverManager.getConnection("jdbc:duckdb:" + results.resolve("hyakuyobako.duckdb"));
             PreparedStatement p = c.prepareStatement("select peer, summary from evidence where host = ? and method = 'blacklist'")) {
            p.setString(1, host);
            try (ResultSet rs = p.executeQuery()) {
                while (rs.next()) {
                    out.add(rs.getString(1) + " " + rs.getString(2));
                }
            }
        }
        return out;
    }

    /** Address, domain and URL values with ports, as a bundle's indicators name them. */
    private static Set<String> values(Path bundle) throws IOException {
        List<SharedIndicator> read = IntelLoader.read(bundle, new IntelReport(m -> { }));
        return read.stream().map(i -> i.kind() + " " + i.value() + (i.port() == 0 ? "" : ":" + i.port()))
                .collect(Collectors.toCollection(TreeSet::new));
    }

    @Test
    void aCncSharedByOneTapFindsTheLoneBotAtAnother() throws Exception {
        Path sim = dir.resolve("sim");
        CliRunner.Run s = run("simulate", "--scenario", "intranet", "--profile", "encrypted", "--seed", "2", "--hours", "1", "--hosts", "40",
                "--out", sim.toString());
        assertEquals(0, s.exit(), s.err());
        JsonNode truth = JSON.readTree(sim.resolve("ground-truth.json").toFile());
        // The botnet with the most bots: without one of them, the others are still many enough to be in step.
        JsonNode botnet = null;
        for (JsonNode c : truth.get("cnc")) {
            if (botnet == null || c.get("bots").size() > botnet.get("bots").size()) {
                botnet = c;
            }
        }
        String cnc = botnet.get("ip").asText();
        int port = botnet.get("port").asInt();
        List<String> bots = new ArrayList<>();
        botnet.get("bots").forEach(b -> bots.add(b.asText()));
        // A bot whose infection the capture does not show (it joined before an infection story could
        // be told): alone on its tap, nothing but its C&C traffic betrays it.
        java.util.Set<String> storied = new java.util.TreeSet<>();
        truth.path("infections").forEach(i -> storied.add(i.get("host").asText()));
        String lone = bots.stream().filter(b -> !storied.contains(b)).findFirst()
                .orElseThrow(() -> new AssertionError("every bot of " + cnc + " has an infection story: pick another seed"));
        String home = truth.get("home_networks").get(0).asText();

        Path tapA = dir.resolve("tap-a.pcap");
        Path tapB = dir.resolve("tap-b.pcap");
        PcapByHost.split(sim.resolve("tap.pcap"), tapA, lone, false);
        assertTrue(PcapByHost.split(sim.resolve("tap.pcap"), tapB, lone, true) > 100);

        Path a = analyze("a", "--home-net", home, tapA.toString());
        Path bundle = exportStix(a, dir.resolve("a-stix.json"));
        Set<String> shared = values(bundle);
        assertTrue(shared.contains("ADDRESS " + cnc + ":" + port), shared.toString());

        Path alone = analyze("b", "--home-net", home, tapB.toString());
        assertTrue(!verdict(alone, lone).equals("infected"), "alone, the bot is " + verdict(alone, lone));

        Path withIntel = dir.resolve("b-intel");
        CliRunner.Run r = run("analyze", "--out", withIntel.toString(), "--home-net", home, "--intel", bundle.toString(), tapB.toString());
        assertEquals(0, r.exit(), r.err());
        assertTrue(r.out().contains("intel: "), r.out());
        assertEquals("infected", verdict(withIntel, lone), r.out());
        System.out.println("intel round trip: lone bot " + lone + " alone " + verdict(alone, lone) + " " + score(alone, lone)
                + ", with the shared bundle " + verdict(withIntel, lone) + " " + score(withIntel, lone));
        List<String> evidence = blacklistEvidence(withIntel, lone);
        assertTrue(evidence.stream().anyMatch(e -> e.startsWith(cnc + " talked to " + cnc + ", listed in a-stix.json indicator--")
                && e.contains("(cnc: entry " + cnc)), evidence.toString());

        // Export, import, export: the C&C the second run found by shared evidence is shared again the same way.
        Set<String> again = values(exportStix(withIntel, dir.resolve("b-stix.json")));
        assertTrue(again.contains("ADDRESS " + cnc + ":" + port) || again.contains("ADDRESS " + cnc), again.toString());
        Set<String> sharedAddresses = shared.stream().filter(v -> v.startsWith("ADDRESS ")).map(v -> v.replaceFirst(":\\d+$", ""))
                .collect(Collectors.toSet());
        for (String v : again) {
            // Nothing new is passed on: the resolver that answered for a shared name is not a C&C.
            assertTrue(!v.startsWith("ADDRESS ") || sharedAddresses.contains(v.replaceFirst(":\\d+$", "")), v + " in " + again);
        }
        System.out.printf("round trip: bot %s alone %s, with intel %s; bundle A %d indicators %s; bundle B %s; %s%n", lone,
                verdict(alone, lone), verdict(withIntel, lone), shared.size(), shared, again,
                r.out().lines().filter(l -> l.startsWith("intel: ")).findFirst().orElse(""));
    }

    @Test
    void aMissingIntelFileIsAnErrorAndABadOneAWarning() throws Exception {
        CliRunner.Run missing = run("analyze", "-q", "--out", dir.resolve("m").toString(), "--intel", dir.resolve("nope.json").toString(),
                CliPaths.example("honeypot-a.pcap"));
        assertEquals(2, missing.exit());
        assertTrue(missing.err().contains("--intel: no such file: "), missing.err());

        Path broken = Files.writeString(dir.resolve("broken.json"), "{\"type\": \"bundle\", \"objects\": [");
        CliRunner.Run bad = run("analyze", "--out", dir.resolve("b").toString(), "--intel", broken.toString(), CliPaths.example("honeypot-a.pcap"));
        assertEquals(0, bad.exit(), bad.err());
        List<String> warnings = bad.err().lines().filter(l -> l.contains("broken.json")).toList();
        assertEquals(1, warnings.size(), bad.err());
        assertTrue(warnings.get(0).startsWith("hyakuyobako: warning: --intel ") && warnings.get(0).endsWith("; file not used"),
                warnings.get(0));
        assertTrue(bad.out().contains("intel: 0 indicators loaded, 0 allow-list entries, 0 skipped, 1 unreadable file(s)"), bad.out());
    }

    @Test
    void reExportingTheSameRunGivesTheSameIndicatorsBack() throws Exception {
        Path a = analyze("ex", CliPaths.example("honeypot-a.pcap"),
                CliPaths.example("honeypot-b.pcapng"));
        Findings findings = new FindingsReader().read(a, "infected");
        Set<String> expected = new TreeSet<>();
        for (Indicator i : findings.indicators()) {
            switch (i.kind()) {
                case ADDRESS -> expected.add("ADDRESS " + i.value() + (i.port() == 0 ? "" : ":" + i.port()));
                case DOMAIN -> expected.add("DOMAIN " + i.value());
                case URL -> expected.add("URL " + i.value());
                default -> { }
            }
        }
        assertTrue(expected.contains("ADDRESS 192.0.2.66:6667"), expected.toString());
        assertEquals(expected, values(exportStix(a, dir.resolve("one.json"))));
        assertEquals(expected, values(exportStix(a, dir.resolve("two.json"))));
    }
}
