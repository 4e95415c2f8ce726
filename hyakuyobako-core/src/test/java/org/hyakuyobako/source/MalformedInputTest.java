package org.hyakuyobako.source;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;
import java.util.Random;
import org.hyakuyobako.decode.LinkType;
import org.hyakuyobako.generate.FrameBuilder;
import org.hyakuyobako.generate.PcapWriter;
import org.hyakuyobako.generate.PcapngWriter;
import org.hyakuyobako.testing.Captures;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Every kind of damage a capture can carry: each gives a one-line message with file and offset,
 * is counted by reason, and the good packets around it are still read.
 */
class MalformedInputTest {
    @TempDir
    Path dir;

    private static final long T0 = 1_209_369_600_000_000_000L;

    /** A valid pcap of {@code n} UDP packets, as bytes; records are 16 + 50 bytes each. */
    private static byte[] pcap(int n, int snaplen) throws IOException {
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        FrameBuilder fb = new FrameBuilder();
        try (PcapWriter w = new PcapWriter(bytes, LinkType.ETHERNET, ByteOrder.LITTLE_ENDIAN, false, snaplen, false)) {
            for (int i = 0; i < n; i++) {
                int len = fb.udp4(Captures.ip("10.0.0.1"), Captures.ip("192.0.2.7"), 5000 + i, 53, null, 8);
                w.write(T0 + i * 1_000_000L, fb.frame(), len);
            }
        }
        return bytes.toByteArray();
    }

    private static final int RECORD = 16 + 50;

    private Path file(String name, byte[] content) throws IOException {
        Path p = dir.resolve(name);
        Files.write(p, content);
        return p;
    }

    private static byte[] concat(byte[]... parts) {
        int n = 0;
        for (byte[] p : parts) {
            n += p.length;
        }
        byte[] out = new byte[n];
        int o = 0;
        for (byte[] p : parts) {
            System.arraycopy(p, 0, out, o, p.length);
            o += p.length;
        }
        return out;
    }

    @Test
    void emptyFile() throws IOException {
        Path f = file("empty.pcap", new byte[0]);
        Captures.RecordingDiagnostics rd = new Captures.RecordingDiagnostics();
        assertEquals(0, Captures.readAll(f, rd.diagnostics).size());
        assertEquals(1, rd.diagnostics.count(SkipReason.EMPTY_FILE));
        assertTrue(rd.messages().contains(f + ": empty_file: the file is empty"), rd.messages());
    }

    @Test
    void notACapture() throws IOException {
        Path f = file("notes.txt", "hello, this is not a pcap\n".getBytes());
        Captures.RecordingDiagnostics rd = new Captures.RecordingDiagnostics();
        assertEquals(0, Captures.readAll(f, rd.diagnostics).size());
        assertEquals(1, rd.diagnostics.count(SkipReason.NOT_A_CAPTURE));
        assertTrue(rd.messages().contains(f + ": offset 0: not_a_capture"), rd.messages());
    }

    @Test
    void fileHeaderCutShort() throws IOException {
        Path f = file("short.pcap", Arrays.copyOf(pcap(1, 65_535), 10));
        Captures.RecordingDiagnostics rd = new Captures.RecordingDiagnostics();
        assertEquals(0, Captures.readAll(f, rd.diagnostics).size());
        assertEquals(1, rd.diagnostics.count(SkipReason.TRUNCATED_RECORD));
        assertTrue(rd.messages().contains("pcap file header is cut short (10 of 24 bytes)"), rd.messages());
    }

    @Test
    void truncatedLastRecordKeepsTheOthers() throws IOException {
        byte[] whole = pcap(10, 65_535);
        Path f = file("truncated.pcap", Arrays.copyOf(whole, whole.length - 20));
        Captures.RecordingDiagnostics rd = new Captures.RecordingDiagnostics();
        assertEquals(9, Captures.readAll(f, rd.diagnostics).size());
        assertEquals(1, rd.diagnostics.count(SkipReason.TRUNCATED_RECORD));
        long offset = 24 + 9L * RECORD;
        assertTrue(rd.messages().contains(f + ": offset " + offset + ": truncated_record: record needs 50 bytes, 30 remain"),
                rd.messages());
    }

