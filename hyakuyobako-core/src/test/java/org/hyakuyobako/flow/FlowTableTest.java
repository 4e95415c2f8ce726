package org.hyakuyobako.flow;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.ByteBuffer;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import org.hyakuyobako.decode.DecodedPacket;
import org.hyakuyobako.decode.LinkType;
import org.hyakuyobako.decode.PacketDecoder;
import org.hyakuyobako.generate.FrameBuilder;
import org.hyakuyobako.source.InputDiagnostics;
import org.hyakuyobako.source.PacketRecord;
import org.hyakuyobako.testing.Captures;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

class FlowTableTest {
    private static final long S = 1_000_000_000L;
    private static final int CLIENT = Captures.ip("10.0.0.5");
    private static final int SERVER = Captures.ip("192.0.2.80");

    private final FrameBuilder fb = new FrameBuilder();
    private final PacketDecoder decoder = new PacketDecoder(InputDiagnostics.silent(), List.of("t"), true);
    private final DecodedPacket p = new DecodedPacket();
    private final List<FlowRecord> ended = new ArrayList<>();
    private FlowTable table;

    @BeforeEach
    void setUp() {
        table = table(FlowConfig.DEFAULT);
    }

    private FlowTable table(FlowConfig config) {
        FlowTable t = new FlowTable(config);
        t.addListener((f, reason) -> ended.add(FlowRecord.of(f, reason)));
        return t;
    }

    private Flow feed(FlowTable t, long time, int length) {
        PacketRecord r = new PacketRecord();
        r.buffer = ByteBuffer.wrap(Arrays.copyOf(fb.frame(), length));
        r.capturedLength = length;
        r.wireLength = length;
        r.linkType = LinkType.ETHERNET;
        r.timestampNanos = time;
        assertTrue(decoder.decode(r, p));
        return t.process(p);
    }

    private Flow tcp(long time, boolean fromClient, int flags, int seq, int ack, int payload) {
        int len = fromClient
                ? fb.tcp4(CLIENT, SERVER, 40000, 80, seq, ack, flags, 1000, null, payload)
                : fb.tcp4(SERVER, CLIENT, 80, 40000, seq, ack, flags, 1000, null, payload);
        return feed(table, time, len);
    }

    @Test
    void handshakeDataAndCloseGiveSf() {
        tcp(0, true, FrameBuilder.SYN, 100, 0, 0);
        tcp(S / 100, false, FrameBuilder.SYN | FrameBuilder.ACK, 500, 101, 0);
        tcp(2 * S / 100, true, FrameBuilder.ACK, 101, 501, 0);
        tcp(3 * S / 100, true, FrameBuilder.ACK | FrameBuilder.PSH, 101, 501, 20);
        tcp(4 * S / 100, false, FrameBuilder.ACK | FrameBuilder.PSH, 501, 121, 300);
        tcp(5 * S / 100, true, FrameBuilder.FIN | FrameBuilder.ACK, 121, 801, 0);
        tcp(6 * S / 100, false, FrameBuilder.FIN | FrameBuilder.ACK, 801, 122, 0);
        Flow f = tcp(7 * S / 100, true, FrameBuilder.ACK, 122, 802, 0);
        assertTrue(f.lastPacketFromOrig());
        table.flushAll();
        assertEquals(1, ended.size());
        FlowRecord r = ended.get(0);
        assertEquals("10.0.0.5", r.srcIp());
        assertEquals("SF", r.connState());
        // The server never sends a bare ACK here, so no 'a'.
        assertEquals("ShADdFf", r.history());
        assertEquals(20, r.origSeqBytes());
        assertEquals(300, r.respSeqBytes());
        assertEquals(5, r.pktsToServer());
        assertEquals(3, r.pktsToClient());
        assertEquals("closed", r.reason());
    }

    @Test
    void synWithoutAnswerIsS0AndEndsAfterTheAttemptDelay() {
        tcp(0, true, FrameBuilder.SYN, 100, 0, 0);
        tcp(3 * S, true, FrameBuilder.SYN, 100, 0, 0); // retransmission, same flow
        assertEquals(0, ended.size());
        // Any later packet moves the clock past the 5 s attempt delay.
        feed(table, 6 * S, fb.udp4(CLIENT, SERVER, 1, 2, null, 0));
        assertEquals(1, ended.size());
        assertEquals("S0", ended.get(0).connState());
        assertEquals("S", ended.get(0).history());
        assertEquals(2, ended.get(0).pktsToServer());
        assertEquals("timeout", ended.get(0).reason());
    }

    @Test
    void rejectedConnection() {
        tcp(0, true, FrameBuilder.SYN, 100, 0, 0);
        tcp(S / 1000, false, FrameBuilder.RST | FrameBuilder.ACK, 0, 101, 0);
        table.flushAll();
        assertEquals("REJ", ended.get(0).connState());
        assertEquals("Sr", ended.get(0).history());
    }

    @Test
    void aNewSynAfterCloseStartsANewFlow() {
        tcp(0, true, FrameBuilder.SYN, 100, 0, 0);
        tcp(S / 1000, false, FrameBuilder.RST | FrameBuilder.ACK, 0, 101, 0);
        tcp(S, true, FrameBuilder.SYN, 9000, 0, 0);
        table.flushAll();
        assertEquals(2, ended.size());
        assertEquals("REJ", ended.get(0).connState());
        assertEquals("S0", ended.get(1).connState());
        assertTrue(ended.get(1).flowId() > ended.get(0).flowId());
    }

