package org.hyakuyobako.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.io.StringWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import org.hyakuyobako.action.ExportSettings;
import org.hyakuyobako.action.Findings;
import org.hyakuyobako.action.FindingsReader;
import org.hyakuyobako.action.MispDocument;
import org.hyakuyobako.action.MispEventWriter;
import org.hyakuyobako.action.RefusedIndicators;
import org.hyakuyobako.action.StixBundleWriter;
import org.hyakuyobako.action.StixSchemas;
import org.hyakuyobako.testing.Corpus;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/**
 * The STIX and MISP exports of the bundled example and of the corpus captures with a verdict:
 * every bundle passes the OASIS schemas, every event reads back into MISP's documented fields
 * with valid category/type pairs, and the monitored hosts are named in neither.
 */
class SharingExportsOfCapturesTest {
    @TempDir
    Path dir;

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final StixSchemas SCHEMAS = new StixSchemas();

    private static synchronized int analyze(List<String> args) {
        PrintStream oldOut = System.out;
        PrintStream oldErr = System.err;
        try {
            System.setOut(new PrintStream(new ByteArrayOutputStream(), true, StandardCharsets.UTF_8));
            System.setErr(new PrintStream(new ByteArrayOutputStream(), true, StandardCharsets.UTF_8));
            return Main.run(args.toArray(String[]::new));
        } finally {
            System.setOut(oldOut);
            System.setErr(oldErr);
        }
    }

    @ParameterizedTest
    @CsvSource({
            "examples/honeypot-a.pcap examples/honeypot-b.pcapng, infected, 192.0.2.66",
            "corpus:ndpi/emotet.pcap, infected, 138.197.147.101",
            "corpus:ndpi/exe_download.pcap, suspicious, 144.91.69.195"})
    void exportsPassTheSchemasAndTheMispFormat(String captures, String minVerdict, String expectedAddress) throws Exception {
        List<String> args = new ArrayList<>(List.of("analyze", "-q", "--out", dir.resolve("out").toString()));
        for (String c : captures.split(" ")) {
            args.add(c.startsWith("corpus:") ? Corpus.file(c.substring(7)).toString() : CliPaths.example(c.substring(9)));
        }
        assertEquals(0, analyze(args));
        Findings findings = new FindingsReader().read(dir.resolve("out"), minVerdict);
        assertFalse(findings.hosts().isEmpty(), captures);
        ExportSettings settings = ExportSettings.defaults(Instant.parse("2026-01-01T00:00:00Z"));

        StringWriter stix = new StringWriter();
        RefusedIndicators refused = new RefusedIndicators();
        new StixBundleWriter().write(findings, settings, stix, refused);
        JsonNode bundle = JSON.readTree(stix.toString());
        assertEquals(List.of(), SCHEMAS.violations(bundle), captures);
        assertTrue(stix.toString().contains("[ipv4-addr:value = '" + expectedAddress + "']"), stix.toString());

        StringWriter misp = new StringWriter();
        new MispEventWriter().write(findings, settings, misp, new RefusedIndicators());
        MispDocument event = MispDocument.parse(misp.toString());
        assertEquals(List.of(), event.invalidPairs());
        assertTrue(event.event().allAttributes().stream().anyMatch(a -> a.type().equals("ip-dst") && a.value().equals(expectedAddress)
                && a.to_ids()), misp.toString());

        for (Findings.Host h : findings.hosts()) {
            assertFalse(stix.toString().contains(h.address()), h.address() + " named in the bundle");
            assertFalse(misp.toString().contains(h.address()), h.address() + " named in the event");
        }
    }
}
