package org.hyakuyobako.detect.blacklist;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.hyakuyobako.detect.Detectors;
import org.hyakuyobako.event.EvidenceEvent;
import org.hyakuyobako.testing.Corpus;
import org.hyakuyobako.testing.Pipelines;
import org.junit.jupiter.api.Test;

/**
 * Block lists of TLS client fingerprints: abuse.ch SSLBL's JA3 CSV and a plain list of JA3 hashes and
 * JA4 values (test resources), matched against emotet.pcap, whose bot 10.4.25.101 sends the listed
 * hello to 138.197.147.101:443 twice. Mutations seen failing: the JA3 check before the address
 * check removed from the loader (the lines are rejected), JA3 not lower-cased (the upper-case line
 * never matches).
 */
class FingerprintBlacklistTest {
    private static Path resource(String name) throws Exception {
        return Path.of(FingerprintBlacklistTest.class.getResource("/blacklists/" + name).toURI());
    }

    @Test
    void sslblJa3CsvAndPlainFingerprintListsLoadWithBadLinesReported() throws Exception {
        Blacklists lists = new Blacklists();
        List<String> warnings = new ArrayList<>();
        BlacklistLoader loader = new BlacklistLoader(lists, warnings::add);
        loader.load(resource("sslbl-ja3-sample.csv"));
        loader.load(resource("ja-fingerprints.txt"));
        assertEquals(4, lists.fingerprints.size());
        assertEquals(2, loader.rejected(), warnings.toString());
        assertTrue(warnings.stream().anyMatch(w -> w.startsWith("sslbl-ja3-sample.csv:11: ")), warnings.toString());
        assertTrue(warnings.stream().anyMatch(w -> w.startsWith("ja-fingerprints.txt:5: ")), warnings.toString());
        ListEntry emotet = lists.fingerprints.lookup("51c64c77e60f3980eea90869b68c58a8");
        assertNotNull(emotet);
        assertEquals("emotet", emotet.category());
        assertNotNull(lists.fingerprints.lookup("e7d705a3286e19ea42f587b344ee6865"), "JA3 compared lower-case");
        assertTrue(lists.addresses.size() == 0 && lists.domains.size() == 0, "nothing else was loaded");
    }

    @Test
    void aMonitoredHostWhoseHelloIsListedGetsBlacklistEvidence() throws Exception {
        Blacklists lists = new Blacklists();
        BlacklistLoader loader = new BlacklistLoader(lists, w -> { });
        loader.load(resource("sslbl-ja3-sample.csv"));
        loader.load(resource("ja-fingerprints.txt"));
        List<EvidenceEvent> evidence = Pipelines.run(List.of(Corpus.file("ndpi/emotet.pcap")),
                a -> Detectors.addDefaults(a, Pipelines.options(), lists)).of(EvidenceEvent.class).stream()
                .filter(e -> e.method().equals("blacklist")).toList();
        assertEquals(2, evidence.size(), evidence.toString());
        EvidenceEvent ja3 = evidence.stream().filter(e -> e.summary().contains("JA3")).findFirst().orElseThrow();
        assertEquals("10.4.25.101", ja3.host());
        assertEquals("138.197.147.101:443", ja3.peer());
        assertEquals("TLS client fingerprint JA3 51c64c77e60f3980eea90869b68c58a8 to 138.197.147.101:443, listed in "
                + "sslbl-ja3-sample.csv (emotet, line 9) in 2 connection(s)", ja3.summary());
        assertEquals(2, ja3.references().size());
        EvidenceEvent ja4 = evidence.stream().filter(e -> e.summary().contains("JA4")).findFirst().orElseThrow();
        assertTrue(ja4.summary().contains("t12i190600_d83cc789557e_2dae41c691ec") && ja4.summary().contains("ja-fingerprints.txt"),
                ja4.summary());
        assertEquals(FingerprintBlacklistDetector.WEIGHT, ja3.score(), 1e-9);
    }
}
