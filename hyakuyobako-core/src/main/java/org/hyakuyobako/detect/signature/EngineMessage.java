package org.hyakuyobako.detect.signature;

import java.nio.ByteBuffer;
import org.hyakuyobako.decode.DecodedPacket;
import org.hyakuyobako.event.ConnectionRef;
import org.hyakuyobako.event.Event;
import org.hyakuyobako.flow.Flow;
import org.hyakuyobako.proto.http.HttpTransaction;

/**
 * One thing the signature detector hands to its engine side ({@link MessageInspector}): a packet
 * with what the engine reads of its flow, a connection's end, an application message, or the end
 * of the run. Everything the engine reads is copied in here or immutable, because the pipeline
 * thread reuses its decoded packet and recycles its flows while the engine may still be behind
 * (ADR 0019). Messages are slots reused batch after batch: {@link #clear} drops their references.
 */
final class EngineMessage {
    enum Kind { PACKET, FLOW_END, HTTP_REQUEST, HTTP_RESPONSE, MAIL_FILE, EVENT, FINISH }

    /**
     * Payloads up to this size (a full Ethernet frame's) are copied into the slot's own array, kept
     * for the next; larger ones get an array of their own, dropped after use, so the slots retain
     * at most this much each.
     */
    static final int KEPT_COPY = 2_048;

    Kind kind;
    long timestampNanos;
    int fileId;
    long fileOffset;

    // ---- a packet ----
    int protocol;
    long srcHi;
    long srcLo;
    long dstHi;
    long dstLo;
    int srcPort;
    int dstPort;
    int tcpFlags;
    int seq;
    int ack;
    int icmpType;
    int icmpCode;
    int payloadLength;
    int payloadCaptured;
    ByteBuffer payloadBuffer;
    int payloadOffset;
    /** The payload lies in a mapped capture, which never changes while reachable (ADR 0018). */
    boolean payloadInPlace;

    // ---- its flow, as it was at the packet ----
    MessageInspector.Connection connection;
    long flowId;
    int sensorId;
    boolean fromClient;
    boolean firstOfSide;
    boolean established;
    boolean encrypted;
    String appProto;
    /** The flow's last packet time (at its end). */
    long flowLastNanos;

    // ---- an application message ----
    ConnectionRef conn;
    HttpTransaction tx;
    String fileName;
    byte[] content;
    Event event;

    private byte[] copy = new byte[0];
    private ByteBuffer copyView = ByteBuffer.wrap(copy);

    /**
     * Bytes this message holds until inspected that the pipeline would otherwise have let go: a
     * payload copied for it, an HTTP body, a mail attachment (0 for a payload it refers to).
     */
    int heldBytes;

    /**
     * A packet and its flow. With {@code copyPayload} the payload is copied unless it lies in a
     * mapped capture: the source overwrites its buffer with the next packets before the engine
     * reads this one.
     */
    void packet(DecodedPacket p, Flow flow, MessageInspector.Connection c, boolean copyPayload) {
        kind = Kind.PACKET;
        timestampNanos = p.record.timestampNanos;
        fileId = p.record.fileId;
        fileOffset = p.record.fileOffset;
        protocol = p.protocol;
        srcHi = p.srcHi;
        srcLo = p.srcLo;
        dstHi = p.dstHi;
        dstLo = p.dstLo;
        srcPort = p.srcPort;
        dstPort = p.dstPort;
        tcpFlags = p.tcpFlags;
        seq = p.seq;
        ack = p.ack;
        icmpType = p.icmpType;
        icmpCode = p.icmpCode;
        payloadLength = p.payloadLength;
        payloadCaptured = p.payloadCaptured;
        payloadInPlace = p.payloadCaptured > 0 && p.record.stableBuffer && p.payloadBuffer == p.record.buffer
                && p.payloadBuffer.isDirect();
        heldBytes = 0;
        if (copyPayload && p.payloadCaptured > 0 && !payloadInPlace) {
            copyPayload(p.payloadBuffer, p.payloadOffset, p.payloadCaptured);
            heldBytes = p.payloadCaptured;
        } else {
            payloadBuffer = p.payloadBuffer;
            payloadOffset = p.payloadOffset;
        }
        connection = c;
        flowId = flow.flowId();
        sensorId = flow.sensorId();
        fromClient = flow.lastPacketFromOrig();
        firstOfSide = fromClient ? flow.origPackets() == 1 : flow.respPackets() == 1;
        established = flow.origPackets() > 0 && flow.respPackets() > 0;
        encrypted = flow.encrypted();
        appProto = flow.appProto();
    }

    private void copyPayload(ByteBuffer from, int offset, int n) {
        if (n > KEPT_COPY) {
            byte[] own = new byte[n];
            from.get(offset, own, 0, n);
            payloadBuffer = ByteBuffer.wrap(own);
        } else {
            if (copy.length < n) {
                copy = new byte[Math.max(n, Math.min(KEPT_COPY, copy.length * 2))];
                copyView = ByteBuffer.wrap(copy);
            }
            from.get(offset, copy, 0, n);
            payloadBuffer = copyView;
        }
        payloadOffset = 0;
    }

    void flowEnd(Flow flow, MessageInspector.Connection c) {
        kind = Kind.FLOW_END;
        heldBytes = 0;
        connection = c;
        flowId = flow.flowId();
        flowLastNanos = flow.lastNanos();
        timestampNanos = flowLastNanos;
    }

    void http(ConnectionRef c, HttpTransaction t, long ts, boolean response) {
        heldBytes = response ? t.responseBody().length : t.requestBody().length;
        kind = response ? Kind.HTTP_RESPONSE : Kind.HTTP_REQUEST;
        conn = c;
        tx = t;
        timestampNanos = ts;
    }

    void mailFile(ConnectionRef c, String name, byte[] bytes, long ts) {
        heldBytes = bytes.length;
        kind = Kind.MAIL_FILE;
        conn = c;
        fileName = name;
        content = bytes;
        timestampNanos = ts;
    }

    void event(Event e, long ts) {
        heldBytes = 0;
        kind = Kind.EVENT;
        event = e;
        timestampNanos = ts;
    }

    void finish() {
        heldBytes = 0;
        kind = Kind.FINISH;
    }

    /** Drops what the slot refers to, so a reused batch keeps no mapping, transaction or file alive. */
    void clear() {
        payloadBuffer = null;
        connection = null;
        appProto = null;
        conn = null;
        tx = null;
        fileName = null;
        content = null;
        event = null;
    }
}
