package org.hyakuyobako.pipeline;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.file.Path;
import java.util.List;
import org.hyakuyobako.decode.IpAddresses;
import org.hyakuyobako.detect.Detectors;
import org.hyakuyobako.event.FlowEvent;
import org.hyakuyobako.event.StatsEvent;
import org.hyakuyobako.event.SyncEvent;
import org.hyakuyobako.generate.FrameBuilder;
import org.hyakuyobako.generate.PcapWriter;
import org.hyakuyobako.testing.EventCollector;
import org.hyakuyobako.testing.Pipelines;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** A capture of a NetFlow exporter's datagrams is read as the flows inside them, not as UDP packets. */
class NetFlowExportCaptureTest {
    static final long EXPORT_SECONDS = 1_714_557_600L; // 2024-05-01 10:00:00 UTC

    @TempDir
    Path dir;

    /** One v5 datagram: the given inside hosts each reach 192.0.2.66:8080, {@code round} minutes after the export start. */
    private static byte[] v5(int round, int hosts) {
        ByteBuffer b = ByteBuffer.allocate(24 + 48 * hosts);
        int exportSeconds = (int) (EXPORT_SECONDS + 60L * round);
        b.putShort((short) 5).putShort((short) hosts).putInt(100_000).putInt(exportSeconds).putInt(0).putInt(round)
                .put((byte) 0).put((byte) 0).putShort((short) 0);
        for (int h = 1; h <= hosts; h++) {
            b.putInt(IpAddresses.parseV4("10.0.0." + h)).putInt(IpAddresses.parseV4("192.0.2.66")).putInt(0).putShort((short) 1)
                    .putShort((short) 2).putInt(4).putInt(400).putInt(99_000).putInt(99_200).putShort((short) (40_000 + round * 10 + h))
                    .putShort((short) 8080).put((byte) 0).put((byte) 0x1b).put((byte) 6).put((byte) 0).putShort((short) 0)
                    .putShort((short) 0).put((byte) 24).put((byte) 24).putShort((short) 0);
        }
        return b.array();
    }

    private Path capture(String name, int dnsPacketsPerExport) throws IOException {
        Path file = dir.resolve(name);
        FrameBuilder f = new FrameBuilder();
        int exporter = IpAddresses.parseV4("198.51.100.1");
        int collector = IpAddresses.parseV4("198.51.100.2");
        try (PcapWriter out = new PcapWriter(file, 1)) {
            for (int round = 0; round < 5; round++) {
                long t = (EXPORT_SECONDS + 60L * round) * 1_000_000_000L;
                byte[] payload = v5(round, 3);
                int n = f.udp4(exporter, collector, 50_000, 2055, payload, payload.length);
                out.write(t, f.frame(), n, n);
                for (int i = 0; i < dnsPacketsPerExport; i++) {
                    byte[] dns = new byte[40];
                    int m = f.udp4(IpAddresses.parseV4("10.0.0.50"), IpAddresses.parseV4("192.0.2.53"), 33_000 + i, 53, dns, dns.length);
                    out.write(t + i, f.frame(), m, m);
                }
            }
        }
        return file;
    }

    @Test
    void anExportCaptureBecomesTheFlowsInside() throws IOException {
        Path file = capture("exports.pcap", 0);
        assertTrue(FlowInputs.isFlowInput(file));
        EventCollector out = Pipelines.run(List.of(file), a -> Detectors.addDefaults(a, Pipelines.options()));
        List<FlowEvent> flows = out.of(FlowEvent.class);
        assertEquals(15, flows.size(), "the records inside, not the 5 export datagrams");
        assertTrue(flows.stream().allMatch(e -> e.flow().destIp().equals("192.0.2.66") && e.flow().destPort() == 8080));
        assertTrue(out.of(SyncEvent.class).stream().anyMatch(s -> s.externalIp().equals("192.0.2.66") && s.hosts().size() == 3),
                "the three exporters' hosts acting together: " + out.of(SyncEvent.class));
        StatsEvent stats = out.of(StatsEvent.class).get(0);
        assertEquals(5L, stats.counters().get("netflow.export_datagrams"));
        assertEquals(15L, stats.counters().get("netflow.records"));
    }

    @Test
    void aCaptureWithSomeExportTrafficAmongOtherPacketsStaysACapture() throws IOException {
        Path file = capture("mixed.pcap", 3);
        assertFalse(FlowInputs.isFlowInput(file), "a quarter export datagrams: packets to analyse");
        Path example = Path.of(System.getProperty("hyakuyobako.root", "..")).resolve("examples/honeypot-a.pcap");
        assertTrue(java.nio.file.Files.isRegularFile(example));
        assertFalse(FlowInputs.isFlowInput(example));
    }

    /** Every capture of the shared corpus (DNS-heavy, QUIC, SNMP, syslog over UDP among them) stays a capture. */
    @Test
    void noCorpusCaptureIsTakenForAnExportCapture() throws IOException {
        List<Path> captures;
        try (var files = java.nio.file.Files.walk(org.hyakuyobako.testing.Corpus.root())) {
            captures = files.filter(p -> p.getFileName().toString().matches(".*\\.pcap(ng)?(\\.gz)?$")).toList();
        }
        assertTrue(captures.size() > 20, "the corpus is there: " + captures.size());
        for (Path p : captures) {
            assertFalse(FlowInputs.isFlowInput(p), p.toString());
        }
    }
}