    @Test
    void recordHeaderCutShort() throws IOException {
        byte[] whole = pcap(3, 65_535);
        Path f = file("cut-header.pcap", concat(whole, new byte[] {1, 2, 3, 4, 5}));
        Captures.RecordingDiagnostics rd = new Captures.RecordingDiagnostics();
        assertEquals(3, Captures.readAll(f, rd.diagnostics).size());
        assertTrue(rd.messages().contains("file ends inside a record header (5 of 16 bytes)"), rd.messages());
    }

    @Test
    void capturedLengthBeyondSnaplenIsKeptAndCounted() throws IOException {
        Path f = file("snaplen.pcap", pcap(4, 40));
        Captures.RecordingDiagnostics rd = new Captures.RecordingDiagnostics();
        assertEquals(4, Captures.readAll(f, rd.diagnostics).size());
        assertEquals(4, rd.diagnostics.count(SkipReason.CAPLEN_OVER_SNAPLEN));
        assertTrue(rd.messages().contains("captured length 50 exceeds the snapshot length 40; packet kept"), rd.messages());
    }

    @Test
    void garbageAfterTheHeaderThenGoodRecords() throws IOException {
        byte[] good = pcap(20, 65_535);
        byte[] garbage = new byte[777];
        new Random(7).nextBytes(garbage);
        // Header, garbage, then the 20 good records.
        byte[] content = concat(Arrays.copyOf(good, 24), garbage, Arrays.copyOfRange(good, 24, good.length));
        Path f = file("garbage.pcap", content);
        Captures.RecordingDiagnostics rd = new Captures.RecordingDiagnostics();
        List<Captures.Packet> packets = Captures.readAll(f, rd.diagnostics);
        assertEquals(20, packets.size(), rd.messages());
        assertEquals(T0, packets.get(0).timestampNanos());
        assertEquals(1, rd.diagnostics.count(SkipReason.BAD_RECORD_HEADER));
        assertEquals(777, rd.diagnostics.count(SkipReason.RESYNC_SKIPPED_BYTES));
        assertTrue(rd.messages().contains(f + ": offset 24: bad_record_header: impossible record lengths"), rd.messages());
    }

    @Test
    void absurdRecordLengthInTheMiddle() throws IOException {
        byte[] content = pcap(10, 65_535);
        // Record 5's captured length becomes 0x7fffffff.
        int rec5 = 24 + 5 * RECORD;
        ByteBuffer.wrap(content).order(ByteOrder.LITTLE_ENDIAN).putInt(rec5 + 8, Integer.MAX_VALUE);
        Path f = file("absurd.pcap", content);
        Captures.RecordingDiagnostics rd = new Captures.RecordingDiagnostics();
        List<Captures.Packet> packets = Captures.readAll(f, rd.diagnostics);
        assertEquals(9, packets.size(), rd.messages());
        assertEquals(T0 + 6_000_000L, packets.get(5).timestampNanos(), "the packet after the damage is read");
        assertTrue(rd.messages().contains(f + ": offset " + rec5 + ": bad_record_header"), rd.messages());
        assertEquals(RECORD, rd.diagnostics.count(SkipReason.RESYNC_SKIPPED_BYTES));
    }

    @Test
    void garbageToTheEndIsReportedOnce() throws IOException {
        byte[] good = pcap(2, 65_535);
        byte[] garbage = new byte[5000];
        Arrays.fill(garbage, (byte) 0xFF);
        Path f = file("tail-garbage.pcap", concat(good, garbage));
        Captures.RecordingDiagnostics rd = new Captures.RecordingDiagnostics();
        assertEquals(2, Captures.readAll(f, rd.diagnostics).size());
        assertEquals(5000, rd.diagnostics.count(SkipReason.RESYNC_SKIPPED_BYTES));
        assertTrue(rd.messages().contains("no valid record found after the damage; rest of the file skipped"), rd.messages());
    }

