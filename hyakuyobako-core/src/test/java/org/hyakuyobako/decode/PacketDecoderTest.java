package org.hyakuyobako.decode;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.ByteBuffer;
import java.util.Arrays;
import java.util.List;
import org.hyakuyobako.generate.FrameBuilder;
import org.hyakuyobako.source.InputDiagnostics;
import org.hyakuyobako.source.PacketRecord;
import org.hyakuyobako.source.SkipReason;
import org.hyakuyobako.testing.Captures;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

class PacketDecoderTest {
    private InputDiagnostics diagnostics;
    private PacketDecoder decoder;
    private final DecodedPacket out = new DecodedPacket();
    private final FrameBuilder fb = new FrameBuilder();
    private static final int SRC = Captures.ip("10.1.2.3");
    private static final int DST = Captures.ip("198.51.100.9");

    @BeforeEach
    void setUp() {
        diagnostics = InputDiagnostics.silent();
        decoder = new PacketDecoder(diagnostics, List.of("test"), true);
    }

    private PacketRecord record(byte[] frame, int length, int linkType) {
        PacketRecord r = new PacketRecord();
        r.buffer = ByteBuffer.wrap(Arrays.copyOf(frame, length));
        r.offset = 0;
        r.capturedLength = length;
        r.wireLength = length;
        r.linkType = linkType;
        r.timestampNanos = 1_000_000_000L;
        return r;
    }

    private void assertTcp() {
        assertEquals(4, out.ipVersion);
        assertEquals(IpProtocol.TCP, out.protocol);
        assertEquals("10.1.2.3", IpAddresses.format(out.srcHi, out.srcLo));
        assertEquals("198.51.100.9", IpAddresses.format(out.dstHi, out.dstLo));
        assertEquals(40000, out.srcPort);
        assertEquals(6667, out.dstPort);
        assertEquals(0x18, out.tcpFlags);
        assertEquals(12, out.payloadLength);
        assertEquals(12, out.payloadCaptured);
        assertEquals((byte) 'a', out.payloadBuffer.get(out.payloadOffset));
    }

    @Test
    void ethernetWithVlanAndQinq() {
        for (int tags = 0; tags <= 2; tags++) {
            fb.vlanTags(tags);
            int len = fb.tcp4(SRC, DST, 40000, 6667, 1, 2, 0x18, 1000, null, 12);
            assertTrue(decoder.decode(record(fb.frame(), len, LinkType.ETHERNET), out), "tags " + tags);
            assertTcp();
        }
        assertEquals(0, diagnostics.count(SkipReason.BAD_L4_CHECKSUM));
        assertEquals(0, diagnostics.count(SkipReason.BAD_IP_CHECKSUM));
    }

    @Test
    void linuxCookedV1AndV2RawAndLoopback() {
        int len = fb.tcp4(SRC, DST, 40000, 6667, 1, 2, 0x18, 1000, null, 12);
        byte[] ip = Arrays.copyOfRange(fb.frame(), 14, len);

        byte[] sll = new byte[16 + ip.length];
        sll[14] = 0x08;
        System.arraycopy(ip, 0, sll, 16, ip.length);
        assertTrue(decoder.decode(record(sll, sll.length, LinkType.LINUX_SLL), out));
        assertTcp();

        byte[] sll2 = new byte[20 + ip.length];
        sll2[0] = 0x08;
        System.arraycopy(ip, 0, sll2, 20, ip.length);
        assertTrue(decoder.decode(record(sll2, sll2.length, LinkType.LINUX_SLL2), out));
        assertTcp();

        assertTrue(decoder.decode(record(ip, ip.length, LinkType.RAW), out));
        assertTcp();
        assertTrue(decoder.decode(record(ip, ip.length, LinkType.IPV4), out));
        assertTcp();

        byte[] loop = new byte[4 + ip.length];
        loop[0] = 2; // AF_INET, little-endian host
        System.arraycopy(ip, 0, loop, 4, ip.length);
        assertTrue(decoder.decode(record(loop, loop.length, LinkType.NULL), out));
        assertTcp();
        byte[] openbsd = loop.clone();
        openbsd[0] = 0;
        openbsd[3] = 2; // network order for LINKTYPE_LOOP
        assertTrue(decoder.decode(record(openbsd, openbsd.length, LinkType.LOOP), out));
        assertTcp();
    }

