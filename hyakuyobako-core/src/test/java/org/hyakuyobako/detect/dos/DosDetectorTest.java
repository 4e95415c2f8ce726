package org.hyakuyobako.detect.dos;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Path;
import java.util.List;
import org.hyakuyobako.decode.IpAddresses;
import org.hyakuyobako.detect.Detectors;
import org.hyakuyobako.event.DosEvent;
import org.hyakuyobako.event.EvidenceEvent;
import org.hyakuyobako.generate.FrameBuilder;
import org.hyakuyobako.generate.PcapWriter;
import org.hyakuyobako.testing.Corpus;
import org.hyakuyobako.testing.EventCollector;
import org.hyakuyobako.testing.Pipelines;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Floods (D6): the spoofed SYN flood of the corpus, bots flooding one victim together, scans that are not floods. */
class DosDetectorTest {
    static final long MS = 1_000_000L;

    @TempDir
    Path dir;

    private static EventCollector analyse(Path capture) throws IOException {
        return Pipelines.run(List.of(capture), a -> Detectors.addDefaults(a, Pipelines.options()));
    }

    /** Practical Packet Analysis' dosattack.pcap: 100 SYNs in 16 ms, every address and port random. */
    @Test
    void spoofedSynFloodIsFoundAtItsTrueRate() throws IOException {
        List<DosEvent> dos = analyse(Corpus.file("ppa/dosattack.pcap")).of(DosEvent.class);
        assertEquals(1, dos.size(), dos.toString());
        DosEvent d = dos.get(0);
        assertEquals("syn_flood", d.kind());
        assertEquals("random addresses", d.target(), "no destination dominates a spoofed flood");
        assertEquals(100, d.packets());
        assertTrue(d.peakPerSecond() > 5_000, String.valueOf(d.peakPerSecond()));
        assertEquals(100, d.sources());
        assertEquals(List.of(), d.monitoredSources());
    }

    @Test
    void botsFloodingOneVictimTogetherAreNamedAndAScanIsNotAFlood() throws IOException {
        Path capture = dir.resolve("ddos.pcap");
        FrameBuilder f = new FrameBuilder();
        int victim = IpAddresses.parseV4("198.51.100.80");
        long t = 1_200_000_000_000_000_000L;
        try (PcapWriter w = new PcapWriter(capture, 1)) {
            for (int i = 0; i < 200; i++) {
                for (int bot = 1; bot <= 2; bot++) {
                    int n = f.tcp4(IpAddresses.parseV4("10.0.0." + bot), victim, 1024 + i, 80, i * 7919, 0, FrameBuilder.SYN, 512, null, 0);
                    w.write(t + i * 20 * MS + bot * MS, f.frame(), n, n);
                }
                // A third host scans 200 ports of one server at the same pace: a scan, not a flood.
                int n = f.tcp4(IpAddresses.parseV4("10.0.0.9"), IpAddresses.parseV4("198.51.100.99"), 40000, 1 + i, i, 0,
                        FrameBuilder.SYN, 1024, null, 0);
                w.write(t + i * 20 * MS + 5 * MS, f.frame(), n, n);
            }
        }
        EventCollector out = analyse(capture);
        List<DosEvent> dos = out.of(DosEvent.class);
        assertEquals(1, dos.size(), dos.toString());
        assertEquals("198.51.100.80", dos.get(0).target());
        assertEquals(List.of("10.0.0.1", "10.0.0.2"), dos.get(0).monitoredSources());
        assertEquals(400, dos.get(0).packets());
        List<EvidenceEvent> e = out.of(EvidenceEvent.class).stream().filter(x -> x.method().equals("dos")).toList();
        assertEquals(2, e.size());
        assertTrue(e.stream().allMatch(x -> x.score() == 0.8 && x.peer().equals("198.51.100.80")
                && x.summary().startsWith("floods 198.51.100.80 (syn flood): 400 packets")), e.toString());
    }

    @Test
    void normalTrafficHasNoFlood() throws IOException {
        for (String capture : List.of("ndpi/synscan.pcap", "ppa/portscan.pcap", "ndpi/emotet.pcap", "slips/test-cc-capture-1.pcap",
                "zeek/smtp.pcap", "ndpi/bad-dns-traffic.pcap")) {
            assertEquals(List.of(), analyse(Corpus.file(capture)).of(DosEvent.class), capture);
        }
    }
}
