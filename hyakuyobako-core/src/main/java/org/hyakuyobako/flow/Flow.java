package org.hyakuyobako.flow;

import org.hyakuyobako.decode.IpAddresses;
import org.hyakuyobako.decode.IpProtocol;

/**
 * One bidirectional flow: 5-tuple and sensor as its key, the originator decided as Zeek does,
 * counters each way, and TCP state. Objects are pooled by {@link FlowTable}; nothing here is
 * allocated per packet.
 */
public final class Flow {
    // Key.
    int sensorId;
    int protocol;
    int ipVersion;
    long origHi;
    long origLo;
    long respHi;
    long respLo;
    int origPort;
    int respPort;
    int hash;

    // Table and timeout-list links (see FlowTable).
    Flow chainNext;
    Flow lruPrev;
    Flow lruNext;
    int lruList = -1;

    // Identity and pivots.
    long flowId;
    int firstFileId;
    long firstFileOffset;

    // Time, in nanoseconds of packet time.
    long firstNanos;
    long lastNanos;
    /** Zeek stops extending the duration once both sides closed. */
    long durationEndNanos;
    long sliceStartNanos;

    // Counters.
    long origPackets;
    long respPackets;
    long origWireBytes;
    long respWireBytes;
    long origIpBytes;
    long respIpBytes;
    long origPayloadBytes;
    long respPayloadBytes;

    // Zeek-style history and UDP/other activity.
    final byte[] history = new byte[64];
    int historyLength;
    int historySeen;
    boolean flipped;
    boolean origActive;
    boolean respActive;

    // TCP.
    final TcpEndpoint orig = new TcpEndpoint();
    final TcpEndpoint resp = new TcpEndpoint();
    long closedAtNanos = -1;
    boolean seenFirstPacketOrig;

    /** The application protocol by content ("irc", "http", ...), once known; null before. */
    String appProto;

    /** Set by the table for the packet being processed: whether it travelled originator to responder. */
    boolean lastPacketFromOrig;

    /** The application protocol switched to encryption (a TLS connection past its handshake). */
    private boolean encrypted;

    /** For a flow replayed from another tool's record: its connection state as recorded (else null, and worked out). */
    String recordedConnState;
    /** Rebuilt from a record (firewall log, flow file) rather than seen packet by packet. */
    private boolean replayed;

    /** Per-connection state of pipeline stages, by {@link FlowAttachmentKey}; null until one is attached. */
    private Object[] attachments;

    /** The state attached under {@code key}, or null. */
    public Object attachment(FlowAttachmentKey key) {
        Object[] a = attachments;
        return a != null && key.index < a.length ? a[key.index] : null;
    }

    /** Attaches {@code value} (null detaches); it goes when the connection ends and this object is reused. */
    public void attach(FlowAttachmentKey key, Object value) {
        if (attachments == null || key.index >= attachments.length) {
            Object[] grown = new Object[Math.max(key.index + 1, FlowAttachmentKey.count())];
            if (attachments != null) {
                System.arraycopy(attachments, 0, grown, 0, attachments.length);
            }
            attachments = grown;
        }
        attachments[key.index] = value;
    }

    void reset() {
        if (attachments != null) {
            java.util.Arrays.fill(attachments, null);
        }
        chainNext = null;
        lruPrev = null;
        lruNext = null;
        lruList = -1;
        origPackets = respPackets = 0;
        origWireBytes = respWireBytes = 0;
        origIpBytes = respIpBytes = 0;
        origPayloadBytes = respPayloadBytes = 0;
        historyLength = 0;
        historySeen = 0;
        flipped = false;
        origActive = respActive = false;
        orig.reset();
        resp.reset();
        closedAtNanos = -1;
        seenFirstPacketOrig = false;
        recordedConnState = null;
        replayed = false;
        appProto = null;
        encrypted = false;
    }

    /** Adds a letter to the history (bounded; a pathological flow cannot grow it). */
    void addHistory(char code) {
        if (historyLength < history.length) {
            history[historyLength++] = (byte) code;
        }
    }

    /**
     * Zeek's Connection::CheckHistory: adds {@code code} the first time {@code mask} is seen.
     *
     * @return true when the mask had been seen before
     */
    boolean checkHistory(int mask, char code) {
        if ((historySeen & mask) == 0) {
            historySeen |= mask;
            addHistory(code);
            return false;
        }
        return true;
    }

    /** Swaps originator and responder (Zeek's FlipRoles), marking the history with '^'. */
    void flipRoles() {
        long h = origHi;
        long l = origLo;
        int p = origPort;
        origHi = respHi;
        origLo = respLo;
        origPort = respPort;
        respHi = h;
        respLo = l;
        respPort = p;
        flipped = !flipped;
        historySeen = (historySeen >>> 16) | (historySeen << 16);
        addHistory('^');
    }

    public long flowId() {
        return flowId;
    }

    public int sensorId() {
        return sensorId;
    }

