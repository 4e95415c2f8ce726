package org.hyakuyobako.source;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.io.OutputStream;
import java.nio.ByteOrder;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.zip.GZIPOutputStream;
import org.hyakuyobako.decode.LinkType;
import org.hyakuyobako.generate.FrameBuilder;
import org.hyakuyobako.generate.PcapngWriter;
import org.hyakuyobako.testing.Captures;
import org.hyakuyobako.testing.Corpus;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class PcapngReaderTest {
    @TempDir
    Path dir;

    static final long T0 = 1_209_369_600_000_000_000L;

    @Test
    void interfacesWithTheirOwnLinkTypesAndResolutions() throws IOException {
        Path file = dir.resolve("multi.pcapng");
        FrameBuilder fb = new FrameBuilder();
        int eth = fb.udp4(Captures.ip("10.0.0.1"), Captures.ip("192.0.2.1"), 1111, 53, null, 10);
        byte[] ethFrame = java.util.Arrays.copyOf(fb.frame(), eth);
        byte[] raw = java.util.Arrays.copyOfRange(ethFrame, 14, eth);
        try (OutputStream os = Files.newOutputStream(file); PcapngWriter w = new PcapngWriter(os, ByteOrder.LITTLE_ENDIAN)) {
            int micro = w.addInterface(LinkType.ETHERNET, 65_535, -1);        // default: microseconds
            int nano = w.addInterface(LinkType.RAW, 65_535, 9);               // nanoseconds
            int binary = w.addInterface(LinkType.ETHERNET, 65_535, 0x80 | 20); // 2^-20 s
            w.writeBlock(0x0BAD, new byte[] {1, 2, 3, 4, 5});                   // custom block: skipped
            w.writeEnhanced(micro, T0 + 1_000_000, ethFrame, eth, eth);
            w.writeEnhanced(nano, T0 + 2_000_000_007L, raw, raw.length, raw.length);
            w.writeBlock(5, new byte[16]);                                     // interface statistics: skipped
            w.writeEnhanced(binary, T0 + 3_000_000_000L, ethFrame, eth, eth);
            w.writeSimple(ethFrame, eth, eth);                                 // simple block: interface 0, last time
        }
        Captures.RecordingDiagnostics rd = new Captures.RecordingDiagnostics();
        List<Captures.Packet> packets = Captures.readAll(file, rd.diagnostics);
        assertEquals(4, packets.size(), rd.messages());
        assertEquals(T0 + 1_000_000, packets.get(0).timestampNanos());
        assertEquals(LinkType.ETHERNET, packets.get(0).linkType());
        assertEquals(T0 + 2_000_000_007L, packets.get(1).timestampNanos());
        assertEquals(LinkType.RAW, packets.get(1).linkType());
        assertEquals(1, packets.get(1).interfaceId());
        assertEquals(T0 + 3_000_000_000L, packets.get(2).timestampNanos());
        assertEquals(2, packets.get(2).interfaceId());
        assertEquals(T0 + 3_000_000_000L, packets.get(3).timestampNanos(), "a simple block takes the last time seen");
        assertEquals(0, packets.get(3).interfaceId());
        assertTrue(rd.diagnostics.nonZero().isEmpty(), rd.messages());
    }

    @Test
    void sectionsInBothByteOrdersAndGzip() throws IOException {
        Path file = dir.resolve("two-sections.pcapng.gz");
        FrameBuilder fb = new FrameBuilder();
        int len = fb.udp4(Captures.ip("10.0.0.1"), Captures.ip("192.0.2.1"), 2222, 53, null, 4);
        try (OutputStream os = new GZIPOutputStream(Files.newOutputStream(file))) {
            try (PcapngWriter be = new PcapngWriter(new NonClosing(os), ByteOrder.BIG_ENDIAN)) {
                be.addInterface(LinkType.ETHERNET, 0, 6);
                be.writeEnhanced(0, T0, fb.frame(), len, len);
            }
            try (PcapngWriter le = new PcapngWriter(new NonClosing(os), ByteOrder.LITTLE_ENDIAN)) {
                le.addInterface(LinkType.ETHERNET, 0, 9);
                le.writeEnhanced(0, T0 + 5, fb.frame(), len, len);
            }
        }
        List<Captures.Packet> packets = Captures.readAll(file, InputDiagnostics.silent());
        assertEquals(2, packets.size());
        assertEquals(T0, packets.get(0).timestampNanos());
        assertEquals(T0 + 5, packets.get(1).timestampNanos());
    }

    @Test
    void corpusPcapngFromNdpiAndZeek() throws IOException {
        // Packet counts as capinfos reports them.
        assertEquals(30, Captures.readAll(Corpus.file("ndpi/tcp_scan.pcapng"), InputDiagnostics.silent()).size());
        assertEquals(13, Captures.readAll(Corpus.file("zeek/http-on-irc-port-missing-syn.pcapng"), InputDiagnostics.silent()).size());
    }

    /** Lets two writers share one gzip stream. */
    private static final class NonClosing extends java.io.FilterOutputStream {
        NonClosing(OutputStream out) {
            super(out);
        }

        @Override
        public void write(byte[] b, int off, int len) throws IOException {
            out.write(b, off, len);
        }

        @Override
        public void close() throws IOException {
            flush();
        }
    }
}
