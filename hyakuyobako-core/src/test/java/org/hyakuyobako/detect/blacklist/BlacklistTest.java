package org.hyakuyobako.detect.blacklist;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.io.OutputStream;
import java.nio.ByteOrder;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.hyakuyobako.detect.Detectors;
import org.hyakuyobako.event.EvidenceEvent;
import org.hyakuyobako.generate.FrameBuilder;
import org.hyakuyobako.generate.PcapWriter;
import org.hyakuyobako.net.Cidr;
import org.hyakuyobako.testing.Captures;
import org.hyakuyobako.testing.Corpus;
import org.hyakuyobako.testing.EventCollector;
import org.hyakuyobako.testing.Pipelines;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class BlacklistTest {
    @TempDir
    Path dir;

    private final List<String> warnings = new ArrayList<>();
    private final Blacklists lists = new Blacklists();
    private final BlacklistLoader loader = new BlacklistLoader(lists, warnings::add);

    private Path file(String name, String content) throws IOException {
        Path p = dir.resolve(name);
        Files.writeString(p, content);
        return p;
    }

    @Test
    void longestPrefixWinsForIpv4AndIpv6() {
        PrefixTable t = new PrefixTable();
        t.add(Cidr.parse("10.0.0.0/8"), new ListEntry("a", "wide", "10.0.0.0/8", 1, 1));
        t.add(Cidr.parse("10.1.0.0/16"), new ListEntry("a", "narrow", "10.1.0.0/16", 1, 2));
        t.add(Cidr.parse("2001:db8::/32"), new ListEntry("a", "v6", "2001:db8::/32", 1, 3));
        assertEquals("narrow", t.lookup("10.1.2.3").category());
        assertEquals("wide", t.lookup("10.2.0.1").category());
        assertEquals("v6", t.lookup("2001:db8:1::5").category());
        assertNull(t.lookup("11.0.0.1"));
        assertNull(t.lookup("2001:db9::1"));
    }

    @Test
    void everyFormatByContentWithBadLinesReportedByLineNumber() throws IOException {
        loader.load(file("plain.txt", "# my list\n192.0.2.1\n198.51.100.0/24 ; comment\nevil.example\nnot an entry!\n"));
        loader.load(file("DROP.txt", "; Spamhaus DROP List\n203.0.113.0/24 ; SBL123\n"));
        loader.load(file("hosts", "127.0.0.1 localhost\n0.0.0.0 ads.example tracker.example\n0.0.0.0 bad_name!\n"));
        loader.load(file("feodo.csv", "# abuse.ch\n# first_seen_utc,dst_ip,dst_port,c2_status,last_online,malware\n"
                + "\"2021-01-01 00:00:00\",\"192.0.2.77\",\"447\",\"online\",\"2021-01-02\",\"TrickBot\"\nbroken\n"));
        Files.writeString(dir.resolve("categories.txt"), "1,CnC,Command and control\n2,Spam,Spammers\n");
        loader.load(file("reputation.list", "192.0.2.200,1,100\n192.0.2.201,2,notanumber\n"));
        assertEquals("blacklist", lists.addresses.lookup("192.0.2.1").category());
        assertEquals("198.51.100.0/24", lists.addresses.lookup("198.51.100.9").entry());
        assertEquals("blacklist", lists.domains.lookup("www.evil.example").category(), "parent-domain match");
        assertEquals("spamhaus-drop", lists.addresses.lookup("203.0.113.5").category());
        assertEquals("blocked-domain", lists.domains.lookup("ads.example").category());
        assertNull(lists.domains.lookup("localhost"));
        ListEntry feodo = lists.addresses.lookup("192.0.2.77");
        assertEquals("trickbot", feodo.category());
        assertEquals("feodo.csv", feodo.list());
        assertEquals(3, feodo.line());
        ListEntry iprep = lists.addresses.lookup("192.0.2.200");
        assertEquals("CnC", iprep.category(), "category name from categories.txt");
        assertEquals(100 / 127.0, iprep.confidence(), 1e-6);
        assertTrue(warnings.contains("plain.txt:5: not an address, prefix or domain: 'not an entry!'; line skipped"), warnings.toString());
        assertTrue(warnings.stream().anyMatch(w -> w.startsWith("hosts:3:")), warnings.toString());
        assertTrue(warnings.stream().anyMatch(w -> w.startsWith("feodo.csv:4:")), warnings.toString());
        assertTrue(warnings.stream().anyMatch(w -> w.startsWith("reputation.list:2:")), warnings.toString());
        assertEquals(4, loader.rejected());
    }

    @Test
    void etOpenIpRuleListsAndCompromisedIps() throws IOException {
        loader.load(Corpus.file("et-open/botcc.rules"));
        loader.load(Corpus.file("et-open/compromised-ips.txt"));
        assertEquals(List.of(), warnings);
        ListEntry cnc = lists.addresses.lookup("109.196.130.50");
        assertEquals("cnc", cnc.category());
        assertEquals("botcc.rules", cnc.list());
        assertEquals("blacklist", lists.addresses.lookup("100.10.87.157").category());
        assertTrue(lists.addresses.size() > 1_000, "entries: " + lists.addresses.size());
    }

    @Test
    void aFlowToABotccAddressBecomesEvidence() throws IOException {
        loader.load(Corpus.file("et-open/botcc.rules"));
        Path pcap = dir.resolve("to-cnc.pcap");
        FrameBuilder fb = new FrameBuilder();
        int host = Captures.ip("10.0.0.5");
        int cnc = Captures.ip("109.196.130.50");
        try (OutputStream os = Files.newOutputStream(pcap);
             PcapWriter w = new PcapWriter(os, 1, ByteOrder.LITTLE_ENDIAN, false, 65_535, false)) {
            for (int i = 0; i < 3; i++) {
                long t = 1_209_369_600_000_000_000L + i * 60_000_000_000L;
                w.write(t, fb.frame(), fb.tcp4(host, cnc, 40_000 + i, 443, 1, 0, FrameBuilder.SYN, 1000, null, 0));
                w.write(t + 1_000_000, fb.frame(), fb.tcp4(cnc, host, 443, 40_000 + i, 7, 2, FrameBuilder.SYN | FrameBuilder.ACK, 1000, null, 0));
            }
        }
        EventCollector out = Pipelines.run(List.of(pcap), a -> Detectors.addDefaults(a, Pipelines.options(), lists));
        List<EvidenceEvent> evidence = out.of(EvidenceEvent.class);
        assertEquals(1, evidence.size(), "one finding for three flows");
        EvidenceEvent e = evidence.get(0);
        assertEquals("10.0.0.5", e.host());
        assertEquals("109.196.130.50", e.peer());
        assertEquals("blacklist", e.method());
        assertTrue(e.summary().contains("listed in botcc.rules (cnc"), e.summary());
        assertTrue(e.summary().contains("in 3 flow(s)"), e.summary());
        assertEquals(3, e.references().size());
    }

    @Test
    void theMalwareCaptureIsFlaggedByTlsServerNameHttpHostAndDns() throws IOException {
        // The names nDPI's expectation for ndpi/malware.pcap lists under Hostname/SNI.
        loader.load(file("names.txt", "hobbeach.com\ninternetbadguys.com\n"));
        EventCollector out = Pipelines.run(List.of(Corpus.file("ndpi/malware.pcap")),
                a -> Detectors.addDefaults(a, Pipelines.options(), lists));
        List<String> summaries = out.of(EvidenceEvent.class).stream().map(e -> e.host() + " " + e.peer() + " " + e.summary()).toList();
        assertTrue(summaries.stream().anyMatch(x -> x.startsWith("192.168.0.20 193.109.85.123 asked for hobbeach.com (TLS SNI)")),
                summaries.toString());
        assertTrue(summaries.stream().anyMatch(x -> x.startsWith("192.168.7.7 67.215.92.210 asked for www.internetbadguys.com (TLS SNI)")),
                summaries.toString());
        assertTrue(summaries.stream().anyMatch(x -> x.contains("www.internetbadguys.com (HTTP Host)")), summaries.toString());
        assertTrue(summaries.stream().anyMatch(x -> x.contains("www.internetbadguys.com (DNS query)")), summaries.toString());
        assertTrue(out.of(EvidenceEvent.class).stream().filter(e -> e.summary().contains("(DNS "))
                .allMatch(e -> e.peer() == null), "the resolver that was asked or answered is not the listed peer");
        assertTrue(summaries.stream().anyMatch(x -> x.contains("www.internetbadguys.com (DNS answer)")), summaries.toString());
        assertEquals(5, summaries.size(), summaries.toString());
    }

    @Test
    void nameParsersRefuseDamage() {
        java.nio.ByteBuffer b = java.nio.ByteBuffer.wrap(new byte[] {0x16, 0x03, 0x01, 0x00, 0x40, 0x01, 0, 0, 0x3c, 0x03, 0x03});
        assertNull(PeerNames.tlsServerName(b, 0, b.capacity()), "ClientHello cut short");
        byte[] random = new byte[600];
        new java.util.Random(3).nextBytes(random);
        random[0] = 0x16;
        random[1] = 0x03;
        random[5] = 0x01;
        for (int cut = 0; cut <= random.length; cut += 7) {
            PeerNames.tlsServerName(java.nio.ByteBuffer.wrap(random), 0, cut);
            PeerNames.dnsQueryName(java.nio.ByteBuffer.wrap(random), 0, cut);
            PeerNames.httpHost(java.nio.ByteBuffer.wrap(random), 0, cut);
        }
        byte[] http = "GET / HTTP/1.1\r\nHost: evil.example:8080\r\n\r\n".getBytes(java.nio.charset.StandardCharsets.US_ASCII);
        assertEquals("evil.example", PeerNames.httpHost(java.nio.ByteBuffer.wrap(http), 0, http.length));
    }

    @Test
    void everyEtOpenIpRuleFileLoadsWithoutComplaint() throws IOException {
        for (String f : List.of("botcc.rules", "botcc.portgrouped.rules", "compromised.rules", "ciarmy.rules", "drop.rules",
                "dshield.rules", "tor.rules")) {
            int before = lists.addresses.size();
            loader.load(Corpus.file("et-open/" + f));
            assertTrue(lists.addresses.size() > before || f.equals("botcc.portgrouped.rules"), f + " added entries");
            // (botcc.portgrouped.rules lists the same servers as botcc.rules, one per port group.)
        }
        assertEquals(List.of(), warnings);
    }

    @Test
    void sslBlacklistAndGenericIndicatorCsv() throws IOException {
        loader.load(file("sslipblacklist.csv", "################\n# abuse.ch SSLBL\n# Firstseen,DstIP,DstPort\n"
                + "2021-03-01 10:00:00,198.51.100.44,443\n"));
        loader.load(file("iocs.csv", "type,value,threat\nip,192.0.2.99,emotet\ndomain,bad.example,phishing\nurl,http://x,spam\n"));
        assertEquals("sslipblacklist.csv", lists.addresses.lookup("198.51.100.44").list());
        assertEquals("emotet", lists.addresses.lookup("192.0.2.99").category());
        assertEquals("phishing", lists.domains.lookup("www.bad.example").category());
        assertEquals(1, warnings.size(), "the URL row is not an address or domain: " + warnings);
    }
}
