package org.hyakuyobako.pipeline;

import java.util.List;
import java.util.function.Consumer;
import org.hyakuyobako.decode.DecodedPacket;
import org.hyakuyobako.decode.IpProtocol;
import org.hyakuyobako.event.Event;
import org.hyakuyobako.event.FlowEvent;
import org.hyakuyobako.flow.EndReason;
import org.hyakuyobako.flow.Flow;
import org.hyakuyobako.flow.FlowRecord;
import org.hyakuyobako.source.PacketRecord;

/**
 * Replays a flow record read from a firewall log or flow file as the packet path would have seen
 * the connection: its first packet (a SYN for TCP, no payload) at its start time to the per-packet
 * detectors — so synchronized activity counts the contact, flood counting sees the connection —
 * then its end to the flow-level detectors, then its record to the writers. Detectors need no
 * change; what a record cannot give (payload, later packets) they simply do not see.
 */
final class FlowReplay {
    private final List<PacketObserver> packets;
    private final List<FlowObserver> flows;
    private final Consumer<Event> emit;
    private long replayed;

    FlowReplay(List<PacketObserver> packets, List<FlowObserver> flows, Consumer<Event> emit) {
        this.packets = packets;
        this.flows = flows;
        this.emit = emit;
    }

    void replay(FlowRecord r) {
        replayed++;
        Flow flow = Flow.replay(r);
        DecodedPacket p = firstPacket(r);
        for (int i = 0; i < packets.size(); i++) {
            packets.get(i).packet(p, flow);
        }
        for (FlowObserver o : flows) {
            o.flowEnded(flow, EndReason.CLOSED);
        }
        emit.accept(new FlowEvent(r));
    }

    /** A fresh packet per flow: detectors may keep it (they never keep the reused capture packets longer than a call). */
    private static DecodedPacket firstPacket(FlowRecord r) {
        PacketRecord rec = new PacketRecord();
        rec.timestampNanos = r.startNanos();
        rec.sensorId = r.sensorId();
        rec.fileId = r.firstFileId();
        rec.fileOffset = -1;
        DecodedPacket p = new DecodedPacket();
        p.record = rec;
        p.ipVersion = org.hyakuyobako.decode.IpAddresses.isV4(r.srcHi(), r.srcLo()) ? 4 : 6;
        p.srcHi = r.srcHi();
        p.srcLo = r.srcLo();
        p.dstHi = r.destHi();
        p.dstLo = r.destLo();
        p.protocol = r.protocol();
        p.srcPort = r.srcPort();
        p.dstPort = r.destPort();
        p.tcpFlags = r.protocol() == IpProtocol.TCP ? 0x02 : 0;
        p.ttl = 64;
        p.payloadBuffer = java.nio.ByteBuffer.allocate(0);
        p.frames = 1;
        if (r.protocol() == IpProtocol.ICMP || r.protocol() == IpProtocol.ICMPV6) {
            p.icmpType = r.srcPort();
            p.icmpCode = r.destPort();
        }
        return p;
    }

    long replayed() {
        return replayed;
    }
}
