package org.hyakuyobako.source;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.io.OutputStream;
import java.nio.ByteOrder;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.hyakuyobako.decode.LinkType;
import org.hyakuyobako.generate.FrameBuilder;
import org.hyakuyobako.generate.PcapWriter;
import org.hyakuyobako.generate.PcapngWriter;
import org.hyakuyobako.testing.Captures;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class MergedPacketSourceTest {
    @TempDir
    Path dir;

    private static final long T0 = 1_209_369_600_000_000_000L;

    /** Writes packets at the given millisecond offsets; the UDP source port carries the offset. */
    private Path pcap(String name, int... millis) throws IOException {
        Path f = dir.resolve(name);
        FrameBuilder fb = new FrameBuilder();
        try (OutputStream os = Files.newOutputStream(f);
             PcapWriter w = new PcapWriter(os, LinkType.ETHERNET, ByteOrder.BIG_ENDIAN, true, 65_535, name.endsWith(".gz"))) {
            for (int ms : millis) {
                int len = fb.udp4(Captures.ip("10.0.0.1"), Captures.ip("192.0.2.1"), ms, 53, null, 0);
                w.write(T0 + ms * 1_000_000L, fb.frame(), len);
            }
        }
        return f;
    }

    private Path pcapng(String name, int... millis) throws IOException {
        Path f = dir.resolve(name);
        FrameBuilder fb = new FrameBuilder();
        try (OutputStream os = Files.newOutputStream(f); PcapngWriter w = new PcapngWriter(os, ByteOrder.LITTLE_ENDIAN)) {
            w.addInterface(LinkType.ETHERNET, 65_535, 9);
            for (int ms : millis) {
                int len = fb.udp4(Captures.ip("10.0.0.2"), Captures.ip("192.0.2.1"), ms, 53, null, 0);
                w.writeEnhanced(0, T0 + ms * 1_000_000L, fb.frame(), len, len);
            }
        }
        return f;
    }

    @Test
    void mergesSeveralFilesOfSeveralSensorsOnPacketTime() throws IOException {
        // Sensor 0 has two consecutive files; sensor 1 one pcapng and one gzip file.
        List<CaptureInput> inputs = List.of(
                new CaptureInput(pcap("a1.pcap", 0, 30, 60), 0, 0),
                new CaptureInput(pcap("a2.pcap", 90, 120), 0, 1),
                new CaptureInput(pcapng("b1.pcapng", 10, 30, 70, 130), 1, 2),
                new CaptureInput(pcap("b2.pcap.gz", 5, 200), 1, 3));
        List<long[]> seen = new ArrayList<>();
        try (MergedPacketSource source = new MergedPacketSource(inputs, InputDiagnostics.silent())) {
            PacketRecord r;
            while ((r = source.next()) != null) {
                int port = r.buffer.getShort(r.offset + 34) & 0xFFFF;
                seen.add(new long[] {r.timestampNanos, r.sensorId, r.fileId, port});
            }
        }
        int[] expectedMillis = {0, 5, 10, 30, 30, 60, 70, 90, 120, 130, 200};
        int[] expectedSensor = {0, 1, 1, 0, 1, 0, 1, 0, 0, 1, 1};
        assertEquals(expectedMillis.length, seen.size());
        for (int i = 0; i < seen.size(); i++) {
            assertEquals(T0 + expectedMillis[i] * 1_000_000L, seen.get(i)[0], "time of packet " + i);
            assertEquals(expectedSensor[i], seen.get(i)[1], "sensor of packet " + i);
            assertEquals(expectedMillis[i], seen.get(i)[3], "the packet's own bytes travel with it");
        }
        // The tie at 30 ms goes to the earlier file (file 0 before file 2).
        assertEquals(0, seen.get(3)[2]);
        assertEquals(2, seen.get(4)[2]);
    }

    @Test
    void unusableFilesAreLeftOutAndTheRestIsRead() throws IOException {
        Path bad = dir.resolve("bad.pcap");
        Files.writeString(bad, "not a capture");
        List<CaptureInput> inputs = List.of(new CaptureInput(bad, 0, 0), new CaptureInput(pcap("ok.pcap", 1, 2, 3), 1, 1),
                new CaptureInput(dir.resolve("missing.pcap"), 2, 2));
        Captures.RecordingDiagnostics rd = new Captures.RecordingDiagnostics();
        int n = 0;
        try (MergedPacketSource source = new MergedPacketSource(inputs, rd.diagnostics)) {
            while (source.next() != null) {
                n++;
            }
            assertEquals(1, source.openedInputs().size());
        }
        assertEquals(3, n);
        assertTrue(rd.messages().contains("missing.pcap: unreadable_file: no such file"), rd.messages());
        assertTrue(rd.messages().contains("bad.pcap: offset 0: not_a_capture"), rd.messages());
    }

    @Test
    void memoryIsBoundedByFilesNotPackets() throws IOException {
        // 200 open files, each with many packets: the merge holds one current packet per file.
        List<CaptureInput> inputs = new ArrayList<>();
        for (int i = 0; i < 200; i++) {
            int[] ms = new int[50];
            for (int j = 0; j < ms.length; j++) {
                ms[j] = j * 200 + i;
            }
            inputs.add(new CaptureInput(pcap("f" + i + ".pcap", ms), i % 7, i));
        }
        long last = Long.MIN_VALUE;
        int n = 0;
        try (MergedPacketSource source = new MergedPacketSource(inputs, InputDiagnostics.silent())) {
            PacketRecord r;
            while ((r = source.next()) != null) {
                assertTrue(r.timestampNanos >= last, "ordered");
                last = r.timestampNanos;
                n++;
            }
        }
        assertEquals(200 * 50, n);
    }
}
