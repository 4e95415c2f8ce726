package org.hyakuyobako.source.flowfile;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.ByteBuffer;
import java.util.ArrayList;
import java.util.List;
import org.hyakuyobako.decode.IpAddresses;
import org.hyakuyobako.flow.FlowRecord;
import org.junit.jupiter.api.Test;

/** Export packets built here from known flows decode to those flows (v5, v9 with its template, IPFIX with IPv6). */
class NetFlowDecoderTest {
    private final List<FlowRecord> flows = new ArrayList<>();
    private final List<String> problems = new ArrayList<>();
    private final NetFlowDecoder decoder = new NetFlowDecoder(flows::add, problems::add);

    private static int v4(String s) {
        return IpAddresses.parseV4(s);
    }

    @Test
    void v5() {
        ByteBuffer b = ByteBuffer.allocate(24 + 2 * 48);
        b.putShort((short) 5).putShort((short) 2).putInt(100_000).putInt(1_700_000_000).putInt(500_000_000).putInt(1)
                .put((byte) 0).put((byte) 0).putShort((short) 0);
        for (int i = 0; i < 2; i++) {
            b.putInt(v4("10.0.0." + (5 + i))).putInt(v4("192.0.2.66")).putInt(0).putShort((short) 1).putShort((short) 2)
                    .putInt(10 + i).putInt(1_000 + i).putInt(90_000).putInt(95_000).putShort((short) (40_000 + i)).putShort((short) 6667)
                    .put((byte) 0).put((byte) 0x1b).put((byte) 6).put((byte) 0).putShort((short) 0).putShort((short) 0)
                    .put((byte) 24).put((byte) 24).putShort((short) 0);
        }
        decoder.datagram(b.array(), "198.51.100.1", 0, "test");
        assertEquals(List.of(), problems);
        assertEquals(2, flows.size());
        FlowRecord f = flows.get(1);
        assertEquals("10.0.0.6", f.srcIp());
        assertEquals("192.0.2.66", f.destIp());
        assertEquals(40_001, f.srcPort());
        assertEquals(6667, f.destPort());
        assertEquals(6, f.protocol());
        assertEquals(11, f.pktsToServer());
        assertEquals(1_001, f.bytesToServer());
        assertEquals(0x1b, f.tcpFlagsToServer());
        // export time 1,700,000,000.5 s at uptime 100 s: first switched at 90 s = 10 s before.
        assertEquals(1_699_999_990_500L, f.startNanos() / 1_000_000);
        assertEquals(5_000_000_000L, f.durationNanos());
    }

    @Test
    void v9TemplateThenData() {
        ByteBuffer b = ByteBuffer.allocate(200);
        b.putShort((short) 9).putShort((short) 2).putInt(100_000).putInt(1_700_000_000).putInt(7).putInt(42);
        // Template flowset: id 0; template 300 with 9 fields.
        int[][] fields = {{8, 4}, {12, 4}, {7, 2}, {11, 2}, {4, 1}, {1, 4}, {2, 4}, {22, 4}, {21, 4}};
        b.putShort((short) 0).putShort((short) (4 + 4 + fields.length * 4)).putShort((short) 300).putShort((short) fields.length);
        for (int[] f : fields) {
            b.putShort((short) f[0]).putShort((short) f[1]);
        }
        int dataLength = 4 + 29 + 3;     // one record of 29 bytes, padded to 4
        int dataAt = b.position();
        b.putShort((short) 300).putShort((short) dataLength);
        b.putInt(v4("10.0.0.9")).putInt(v4("203.0.113.5")).putShort((short) 5353).putShort((short) 53).put((byte) 17)
                .putInt(300).putInt(2).putInt(99_000).putInt(99_500).put(new byte[3]);
        byte[] packet = java.util.Arrays.copyOf(b.array(), b.position());
        decoder.datagram(packet, "198.51.100.1", 0, "test");
        assertEquals(List.of(), problems);
        assertEquals(1, flows.size());
        FlowRecord f = flows.get(0);
        assertEquals("10.0.0.9", f.srcIp());
        assertEquals(53, f.destPort());
        assertEquals(17, f.protocol());
        assertEquals(300, f.bytesToServer());
        assertEquals(2, f.pktsToServer());
        assertEquals(1_699_999_999_000L, f.startNanos() / 1_000_000);
        assertEquals(500_000_000L, f.durationNanos());
        // The data alone from another exporter, which never sent its template: counted, not guessed.
        ByteBuffer other = ByteBuffer.allocate(20 + dataLength);
        other.put(packet, 0, 20).put(packet, dataAt, dataLength);
        decoder.datagram(other.array(), "198.51.100.2", 0, "test");
        assertEquals(1, flows.size());
        assertEquals(1, decoder.withoutTemplate());
    }

    @Test
    void ipfixWithIpv6AndAVariableLengthField() {
        ByteBuffer b = ByteBuffer.allocate(300);
        b.putShort((short) 10).putShort((short) 0).putInt(1_700_000_000).putInt(1).putInt(7);
        int[][] fields = {{27, 16}, {28, 16}, {7, 2}, {11, 2}, {4, 1}, {85, 8}, {86, 8}, {152, 8}, {153, 8}, {82, 65535}};
        b.putShort((short) 2).putShort((short) (4 + 4 + fields.length * 4)).putShort((short) 256).putShort((short) fields.length);
        for (int[] f : fields) {
            b.putShort((short) f[0]).putShort((short) f[1]);
        }
        int recordLength = 16 + 16 + 2 + 2 + 1 + 8 + 8 + 8 + 8 + 1 + 4;
        b.putShort((short) 256).putShort((short) (4 + recordLength));
        b.putLong(0x20010db800000000L).putLong(1).putLong(0x20010db800000000L).putLong(2).putShort((short) 50_000).putShort((short) 443)
                .put((byte) 6).putLong(123_456).putLong(99).putLong(1_700_000_000_000L).putLong(1_700_000_002_000L)
                .put((byte) 4).put("eth0".getBytes(java.nio.charset.StandardCharsets.US_ASCII));
        int length = b.position();
        b.putShort(2, (short) length);
        decoder.datagram(java.util.Arrays.copyOf(b.array(), length), "198.51.100.1", 0, "test");
        assertEquals(List.of(), problems);
        assertEquals(1, flows.size());
        FlowRecord f = flows.get(0);
        assertEquals("2001:db8::1", f.srcIp());
        assertEquals("2001:db8::2", f.destIp());
        assertEquals(443, f.destPort());
        assertEquals(123_456, f.bytesToServer());
        assertEquals(99, f.pktsToServer());
        assertEquals(2_000_000_000L, f.durationNanos());
    }

    @Test
    void damagedPacketsAreReportedNotThrown() {
        decoder.datagram(new byte[] {0, 5, 0, 9}, "x", 0, "f:1");
        decoder.datagram(new byte[] {0, 9, 0, 1, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 1, 44, 0, 99}, "x", 0, "f:2");
        decoder.datagram(new byte[] {1, 2, 3}, "x", 0, "f:3");
        assertEquals(3, decoder.malformed());
        assertTrue(problems.get(0).startsWith("f:1: bad export packet"), problems.toString());
        assertEquals(List.of(), flows);
    }
}
