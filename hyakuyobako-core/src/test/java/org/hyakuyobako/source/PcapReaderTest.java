package org.hyakuyobako.source;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.io.OutputStream;
import java.nio.ByteOrder;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.hyakuyobako.generate.FrameBuilder;
import org.hyakuyobako.generate.PcapWriter;
import org.hyakuyobako.testing.Captures;
import org.hyakuyobako.testing.Corpus;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class PcapReaderTest {
    @TempDir
    Path dir;

    static final long T0 = 1_209_369_600_123_456_789L;

    private Path write(String name, ByteOrder order, boolean nanos, boolean gzip, int packets) throws IOException {
        Path file = dir.resolve(name);
        FrameBuilder fb = new FrameBuilder();
        try (OutputStream os = Files.newOutputStream(file);
             PcapWriter w = new PcapWriter(os, 1, order, nanos, 65_535, gzip)) {
            for (int i = 0; i < packets; i++) {
                int len = fb.udp4(Captures.ip("10.0.0.1"), Captures.ip("192.0.2.1"), 1000 + i, 53, null, i);
                w.write(T0 + i * 1_000_000_001L, fb.frame(), len);
            }
        }
        return file;
    }

    @ParameterizedTest(name = "{0}")
    @CsvSource({
        "little-endian microseconds, LITTLE_ENDIAN, false, false",
        "big-endian microseconds, BIG_ENDIAN, false, false",
        "little-endian nanoseconds, LITTLE_ENDIAN, true, false",
        "big-endian nanoseconds, BIG_ENDIAN, true, false",
        "gzip little-endian nanoseconds, LITTLE_ENDIAN, true, true",
        "gzip big-endian microseconds, BIG_ENDIAN, false, true"
    })
    void readsEveryMagicNumberAndGzip(String label, String order, boolean nanos, boolean gzip) throws IOException {
        ByteOrder bo = order.equals("BIG_ENDIAN") ? ByteOrder.BIG_ENDIAN : ByteOrder.LITTLE_ENDIAN;
        Path file = write("t.pcap" + (gzip ? ".gz" : ""), bo, nanos, gzip, 50);
        Captures.RecordingDiagnostics rd = new Captures.RecordingDiagnostics();
        List<Captures.Packet> packets = Captures.readAll(file, rd.diagnostics);
        assertEquals(50, packets.size());
        for (int i = 0; i < 50; i++) {
            Captures.Packet p = packets.get(i);
            long expected = T0 + i * 1_000_000_001L;
            long want = nanos ? expected : expected / 1000 * 1000;
            assertEquals(want, p.timestampNanos(), "timestamp of packet " + i);
            assertEquals(1, p.linkType());
            assertEquals(42 + i, p.capturedLength());
            // The UDP source port survives, so the bytes are the right ones.
            assertEquals(1000 + i, ((p.bytes()[34] & 0xFF) << 8) | (p.bytes()[35] & 0xFF));
        }
        assertEquals("", rd.messages());
        assertTrue(rd.diagnostics.nonZero().isEmpty());
    }

    @Test
    void windowRemappingKeepsRecordsThatCrossWindowEdges() throws IOException {
        Path file = write("big.pcap", ByteOrder.LITTLE_ENDIAN, false, false, 2000);
        InputDiagnostics d = InputDiagnostics.silent();
        CaptureInput input = new CaptureInput(file, 0, 0);
        // A 4 KiB window forces dozens of remaps, with records straddling each edge.
        try (PcapReader reader = PcapReader.open(new MappedCaptureBytes(file, 4096), input, d)) {
            PacketRecord r = new PacketRecord();
            int n = 0;
            while (reader.next(r)) {
                byte[] b = new byte[r.capturedLength];
                r.buffer.get(r.offset, b);
                assertEquals(1000 + n, ((b[34] & 0xFF) << 8) | (b[35] & 0xFF));
                n++;
            }
            assertEquals(2000, n);
        }
    }

    @Test
    void kuznetzovVariantWithItsLongerRecordHeader() throws IOException {
        // Magic a1b2cd34: each record header carries 8 extra bytes (ifindex, protocol, pkt_type, pad).
        java.nio.ByteBuffer b = java.nio.ByteBuffer.allocate(24 + 2 * (24 + 60)).order(ByteOrder.LITTLE_ENDIAN);
        b.putInt(0xA1B2CD34).putShort((short) 2).putShort((short) 4).putInt(0).putInt(0).putInt(65_535).putInt(1);
        for (int i = 0; i < 2; i++) {
            b.putInt(1_209_369_600 + i).putInt(250_000).putInt(60).putInt(60).putInt(3).putShort((short) 0x0800)
                    .put((byte) 0).put((byte) 0);
            byte[] frame = new byte[60];
            frame[59] = (byte) (i + 1);
            b.put(frame);
        }
        Path file = dir.resolve("kuznetzov.pcap");
        Files.write(file, b.array());
        List<Captures.Packet> packets = Captures.readAll(file, InputDiagnostics.silent());
        assertEquals(2, packets.size());
        assertEquals(1_209_369_601_250_000_000L, packets.get(1).timestampNanos());
        assertEquals(2, packets.get(1).bytes()[59]);
    }

    @Test
    void readsTheCorpusLikeNdpiDoes() throws IOException {
        List<Captures.Packet> packets = Captures.readAll(Corpus.file("ndpi/smtp.pcap"), InputDiagnostics.silent());
        assertEquals(95, packets.size());
        List<Captures.Packet> again = Captures.readAll(Corpus.file("ndpi/smtp.pcap"), InputDiagnostics.silent());
        assertArrayEquals(packets.get(7).bytes(), again.get(7).bytes());
    }
}
