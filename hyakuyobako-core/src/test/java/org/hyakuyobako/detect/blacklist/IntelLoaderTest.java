package org.hyakuyobako.detect.blacklist;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.io.OutputStream;
import java.io.RandomAccessFile;
import java.io.Writer;
import java.nio.ByteOrder;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.stream.Collectors;
import org.hyakuyobako.action.ExportSettings;
import org.hyakuyobako.action.FindingsWriter;
import org.hyakuyobako.action.MispEventWriter;
import org.hyakuyobako.action.RefusedIndicators;
import org.hyakuyobako.action.SampleFindings;
import org.hyakuyobako.action.StixBundleWriter;
import org.hyakuyobako.detect.Detectors;
import org.hyakuyobako.event.EvidenceEvent;
import org.hyakuyobako.generate.FrameBuilder;
import org.hyakuyobako.generate.PcapWriter;
import org.hyakuyobako.testing.Captures;
import org.hyakuyobako.testing.Corpus;
import org.hyakuyobako.testing.EventCollector;
import org.hyakuyobako.testing.Pipelines;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class IntelLoaderTest {
    @TempDir
    Path dir;

    private final List<String> messages = new ArrayList<>();
    private final Blacklists lists = new Blacklists();
    private final IntelLoader loader = new IntelLoader(lists, messages::add);

    private Path export(FindingsWriter writer) throws IOException {
        Path file = dir.resolve(writer.fileName());
        try (Writer out = Files.newBufferedWriter(file)) {
            writer.write(SampleFindings.everyKind(), new ExportSettings(1, 2, null, "Test", SampleFindings.EXPORTED), out,
                    new RefusedIndicators());
        }
        return file;
    }

    private Path file(String name, String content) throws IOException {
        Path p = dir.resolve(name);
        Files.writeString(p, content);
        return p;
    }

    private static Map<String, String> byValue(List<SharedIndicator> read) {
        Map<String, String> out = new TreeMap<>();
        read.forEach(i -> out.put(i.kind() + " " + i.value(), i.category() + " " + i.confidence()));
        return out;
    }

    @Test
    void ourStixExportComesBackWithItsValuesRolesAndConfidences() throws IOException {
        IntelReport report = new IntelReport(messages::add);
        List<SharedIndicator> read = IntelLoader.read(export(new StixBundleWriter()), report);
        assertEquals(Map.of(
                "ADDRESS 192.0.2.66", "cnc 0.95",
                "ADDRESS 2001:db8::66", "cnc 0.95",
                "ADDRESS 198.51.100.9", "malware 0.7",
                "DOMAIN cc.evil.example", "cnc 0.85",
                "DOMAIN evil.example", "malware 0.7",
                "URL http://evil.example/x.exe", "malware 0.7"), byValue(read));
        assertEquals(0, report.skippedTotal(), messages.toString());
        assertEquals(Set.of(6667, 443, 80, 0), read.stream().map(SharedIndicator::port).collect(Collectors.toSet()));
        assertTrue(read.stream().allMatch(i -> i.ref().startsWith("indicator--")));
    }

    @Test
    void loadedIndicatorsAreBlacklistEntriesNamingFileAndObject() throws IOException {
        loader.load(List.of(export(new StixBundleWriter())));
        ListEntry cnc = lists.addresses.lookup("192.0.2.66");
        assertEquals("cnc", cnc.category());
        assertEquals(0.95, cnc.confidence(), 1e-6, "kept as a float by the prefix table");
        assertTrue(cnc.list().startsWith("hyakuyobako-stix.json indicator--"), cnc.list());
        assertEquals("192.0.2.66", cnc.entry(), "a host entry reads back as its address");
        assertEquals("2001:db8::66", lists.addresses.lookup("2001:db8::66").entry());
        assertEquals("cnc", lists.domains.lookup("www.cc.evil.example").category(), "names match with their subdomains");
        assertNull(lists.addresses.lookup("192.0.2.67"));
        assertEquals(5, loader.report().indicators());
        assertEquals(Map.of("URL (blacklists match addresses and names, not paths)", 1L), loader.report().skipped());
    }

    @Test
    void ourMispExportComesBackWithoutItsContextAttributes() throws IOException {
        IntelReport report = new IntelReport(messages::add);
        List<SharedIndicator> read = IntelLoader.read(export(new MispEventWriter()), report);
        assertEquals(Map.of(
                "ADDRESS 192.0.2.66", "cnc 0.95",
                "ADDRESS 2001:db8::66", "cnc 0.95",
                "ADDRESS 198.51.100.9", "malware 0.8",
                "DOMAIN cc.evil.example", "cnc 0.95",
                "DOMAIN evil.example", "malware 0.8",
                "URL http://evil.example/x.exe", "malware 0.8"), byValue(read));
        // IRC channel, command, JA3 at the top; port and layer 4/7 protocols in the two network-connection objects.
        assertEquals(Map.of("attribute type not an address, name or URL", 3L + 2 + 2 + 2), report.skipped());
        assertEquals(List.of(), messages, "context left out by design is counted, not told line by line");
    }

    @Test
    void mispAttributesThatAreNotForDetectionOrDeletedAreSkipped() throws IOException {
        loader.load(List.of(file("event.json", """
                {"Event": {"info": "x", "Tag": [{"name": "kill-chain:Command and Control"}], "Attribute": [
                  {"uuid": "a1", "type": "ip-dst", "category": "Network activity", "to_ids": true, "value": "192.0.2.10"},
                  {"uuid": "a2", "type": "ip-dst", "category": "Network activity", "to_ids": false, "value": "192.0.2.11"},
                  {"uuid": "a3", "type": "domain|ip", "category": "Network activity", "to_ids": true, "value": "c2.example|192.0.2.12"},
                  {"uuid": "a4", "type": "ip-dst|port", "category": "Network activity", "to_ids": true, "value": "192.0.2.13|99999"},
                  {"uuid": "a5", "type": "hostname", "category": "Network activity", "to_ids": true, "deleted": true, "value": "gone.example"},
                  {"uuid": "a6", "type": "ip-src", "category": "Network activity", "to_ids": "1", "value": "192.0.2.14"}
                ]}}""")));
        assertEquals("cnc", lists.addresses.lookup("192.0.2.10").category(), "the event's tag says C&C");
        assertNull(lists.addresses.lookup("192.0.2.11"));
        assertNotNull(lists.domains.lookup("c2.example"));
        assertNotNull(lists.addresses.lookup("192.0.2.12"));
        assertNull(lists.addresses.lookup("192.0.2.13"));
        assertNull(lists.domains.lookup("gone.example"));
        assertNotNull(lists.addresses.lookup("192.0.2.14"), "MISP's older exports write to_ids as \"1\"");
        assertEquals(Map.of("to_ids false (context, not for detection)", 1L, "value not address|port", 1L, "deleted attribute", 1L),
                loader.report().skipped());
        assertTrue(messages.contains("event.json: attribute a4: value not address|port; skipped"), messages.toString());
        assertTrue(messages.contains("event.json: attribute a5: deleted attribute; skipped"), messages.toString());
    }

    @Test
    void patternsBeyondTheSubsetAndRevokedIndicatorsAreSkippedByName() throws IOException {
        loader.load(List.of(file("shared.json", """
                {"type": "bundle", "id": "bundle--1", "objects": [
                  {"type": "indicator", "id": "indicator--ok", "pattern_type": "stix", "pattern": "[ipv4-addr:value = '203.0.113.7']"},
                  {"type": "indicator", "id": "indicator--seq", "pattern_type": "stix",
                   "pattern": "[ipv4-addr:value = '203.0.113.8'] FOLLOWEDBY [domain-name:value = 'x.example']"},
                  {"type": "indicator", "id": "indicator--and", "pattern_type": "stix",
                   "pattern": "[ipv4-addr:value = '203.0.113.9' AND network-traffic:dst_port = 80]"},
                  {"type": "indicator", "id": "indicator--hash", "pattern_type": "stix", "pattern": "[file:hashes.MD5 = 'abc']"},
                  {"type": "indicator", "id": "indicator--old", "pattern_type": "stix", "revoked": true,
                   "pattern": "[ipv4-addr:value = '203.0.113.10']"},
                  {"type": "indicator", "id": "indicator--snort", "pattern_type": "snort", "pattern": "alert ip any any -> any any"},
                  {"type": "indicator", "id": "indicator--net", "pattern_type": "stix", "confidence": 40,
                   "pattern": "[ipv4-addr:value = '198.51.100.0/24']"},
                  {"type": "indicator", "id": "indicator--conf", "pattern_type": "stix", "confidence": "high",
                   "pattern": "[ipv4-addr:value = '203.0.113.11']"},
                  {"type": "indicator", "id": "indicator--all", "pattern_type": "stix",
                   "pattern": "[ipv4-addr:value = '0.0.0.0/0'] OR [ipv6-addr:value = '::/0']"},
                  {"type": "indicator", "id": "indicator--inject", "pattern_type": "stix",
                   "pattern": "[domain-name:value = 'x.example\\\\'] OR [ipv4-addr:value = \\\\'1.1.1.1']"}
                ]}""")));
        assertNull(lists.addresses.lookup("8.8.8.8"), "nobody lists the whole Internet");
        assertNull(lists.addresses.lookup("1.1.1.1"), "an escaped quote does not end the literal");
        assertEquals(0.8, lists.addresses.lookup("203.0.113.7").confidence(), 1e-6, "no confidence, no C&C: 0.8");
        assertEquals(0.4, lists.addresses.lookup("198.51.100.77").confidence(), 1e-6, "a prefix, with its confidence");
        for (String skipped : List.of("203.0.113.8", "203.0.113.9", "203.0.113.10", "203.0.113.11")) {
            assertNull(lists.addresses.lookup(skipped), skipped);
        }
        assertEquals(8, loader.report().skippedTotal(), messages.toString());
        for (String id : List.of("indicator--seq", "indicator--and", "indicator--hash", "indicator--old", "indicator--snort",
                "indicator--conf", "indicator--all", "indicator--inject")) {
            assertTrue(messages.stream().anyMatch(m -> m.startsWith("shared.json: " + id + ": ")), id + " " + messages);
        }
    }

    @Test
    void sharedIndicatorsOnAWarningListAreSkippedWhateverTheFileOrder() throws IOException {
        Path bundle = file("bundle.json", """
                {"type": "bundle", "id": "bundle--2", "objects": [
                  {"type": "indicator", "id": "indicator--dns", "pattern_type": "stix", "pattern": "[ipv4-addr:value = '8.8.8.8']"},
                  {"type": "indicator", "id": "indicator--bad", "pattern_type": "stix", "pattern": "[ipv4-addr:value = '192.0.2.99']"}
                ]}""");
        loader.load(List.of(bundle, Corpus.file("misp-warninglists/lists/public-dns-v4/list.json")));
        assertNull(lists.addresses.lookup("8.8.8.8"));
        assertNotNull(lists.addresses.lookup("192.0.2.99"));
        assertEquals(Map.of("on a warning list", 1L), loader.report().skipped());
        assertNotNull(lists.allow.address("8.8.4.4"));
        assertTrue(loader.report().allowEntries() > 10);
    }

    @Test
    void warningListsOfEveryNetworkTypeAndNoneOfOthers() throws IOException {
        loader.load(List.of(
                file("hosts.json", "{\"name\": \"cdn\", \"type\": \"hostname\", \"list\": [\"cdn.example\", \".static.example\", 7]}"),
                file("strings.json", "{\"name\": \"s\", \"type\": \"string\", \"list\": [\"exact.example\", \"192.0.2.200\"]}"),
                file("subs.json", "{\"name\": \"sub\", \"type\": \"substring\", \"list\": [\"sandbox\"]}"),
                file("re.json", "{\"name\": \"re\", \"type\": \"regex\", \"list\": [\"/^safe[0-9]+\\\\.example$/i\", \"/(a/\"]}"),
                file("mail.json", "{\"name\": \"mail\", \"type\": \"regex\", \"matching_attributes\": [\"email-src\"], "
                        + "\"list\": [\"/.*/\"]}")));
        assertNotNull(lists.allow.name("a.cdn.example"));
        assertNotNull(lists.allow.name("x.static.example"));
        assertNotNull(lists.allow.name("exact.example"));
        assertNull(lists.allow.name("sub.exact.example"), "string means the exact value");
        assertNotNull(lists.allow.address("192.0.2.200"));
        assertNotNull(lists.allow.name("my-sandbox.example"));
        assertNotNull(lists.allow.name("SAFE42.example"));
        assertNull(lists.allow.name("evil.example"), "the email list is not used for names");
        assertEquals(Map.of("warning-list entry not a short string", 1L, "warning-list regex not supported", 1L,
                "warning list for no network attribute type", 1L), loader.report().skipped());
    }

    @Test
    void theDetectorNeverReportsAnAllowListedPeer() throws IOException {
        loader.load(List.of(
                file("bundle.json", """
                        {"type": "bundle", "id": "bundle--3", "objects": [
                          {"type": "indicator", "id": "indicator--a", "pattern_type": "stix", "pattern": "[ipv4-addr:value = '109.196.130.0/24']"}
                        ]}"""),
                file("allow.json", "{\"name\": \"ours\", \"type\": \"cidr\", \"list\": [\"109.196.130.50/32\"]}")));
        Path pcap = dir.resolve("two.pcap");
        FrameBuilder fb = new FrameBuilder();
        int host = Captures.ip("10.0.0.5");
        try (OutputStream os = Files.newOutputStream(pcap);
             PcapWriter w = new PcapWriter(os, 1, ByteOrder.LITTLE_ENDIAN, false, 65_535, false)) {
            long t = 1_209_369_600_000_000_000L;
            for (String peer : List.of("109.196.130.50", "109.196.130.51")) {
                int p = Captures.ip(peer);
                w.write(t, fb.frame(), fb.tcp4(host, p, 40_000, 443, 1, 0, FrameBuilder.SYN, 1000, null, 0));
                w.write(t + 1_000_000, fb.frame(), fb.tcp4(p, host, 443, 40_000, 7, 2, FrameBuilder.SYN | FrameBuilder.ACK, 1000, null, 0));
                t += 60_000_000_000L;
            }
        }
        EventCollector out = Pipelines.run(List.of(pcap), a -> Detectors.addDefaults(a, Pipelines.options(), lists));
        List<String> peers = out.of(EvidenceEvent.class).stream().filter(e -> e.method().equals("blacklist")).map(EvidenceEvent::peer)
                .toList();
        assertEquals(List.of("109.196.130.51"), peers, "the allow-listed .50 is in the listed /24 but never evidence");
    }

    @Test
    void badFilesGiveOneClearLineEachAndNoException() throws IOException {
        Path huge = dir.resolve("huge.json");
        try (RandomAccessFile f = new RandomAccessFile(huge.toFile(), "rw")) {
            f.setLength(IntelJson.MAX_BYTES + 1); // sparse: costs no disk
        }
        loader.load(List.of(
                file("broken.json", "{\"type\": \"bundle\", \"objects\": [ {\"type\": "),
                file("deep.json", "[".repeat(5_000) + "]".repeat(5_000)),
                file("other.json", "{\"hello\": \"world\"}"),
                file("dup.json", "{\"type\": \"bundle\", \"type\": \"bundle\"}"),
                file("types.json", "{\"type\": \"bundle\", \"id\": 5, \"objects\": [7, {\"type\": \"indicator\", \"id\": 9, "
                        + "\"pattern_type\": \"stix\", \"pattern\": 5}, {\"type\": \"relationship\", \"source_ref\": []}]}"),
                file("misp-types.json", "{\"Event\": {\"Attribute\": [3, {\"type\": 1, \"value\": []}], \"Object\": \"x\"}}"),
                huge,
                dir.resolve("missing.json")));
        assertEquals(6, loader.report().badFiles(), messages.toString());
        for (String name : List.of("broken.json", "deep.json", "other.json", "dup.json", "huge.json", "missing.json")) {
            List<String> about = messages.stream().filter(m -> m.contains(name)).toList();
            assertEquals(1, about.size(), name + ": " + messages);
            assertTrue(about.get(0).endsWith("; file not used") && !about.get(0).contains("\n"), about.get(0));
        }
        assertEquals(0, loader.report().indicators());
        assertTrue(messages.stream().anyMatch(m -> m.startsWith("types.json: objects[1]: pattern not supported: empty pattern")),
                messages.toString());
        assertTrue(messages.stream().anyMatch(m -> m.startsWith("misp-types.json: attribute: attribute without a string type")),
                messages.toString());
    }
}
