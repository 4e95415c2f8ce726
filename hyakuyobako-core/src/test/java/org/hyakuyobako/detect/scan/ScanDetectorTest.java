package org.hyakuyobako.detect.scan;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Path;
import java.util.List;
import org.hyakuyobako.decode.IpAddresses;
import org.hyakuyobako.detect.Detectors;
import org.hyakuyobako.event.EvidenceEvent;
import org.hyakuyobako.event.ScanEvent;
import org.hyakuyobako.generate.FrameBuilder;
import org.hyakuyobako.generate.PcapWriter;
import org.hyakuyobako.net.Cidr;
import org.hyakuyobako.net.HomeNet;
import org.hyakuyobako.testing.Corpus;
import org.hyakuyobako.testing.EventCollector;
import org.hyakuyobako.testing.Pipelines;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** Scans (D6): each corpus scanner with its kind, the address-generation rule, direction, darknet. */
class ScanDetectorTest {
    static final long MS = 1_000_000L;

    @TempDir
    Path dir;

    private static EventCollector analyse(Path capture, HomeNet net, List<Cidr> darknet) throws IOException {
        return Pipelines.run(List.of(capture), a -> Detectors.addDefaults(a, Pipelines.options().withHomeNet(net).withDarknet(darknet)));
    }

    @ParameterizedTest
    @CsvSource({
        "ndpi/synscan.pcap, 172.16.0.8, vertical, 1000",
        "ndpi/tcp_scan.pcapng, 192.168.1.178, vertical, 7",
        "ppa/portscan.pcap, 10.100.25.14, vertical, 29",
        "slips/test12-icmp-portscan.pcap, 192.168.1.109, icmp_sweep, 18",
        "slips/test8-malicious-arpscan.pcap, 192.168.1.247, arp_sweep, 255",
        "zeek/nmap-vsn.pcap, 192.168.1.71, arp_sweep, 245"
    })
    void corpusScannersAreFoundWithTheirKind(String capture, String scanner, String kind, int size) throws IOException {
        EventCollector out = analyse(Corpus.file(capture), HomeNet.privateRanges(), List.of());
        List<ScanEvent> scans = out.of(ScanEvent.class);
        ScanEvent s = scans.stream().filter(x -> x.scanner().equals(scanner) && x.kind().equals(kind)).findFirst()
                .orElseThrow(() -> new AssertionError(capture + ": " + scans));
        assertEquals(size, kind.equals("vertical") ? s.ports() : s.targets(), s.toString());
        List<EvidenceEvent> evidence = out.of(EvidenceEvent.class).stream().filter(e -> e.method().equals("scan")).toList();
        assertTrue(evidence.stream().anyMatch(e -> e.host().equals(scanner) && e.score() >= 0.7), evidence.toString());
        assertTrue(scans.stream().allMatch(x -> x.scanner().equals(scanner)), "nobody else is a scanner: " + scans);
    }

    /** MSBlaster's rule: octets 1-3 fixed, the fourth counting up, TCP/135, every 20 ms; and a darknet probe. */
    @Test
    void fourthOctetSweepIsReportedAsSuchAndDarknetProbesCount() throws IOException {
        Path capture = dir.resolve("blaster.pcap");
        FrameBuilder f = new FrameBuilder();
        int bot = IpAddresses.parseV4("10.1.2.3");
        int base = IpAddresses.parseV4("203.0.113.0");
        long t = 1_200_000_000_000_000_000L;
        try (PcapWriter w = new PcapWriter(capture, 1)) {
            for (int i = 1; i <= 60; i++) {
                int n = f.tcp4(bot, base + i, 40000 + i, 135, 1000 * i, 0, FrameBuilder.SYN, 64240, null, 0);
                w.write(t + i * 20 * MS, f.frame(), n, n);
            }
            // Someone outside scans the monitored net: an event, not evidence against anyone monitored.
            int outsider = IpAddresses.parseV4("198.51.100.77");
            for (int i = 1; i <= 12; i++) {
                int n = f.tcp4(outsider, IpAddresses.parseV4("10.1.2.0") + i, 50000, 22, 7 * i, 0, FrameBuilder.SYN, 1024, null, 0);
                w.write(t + 2_000 * MS + i * MS, f.frame(), n, n);
            }
        }
        EventCollector out = analyse(capture, HomeNet.privateRanges(), List.of(Cidr.parse("203.0.113.0/26")));
        ScanEvent sweep = out.of(ScanEvent.class).stream().filter(s -> s.kind().equals("horizontal") && s.scanner().equals("10.1.2.3"))
                .findFirst().orElseThrow();
        assertEquals("tcp/135", sweep.service());
        assertEquals(60, sweep.targets());
        assertEquals("outbound", sweep.direction());
        assertEquals("octets 1-3 fixed, octet 4 sweeping up 1→60 (203.0.113.x)", sweep.rule());
        assertTrue(sweep.regular(), "one probe every 20 ms");
        assertEquals(20.0, sweep.intervalMedianNanos() / 1e6, 0.01);
        ScanEvent inbound = out.of(ScanEvent.class).stream().filter(s -> s.scanner().equals("198.51.100.77")).findFirst().orElseThrow();
        assertEquals("inbound", inbound.direction());
        List<EvidenceEvent> evidence = out.of(EvidenceEvent.class).stream().filter(e -> e.method().equals("scan")).toList();
        assertTrue(evidence.stream().noneMatch(e -> e.host().equals("198.51.100.77")), evidence.toString());
        assertTrue(evidence.stream().anyMatch(e -> e.summary().startsWith("scans tcp/135 on 60 hosts: octets 1-3 fixed, octet 4 sweeping up")
                && e.score() >= 0.9), evidence.toString());
        assertTrue(evidence.stream().anyMatch(e -> e.summary().startsWith("probes unassigned address space (60 probes, first 203.0.113.1)")), evidence.toString());
    }

    /** People and services: the benign corpus captures hold no scanner. */
    @Test
    void benignCapturesHoldNoScan() throws IOException {
        for (String capture : List.of("zeek/smtp.pcap", "ndpi/http_connect.pcap", "arkime/irc.pcap", "ndpi/exe_download.pcap",
                "slips/test-cc-capture-1.pcap", "ndpi/emotet.pcap")) {
            EventCollector out = analyse(Corpus.file(capture), HomeNet.privateRanges(), List.of());
            assertEquals(List.of(), out.of(ScanEvent.class), capture);
        }
    }
}
