package org.hyakuyobako.flow;

import org.hyakuyobako.decode.IpAddresses;
import org.hyakuyobako.decode.IpProtocol;

/**
 * A finished flow, immutable: what the sinks write as an EVE {@code flow} event, a DuckDB row, or
 * what a flow-level detector reads. One object per flow, never per packet.
 *
 * <p>Only primitives and shared constant strings are filled in on the packet thread; addresses
 * and the Community ID are formatted when a sink asks ({@link #srcIp()}, {@link #communityId()}),
 * which happens on the sink's writer thread, so a flow-heavy capture keeps both cores busy.
 *
 * <p>Both counting conventions are kept: {@code *Bytes} are frame bytes on the wire (Suricata's
 * bytes_toserver, nDPI and Argus), {@code *IpBytes} are IP datagram bytes and {@code *SeqBytes}
 * the payload bytes from TCP sequence numbers (Zeek's orig_ip_bytes and orig_bytes).
 */
public record FlowRecord(
        long flowId,
        int sensorId,
        int protocol,
        int srcPort,
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
        String reason,
        String appProto,
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
        return new FlowRecord(
                f.flowId, f.sensorId, f.protocol, f.origPort, f.respPort,
                f.sliceStartNanos, f.lastNanos, Math.max(0, f.durationEndNanos - f.sliceStartNanos),
                f.origPackets, f.respPackets, f.origWireBytes, f.respWireBytes,
                f.origIpBytes, f.respIpBytes, origSeq, respSeq,
                ConnState.of(f), f.history(),
                f.orig.flagsSeen, f.resp.flagsSeen,
                tcp ? ConnState.suricataTcpState(f) : null,
                reason.eveName(), f.appProto, f.firstFileId, f.firstFileOffset,
                f.origHi, f.origLo, f.respHi, f.respLo);
    }

    /** The same flow under another id, sensor and file (records read from other tools, numbered for this run). */
    public FlowRecord withIdentity(long id, int sensor, int fileId) {
        return new FlowRecord(id, sensor, protocol, srcPort, destPort, startNanos, endNanos, durationNanos, pktsToServer, pktsToClient,
                bytesToServer, bytesToClient, origIpBytes, respIpBytes, origSeqBytes, respSeqBytes, connState, history,
                tcpFlagsToServer, tcpFlagsToClient, tcpState, reason, appProto, fileId, firstFileOffset, srcHi, srcLo, destHi, destLo);
    }

    /** The originator's address as text. */
    public String srcIp() {
        return IpAddresses.format(srcHi, srcLo);
    }

    /** The responder's address as text. */
    public String destIp() {
        return IpAddresses.format(destHi, destLo);
    }

    /** Community ID v1 of the flow (computed on each call; sinks call it once). */
    public String communityId() {
        return CommunityId.compute(protocol, srcHi, srcLo, srcPort, destHi, destLo, destPort);
    }

    public String protoName() {
        return IpProtocol.eveName(protocol);
    }
}
