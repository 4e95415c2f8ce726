package org.hyakuyobako.source.live;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.net.DatagramPacket;
import java.net.DatagramSocket;
import java.net.InetAddress;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import org.hyakuyobako.flow.FlowRecord;
import org.hyakuyobako.source.firewall.AsaSyslogReader;
import org.hyakuyobako.source.firewall.FirewallEvent;
import org.hyakuyobako.source.flowfile.NetFlowDecoder;
import org.junit.jupiter.api.Test;

/** A syslog receiver and a NetFlow collector on loopback: what is sent arrives, parsed. */
class UdpListenerTest {
    private static void send(int port, byte[] data) throws Exception {
        try (DatagramSocket s = new DatagramSocket()) {
            s.send(new DatagramPacket(data, data.length, InetAddress.getLoopbackAddress(), port));
        }
    }

    @Test
    void syslogReceiverParsesFirewallMessages() throws Exception {
        List<FirewallEvent> events = new CopyOnWriteArrayList<>();
        CountDownLatch two = new CountDownLatch(2);
        AsaSyslogReader reader = new AsaSyslogReader(e -> {
            events.add(e);
            two.countDown();
        }, p -> { });
        long[] n = {0};
        try (UdpListener l = new UdpListener("127.0.0.1", 0,
                (data, sender) -> reader.line(new String(data, StandardCharsets.ISO_8859_1), "udp:" + sender, ++n[0], 2024))) {
            send(l.port(), "<166>May 01 2024 10:00:00 fw1 : %ASA-6-302013: Built inbound TCP connection 1 for outside:198.51.100.7/5555 (198.51.100.7/5555) to dmz:10.1.1.5/443 (203.0.113.9/443)"
                    .getBytes(StandardCharsets.ISO_8859_1));
            send(l.port(), "<164>%ASA-4-106023: Deny tcp src outside:198.51.100.7/5556 dst dmz:10.1.1.5/22 by access-group \"in\" [0x0, 0x0]"
                    .getBytes(StandardCharsets.ISO_8859_1));
            two.await(10, TimeUnit.SECONDS);
            assertEquals(2, l.received());
        }
        assertEquals(2, events.size());
        assertEquals("fw1", events.get(0).host());
        assertEquals("in", events.get(1).reason());
    }

    @Test
    void netflowCollectorDecodesV5() throws Exception {
        List<FlowRecord> flows = new CopyOnWriteArrayList<>();
        CountDownLatch one = new CountDownLatch(1);
        NetFlowDecoder decoder = new NetFlowDecoder(f -> {
            flows.add(f);
            one.countDown();
        }, p -> { });
        try (UdpListener l = new UdpListener("127.0.0.1", 0, (data, sender) -> decoder.datagram(data, sender, 0, "udp:" + sender))) {
            java.nio.ByteBuffer b = java.nio.ByteBuffer.allocate(24 + 48);
            b.putShort((short) 5).putShort((short) 1).putInt(1_000).putInt(1_700_000_000).putInt(0).putInt(1).putInt(0);
            b.putInt(0x0a000005).putInt(0xc0000242).putInt(0).putShort((short) 0).putShort((short) 0).putInt(3).putInt(180)
                    .putInt(500).putInt(900).putShort((short) 1234).putShort((short) 80).put((byte) 0).put((byte) 2).put((byte) 6)
                    .put((byte) 0).putInt(0).putInt(0);
            send(l.port(), b.array());
            one.await(10, TimeUnit.SECONDS);
        }
        assertEquals(1, flows.size());
        assertEquals("10.0.0.5", flows.get(0).srcIp());
        assertEquals(80, flows.get(0).destPort());
    }
}