    public int protocol() {
        return protocol;
    }

    public long origHi() {
        return origHi;
    }

    public long origLo() {
        return origLo;
    }

    public long respHi() {
        return respHi;
    }

    public long respLo() {
        return respLo;
    }

    public int origPort() {
        return origPort;
    }

    public int respPort() {
        return respPort;
    }

    public long firstNanos() {
        return firstNanos;
    }

    public long lastNanos() {
        return lastNanos;
    }

    public String appProto() {
        return appProto;
    }

    public void setAppProto(String proto) {
        this.appProto = proto;
    }

    /** Whether the rest of this connection is ciphertext (set by the TLS parser once both sides changed cipher spec). */
    public boolean encrypted() {
        return encrypted;
    }

    public void markEncrypted() {
        encrypted = true;
    }

    public boolean lastPacketFromOrig() {
        return lastPacketFromOrig;
    }

    /** TCP/UDP payload bytes the originator sent in this record's slice. */
    public long origPayloadBytes() {
        return origPayloadBytes;
    }

    /** TCP/UDP payload bytes the responder sent in this record's slice. */
    public long respPayloadBytes() {
        return respPayloadBytes;
    }

    public long origPackets() {
        return origPackets;
    }

    public long respPackets() {
        return respPackets;
    }

    /**
     * A flow rebuilt from a record another tool wrote (a firewall log, a flow file), for the
     * flow-level detectors: addresses, ports, times, counters, history, app_proto and the recorded
     * connection state. Its TCP endpoints are not rebuilt; {@link ConnState#of} gives the recorded state.
     */
    public static Flow replay(FlowRecord r) {
        Flow f = new Flow();
        f.flowId = r.flowId();
        f.sensorId = r.sensorId();
        f.protocol = r.protocol();
        f.ipVersion = IpAddresses.isV4(r.srcHi(), r.srcLo()) ? 4 : 6;
        f.origHi = r.srcHi();
        f.origLo = r.srcLo();
        f.respHi = r.destHi();
        f.respLo = r.destLo();
        f.origPort = r.srcPort();
        f.respPort = r.destPort();
        f.firstFileId = r.firstFileId();
        f.firstFileOffset = r.firstFileOffset();
        f.firstNanos = r.startNanos();
        f.sliceStartNanos = r.startNanos();
        f.lastNanos = r.endNanos();
        f.durationEndNanos = r.startNanos() + r.durationNanos();
        f.origPackets = r.pktsToServer();
        f.respPackets = r.pktsToClient();
        f.origWireBytes = r.bytesToServer();
        f.respWireBytes = r.bytesToClient();
        f.origIpBytes = r.origIpBytes();
        f.respIpBytes = r.respIpBytes();
        f.origPayloadBytes = r.origSeqBytes();
        f.respPayloadBytes = r.respSeqBytes();
        byte[] h = r.history() == null ? new byte[0] : r.history().getBytes(java.nio.charset.StandardCharsets.US_ASCII);
        f.historyLength = Math.min(h.length, f.history.length);
        System.arraycopy(h, 0, f.history, 0, f.historyLength);
        f.origActive = r.pktsToServer() > 0;
        f.respActive = r.pktsToClient() > 0;
        f.appProto = r.appProto();
        f.recordedConnState = r.connState();
        f.lastPacketFromOrig = true;
        f.replayed = true;
        return f;
    }

    /**
     * Whether the originator itself sent more than resets: its SYN, an ACK or data (Zeek's upper-case
     * history letters). A connection a spoofed packet made up (an outside node's data to a host that
     * only answered with a reset, the roles flipped by the server-port guess) has no such letter.
     */
    public boolean originatorTalked() {
        if (replayed) {
            return true;
        }
        for (int i = 0; i < historyLength; i++) {
            byte c = history[i];
            if (c == 'S' || c == 'A' || c == 'D') {
                return true;
            }
        }
        return false;
    }

    /** Whether this record covers the connection's start (not a later slice cut by the active timeout). */
    public boolean firstSlice() {
        return sliceStartNanos == firstNanos;
    }

    /** True for a flow rebuilt from a record: its counters and end time are known from its start, its payload never. */
    public boolean isReplayed() {
        return replayed;
    }

    /**
     * Whether the responder sent anything back. Records without a split by direction (an ASA
     * Teardown counts the payload of both ways together) count as answered when they carried payload.
     */
    public boolean answered() {
        if (respPackets > 0 || respPayloadBytes > 0) {
            return true;
        }
        return origPackets == 0 && origPayloadBytes + respPayloadBytes > 0;
    }

    public String history() {
        return new String(history, 0, historyLength, java.nio.charset.StandardCharsets.US_ASCII);
    }

    @Override
    public String toString() {
        return IpProtocol.eveName(protocol) + " " + IpAddresses.format(origHi, origLo) + ":" + origPort
                + " -> " + IpAddresses.format(respHi, respLo) + ":" + respPort + " sensor " + sensorId;
    }
}