    @Test
    void udpIdleTimeoutAndDirection() {
        feed(table, 0, fb.udp4(CLIENT, SERVER, 5353, 53, null, 30));
        feed(table, S / 10, fb.udp4(SERVER, CLIENT, 53, 5353, null, 90));
        feed(table, 61 * S, fb.udp4(CLIENT, SERVER, 1111, 2222, null, 0));
        assertEquals(1, ended.size());
        FlowRecord dns = ended.get(0);
        assertEquals("SF", dns.connState());
        assertEquals("Dd", dns.history());
        assertEquals(1, dns.pktsToServer());
        assertEquals(1, dns.pktsToClient());
        assertEquals(30, dns.origSeqBytes());
    }

    @Test
    void answerSeenFirstIsFlippedToItsRequester() {
        // A DNS answer from port 53 without its query: the client is still the originator.
        feed(table, 0, fb.udp4(SERVER, CLIENT, 53, 40000, null, 90));
        table.flushAll();
        FlowRecord r = ended.get(0);
        assertEquals("10.0.0.5", r.srcIp());
        assertEquals(53, r.destPort());
        assertEquals("SHR", r.connState());
        assertEquals("^d", r.history());
    }

    @Test
    void icmpEchoRequestAndReplyAreOneFlow() {
        feed(table, 0, fb.icmp4(CLIENT, SERVER, 8, 0, 7, 1, 56));
        feed(table, S / 100, fb.icmp4(SERVER, CLIENT, 0, 0, 7, 1, 56));
        table.flushAll();
        assertEquals(1, ended.size());
        FlowRecord r = ended.get(0);
        assertEquals(8, r.srcPort());
        assertEquals(0, r.destPort());
        assertEquals(1, r.pktsToServer());
        assertEquals(1, r.pktsToClient());
    }

    @Test
    void theTableNeverHoldsMoreThanItsLimit() {
        FlowTable small = table(FlowConfig.DEFAULT.withMaxFlows(10));
        for (int i = 0; i < 100; i++) {
            feed(small, i * 1000L, fb.udp4(CLIENT, SERVER, 1000 + i, 53, null, 10));
            assertTrue(small.size() <= 10);
        }
        assertEquals(90, small.flowsEvicted());
        assertEquals(90, ended.stream().filter(r -> r.reason().equals("forced")).count());
        // The oldest flows go first.
        assertEquals(1000, ended.get(0).srcPort());
        small.flushAll();
        assertEquals(100, ended.size());
    }

    @Test
    void longFlowsAreWrittenInActiveTimeoutSlices() {
        FlowTable sliced = table(FlowConfig.DEFAULT.withActiveSeconds(10));
        for (int i = 0; i <= 25; i++) {
            feed(sliced, i * S, fb.udp4(CLIENT, SERVER, 4000, 4001, null, 10));
        }
        sliced.flushAll();
        assertEquals(3, ended.size());
        assertEquals("active_timeout", ended.get(0).reason());
        assertEquals(11, ended.get(0).pktsToServer());
        assertEquals(26, ended.stream().mapToLong(FlowRecord::pktsToServer).sum(), "no packet lost between slices");
        assertEquals(ended.get(0).flowId(), ended.get(2).flowId(), "slices share the flow id");
    }

    @Test
    void sensorsKeepSeparateFlows() {
        int len = fb.udp4(CLIENT, SERVER, 5353, 53, null, 30);
        PacketRecord r = new PacketRecord();
        r.buffer = ByteBuffer.wrap(Arrays.copyOf(fb.frame(), len));
        r.capturedLength = len;
        r.wireLength = len;
        r.linkType = LinkType.ETHERNET;
        for (int sensor = 0; sensor < 3; sensor++) {
            r.sensorId = sensor;
            assertTrue(decoder.decode(r, p));
            table.process(p);
        }
        assertEquals(3, table.size());
    }

    /**
     * The buckets grow with the flows (from a small table, doubling past one flow per bucket, up
     * to twice maxFlows): thousands of connections each find their own flow again after every
     * growth, and none is lost or made twice.
     */
    @Test
    void bucketsGrowWithTheFlowsAndEveryFlowIsFoundAgain() {
        int n = 6_000;
        java.util.Map<Integer, Flow> first = new java.util.HashMap<>();
        int bucketsBefore = table.buckets();
        for (int round = 0; round < 2; round++) {
            for (int i = 0; i < n; i++) {
                int len = fb.tcp4(CLIENT, SERVER, 10_000 + i, 80, 100 + round, 0, round == 0 ? FrameBuilder.SYN : FrameBuilder.ACK, 1000, null, 0);
                Flow f = feed(table, S + round * S / 10 + i, len);
                if (round == 0) {
                    first.put(i, f);
                } else {
                    assertSame(first.get(i), f, "connection " + i + " found again");
                }
            }
        }
        assertEquals(n, table.size());
        assertEquals(n, new java.util.HashSet<>(first.values()).size());
        assertTrue(bucketsBefore < n && table.buckets() >= n, bucketsBefore + " buckets, then " + table.buckets());
        FlowTable small = table(new FlowConfig(100, FlowConfig.DEFAULT.tcpAttemptNanos(), FlowConfig.DEFAULT.tcpIdleNanos(),
                FlowConfig.DEFAULT.tcpCloseNanos(), FlowConfig.DEFAULT.otherIdleNanos(), FlowConfig.DEFAULT.activeNanos()));
        assertEquals(128, small.buckets(), "at most the power of two below twice maxFlows");
    }
}