    @Test
    void pcapngBlockWithImpossibleLengthThenGoodBlocks() throws IOException {
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        FrameBuilder fb = new FrameBuilder();
        int len = fb.udp4(Captures.ip("10.0.0.1"), Captures.ip("192.0.2.7"), 5000, 53, null, 8);
        try (PcapngWriter w = new PcapngWriter(bytes, ByteOrder.LITTLE_ENDIAN)) {
            w.addInterface(LinkType.ETHERNET, 65_535, 6);
            for (int i = 0; i < 6; i++) {
                w.writeEnhanced(0, T0 + i * 1000L, fb.frame(), len, len);
            }
        }
        byte[] content = bytes.toByteArray();
        int firstEpb = 28 + 32;
        int epbLength = 32 + ((len + 3) & ~3);
        int third = firstEpb + 2 * epbLength;
        ByteBuffer.wrap(content).order(ByteOrder.LITTLE_ENDIAN).putInt(third + 4, 13); // not a multiple of 4
        Path f = file("bad-block.pcapng", content);
        Captures.RecordingDiagnostics rd = new Captures.RecordingDiagnostics();
        List<Captures.Packet> packets = Captures.readAll(f, rd.diagnostics);
        assertEquals(5, packets.size(), rd.messages());
        assertTrue(rd.messages().contains(f + ": offset " + third + ": bad_pcapng_block: block type 6 has impossible length 13"),
                rd.messages());
        assertEquals(epbLength, rd.diagnostics.count(SkipReason.RESYNC_SKIPPED_BYTES));
    }

    @Test
    void pcapngTruncatedInTheLastBlock() throws IOException {
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        FrameBuilder fb = new FrameBuilder();
        int len = fb.udp4(Captures.ip("10.0.0.1"), Captures.ip("192.0.2.7"), 5000, 53, null, 8);
        try (PcapngWriter w = new PcapngWriter(bytes, ByteOrder.BIG_ENDIAN)) {
            w.addInterface(LinkType.ETHERNET, 65_535, 6);
            for (int i = 0; i < 3; i++) {
                w.writeEnhanced(0, T0 + i * 1000L, fb.frame(), len, len);
            }
        }
        byte[] content = bytes.toByteArray();
        Path f = file("cut.pcapng", Arrays.copyOf(content, content.length - 10));
        Captures.RecordingDiagnostics rd = new Captures.RecordingDiagnostics();
        assertEquals(2, Captures.readAll(f, rd.diagnostics).size());
        assertEquals(1, rd.diagnostics.count(SkipReason.TRUNCATED_RECORD));
        assertTrue(rd.messages().contains("truncated_record: block needs"), rd.messages());
    }

    @Test
    void packetNamingAnUndescribedInterfaceIsSkipped() throws IOException {
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        FrameBuilder fb = new FrameBuilder();
        int len = fb.udp4(Captures.ip("10.0.0.1"), Captures.ip("192.0.2.7"), 5000, 53, null, 8);
        try (PcapngWriter w = new PcapngWriter(bytes, ByteOrder.LITTLE_ENDIAN)) {
            w.addInterface(LinkType.ETHERNET, 65_535, 6);
            w.writeEnhanced(0, T0, fb.frame(), len, len);
        }
        byte[] content = bytes.toByteArray();
        ByteBuffer.wrap(content).order(ByteOrder.LITTLE_ENDIAN).putInt(28 + 32 + 8, 3);
        byte[] twice = concat(content, Arrays.copyOfRange(bytes.toByteArray(), 28 + 32, content.length));
        Path f = file("bad-interface.pcapng", twice);
        Captures.RecordingDiagnostics rd = new Captures.RecordingDiagnostics();
        assertEquals(1, Captures.readAll(f, rd.diagnostics).size());
        assertEquals(1, rd.diagnostics.count(SkipReason.UNKNOWN_INTERFACE));
    }

    @Test
    void messagesPerReasonAreBoundedButEverythingIsCounted() throws IOException {
        Path f = file("snaplen-many.pcap", pcap(50, 40));
        Captures.RecordingDiagnostics rd = new Captures.RecordingDiagnostics();
        assertEquals(50, Captures.readAll(f, rd.diagnostics).size());
        assertEquals(50, rd.diagnostics.count(SkipReason.CAPLEN_OVER_SNAPLEN));
        long lines = rd.messages().lines().count();
        assertEquals(InputDiagnostics.MESSAGES_PER_REASON, lines);
    }
}