    @Test
    void ipv6WithExtensionHeaders() {
        byte[] src = new byte[16];
        byte[] dst = new byte[16];
        src[0] = 0x20;
        src[1] = 0x01;
        src[15] = 1;
        dst[0] = 0x20;
        dst[1] = 0x01;
        dst[15] = 2;
        int len = fb.tcp6(src, dst, 1234, 80, 5, 6, 0x02, 100, null, 0);
        // Insert a hop-by-hop (8 bytes) and a destination-options header (8 bytes) before TCP.
        byte[] f = Arrays.copyOf(fb.frame(), len);
        int ip = 14;
        byte[] ext = new byte[16];
        ext[0] = 60; // next: destination options
        ext[8] = 6;  // next: TCP
        byte[] withExt = new byte[len + 16];
        System.arraycopy(f, 0, withExt, 0, ip + 40);
        System.arraycopy(ext, 0, withExt, ip + 40, 16);
        System.arraycopy(f, ip + 40, withExt, ip + 56, len - ip - 40);
        withExt[ip + 6] = 0; // next header: hop-by-hop
        int payload = ((f[ip + 4] & 0xFF) << 8 | (f[ip + 5] & 0xFF)) + 16;
        withExt[ip + 4] = (byte) (payload >> 8);
        withExt[ip + 5] = (byte) payload;
        assertTrue(decoder.decode(record(withExt, withExt.length, LinkType.ETHERNET), out));
        assertEquals(6, out.ipVersion);
        assertEquals(IpProtocol.TCP, out.protocol);
        assertEquals("2001::1", IpAddresses.format(out.srcHi, out.srcLo));
        assertEquals("2001::2", IpAddresses.format(out.dstHi, out.dstLo));
        assertEquals(1234, out.srcPort);
        assertEquals(80, out.dstPort);
        assertEquals(0x02, out.tcpFlags);
        assertEquals(0, diagnostics.count(SkipReason.BAD_L4_CHECKSUM), "extension headers do not enter the checksum");
    }

    @Test
    void ipv4FragmentsOutOfOrderWithOverlapAreReassembled() {
        int len = fb.udp4(SRC, DST, 5353, 53, null, 100);
        byte[] whole = Arrays.copyOf(fb.frame(), len);
        int ip = 14;
        byte[] l4 = Arrays.copyOfRange(whole, ip + 20, len); // 108 bytes of UDP
        // Fragments: [0,48) [40,96) overlapping by 8, [96,108) last.
        byte[] f1 = fragment(whole, l4, 0, 48, true);
        byte[] f2 = fragment(whole, l4, 40, 56, true);
        byte[] f3 = fragment(whole, l4, 96, 12, false);
        assertFalse(decoder.decode(record(f3, f3.length, LinkType.ETHERNET), out));
        assertFalse(decoder.decode(record(f1, f1.length, LinkType.ETHERNET), out));
        assertTrue(decoder.decode(record(f2, f2.length, LinkType.ETHERNET), out));
        assertTrue(out.reassembled);
        assertEquals(3, out.frames);
        assertEquals(IpProtocol.UDP, out.protocol);
        assertEquals(5353, out.srcPort);
        assertEquals(100, out.payloadLength);
        assertEquals(0, diagnostics.count(SkipReason.BAD_L4_CHECKSUM), "reassembled bytes verify");
        assertEquals(3, diagnostics.count(SkipReason.IP_FRAGMENT));
        assertEquals(1, decoder.fragments().overlaps());
    }

    @Test
    void ipv6FragmentsAreReassembled() {
        byte[] src = new byte[16];
        byte[] dst = new byte[16];
        src[0] = 0x20;
        src[15] = 1;
        dst[0] = 0x20;
        dst[15] = 2;
        int len = fb.tcp6(src, dst, 4444, 443, 9, 10, 0x18, 100, null, 100);
        byte[] whole = Arrays.copyOf(fb.frame(), len);
        int ip = 14;
        byte[] l4 = Arrays.copyOfRange(whole, ip + 40, len); // 120 bytes of TCP
        byte[] first = fragment6(whole, l4, 0, 64, true);
        byte[] second = fragment6(whole, l4, 64, 56, false);
        assertFalse(decoder.decode(record(second, second.length, LinkType.ETHERNET), out));
        assertTrue(decoder.decode(record(first, first.length, LinkType.ETHERNET), out));
        assertTrue(out.reassembled);
        assertEquals(6, out.ipVersion);
        assertEquals(IpProtocol.TCP, out.protocol);
        assertEquals(4444, out.srcPort);
        assertEquals(100, out.payloadLength);
        assertEquals(0, diagnostics.count(SkipReason.BAD_L4_CHECKSUM));
    }

