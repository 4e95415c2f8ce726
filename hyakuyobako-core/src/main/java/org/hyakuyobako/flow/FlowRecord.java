package org.hyakuyobako.flow;

import org.hyakuyobako.decode.IpAddresses;
import org.hyakuyobako.decode.IpProtocol;

/**
 * A finished flow, immutable: what the sinks write as an EVE {@code flow} event, a DuckDB row, or
 * what a flow-level detector reads. One object per flow, never per packet.
 *
 * <p>Both counting conventions are kept: {@code *Bytes} are frame bytes on the wire (Suricata's
 * bytes_toserver, nDPI and Argus), {@code *IpBytes} are IP datagram bytes and {@code *SeqBytes}
 * the payload bytes from TCP sequence numbers (Zeek's orig_ip_bytes and orig_bytes).
 */
public record FlowRecord(
        long flowId,
        int sensorId,
        int protocol,
        String srcIp,
        int srcPort,
        String destIp,
        int destPort,
        long startNanos,
        long endNanos,
        long durationNanos,
        long pktsToServer,
        long pktsToClient,
        long bytesToServer,
        long bytesToClient,
        long origIpBytes,
        long respIpBytes,
        long origSeqBytes,
        long respSeqBytes,
        String connState,
        String history,
        int tcpFlagsToServer,
        int tcpFlagsToClient,
        String tcpState,
        String communityId,
        String reason,
        int firstFileId,
        long firstFileOffset,
        long srcHi,
        long srcLo,
        long destHi,
        long destLo) {

    /** Snapshot of a flow at its end (or at an active-timeout slice). */
    public static FlowRecord of(Flow f, EndReason reason) {
        boolean tcp = f.protocol == IpProtocol.TCP;
        long origSeq;
        long respSeq;
        if (tcp) {
            origSeq = f.orig.size(f.resp);
            respSeq = f.resp.size(f.orig);
        } else {
            origSeq = f.origPayloadBytes;
            respSeq = f.respPayloadBytes;
        }
        String communityId = CommunityId.compute(f.protocol, f.origHi, f.origLo, f.origPort, f.respHi, f.respLo, f.respPort);
        return new FlowRecord(
                f.flowId, f.sensorId, f.protocol,
                IpAddresses.format(f.origHi, f.origLo), f.origPort,
                IpAddresses.format(f.respHi, f.respLo), f.respPort,
                f.sliceStartNanos, f.lastNanos, Math.max(0, f.durationEndNanos - f.sliceStartNanos),
                f.origPackets, f.respPackets, f.origWireBytes, f.respWireBytes,
                f.origIpBytes, f.respIpBytes, origSeq, respSeq,
                ConnState.of(f), f.history(),
                f.orig.flagsSeen, f.resp.flagsSeen,
                tcp ? ConnState.suricataTcpState(f) : null,
                communityId, reason.eveName(), f.firstFileId, f.firstFileOffset,
                f.origHi, f.origLo, f.respHi, f.respLo);
    }

    public String protoName() {
        return IpProtocol.eveName(protocol);
    }
}