    private static byte[] fragment6(byte[] whole, byte[] l4, int offset, int length, boolean more) {
        int ip = 14;
        byte[] f = new byte[ip + 40 + 8 + length];
        System.arraycopy(whole, 0, f, 0, ip + 40);
        ByteBuffer b = ByteBuffer.wrap(f);
        b.putShort(ip + 4, (short) (8 + length));
        b.put(ip + 6, (byte) 44);
        b.put(ip + 40, (byte) 6);
        b.putShort(ip + 42, (short) (offset | (more ? 1 : 0)));
        b.putInt(ip + 44, 0x01020304);
        System.arraycopy(l4, offset, f, ip + 48, length);
        return f;
    }

    private static byte[] fragment(byte[] whole, byte[] l4, int offset, int length, boolean more) {
        int ip = 14;
        byte[] f = new byte[ip + 20 + length];
        System.arraycopy(whole, 0, f, 0, ip + 20);
        System.arraycopy(l4, offset, f, ip + 20, length);
        ByteBuffer b = ByteBuffer.wrap(f);
        b.putShort(ip + 2, (short) (20 + length));
        b.putShort(ip + 4, (short) 0x4242);
        b.putShort(ip + 6, (short) ((more ? 0x2000 : 0) | (offset / 8)));
        b.putShort(ip + 10, (short) 0);
        long sum = Checksums.sum(b, ip, 20, 0);
        b.putShort(ip + 10, (short) ~Checksums.fold(sum));
        return f;
    }

    @Test
    void truncatedAndBadPacketsAreCountedNotFatal() {
        int len = fb.tcp4(SRC, DST, 40000, 6667, 1, 2, 0x18, 1000, null, 12);
        assertFalse(decoder.decode(record(fb.frame(), 20, LinkType.ETHERNET), out));
        assertEquals(1, diagnostics.count(SkipReason.TRUNCATED_PACKET));

        byte[] bad = Arrays.copyOf(fb.frame(), len);
        bad[14 + 10] ^= 0x55; // IP checksum
        bad[len - 1] ^= 0x55; // payload, so the TCP checksum fails too
        assertTrue(decoder.decode(record(bad, len, LinkType.ETHERNET), out), "bad checksums are accepted");
        assertEquals(1, diagnostics.count(SkipReason.BAD_IP_CHECKSUM));
        assertEquals(1, diagnostics.count(SkipReason.BAD_L4_CHECKSUM));

        byte[] version = Arrays.copyOf(fb.frame(), len);
        version[14] = 0x35;
        assertFalse(decoder.decode(record(version, len, LinkType.ETHERNET), out));
        assertEquals(1, diagnostics.count(SkipReason.BAD_IP_HEADER));

        byte[] arp = Arrays.copyOf(fb.frame(), 60);
        arp[12] = 0x08;
        arp[13] = 0x06;
        assertFalse(decoder.decode(record(arp, 60, LinkType.ETHERNET), out));
        assertEquals(1, diagnostics.count(SkipReason.NON_IP));

        assertFalse(decoder.decode(record(fb.frame(), len, 147), out));
        assertEquals(1, diagnostics.count(SkipReason.UNSUPPORTED_LINK_TYPE));
    }

    @Test
    void snaplenCutPacketsStillDecodeTheirHeaders() {
        int len = fb.tcp4(SRC, DST, 40000, 6667, 1, 2, 0x18, 1000, null, 1400);
        PacketRecord r = record(fb.frame(), 96, LinkType.ETHERNET);
        r.wireLength = len;
        assertTrue(decoder.decode(r, out));
        assertEquals(1400, out.payloadLength);
        assertEquals(96 - 54, out.payloadCaptured);
        assertEquals(20 + 20 + 1400, out.ipLength);
    }

    @Test
    void ipv6AddressesAreWrittenAsRfc5952() {
        assertEquals("::1", IpAddresses.format(0, 1));
        assertEquals("2001:db8::1:0:0:1", IpAddresses.formatV6(0x2001_0db8_0000_0000L, 0x0001_0000_0000_0001L));
        assertEquals("2001:db8:0:1:1:1:1:1", IpAddresses.formatV6(0x2001_0db8_0000_0001L, 0x0001_0001_0001_0001L));
        assertEquals("fe80::260:97ff:fe07:69ea", IpAddresses.format(IpAddresses.parse("fe80::260:97ff:fe07:69ea")[0],
                IpAddresses.parse("fe80::260:97ff:fe07:69ea")[1]));
    }
}
