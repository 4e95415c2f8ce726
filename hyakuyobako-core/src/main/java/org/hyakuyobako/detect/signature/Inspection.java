package org.hyakuyobako.detect.signature;

import java.nio.ByteBuffer;
import java.util.HashMap;
import java.util.Map;
import org.hyakuyobako.rules.Buffer;
import org.hyakuyobako.rules.BufferRef;
import org.hyakuyobako.rules.Slot;
import org.hyakuyobako.rules.Transform;

/**
 * One thing the rules look at: a packet, a piece of reassembled stream, an HTTP request or
 * response, a DNS message, a TLS handshake or a mail attachment, with its 5-tuple in the direction
 * it travelled and the buffers it fills. Reused: {@link #reset} before each use.
 */
public final class Inspection {
    public Slot slot;
    /** IP protocol number: 6, 17, 1 or 58. */
    public int ipProtocol;
    public long srcHi;
    public long srcLo;
    public long dstHi;
    public long dstLo;
    public int srcPort;
    public int dstPort;
    /** From the connection's client (its originator) to its server. */
    public boolean toServer;
    public boolean established;
    /** The flow's app_proto (EVE names), or null. */
    public String appProto;
    public long flowId;
    public int sensorId;
    public long timestampNanos;
    /** The packet's payload length (dsize), or -1 when this is not a packet. */
    public int dsize = -1;
    public int tcpFlags = -1;
    public int icmpType = -1;
    public int icmpCode = -1;
    public int dnsRcode = -1;
    /** The URI length for urilen: normalised and raw. */
    public int uriLength = -1;
    public int rawUriLength = -1;
    /**
     * Which sides are in the home net (source 2, destination 1): -1 until the engine works it out,
     * or set by the caller from {@link SignatureEngine#homeSides} (once per connection).
     */
    public int homeSides = -1;
    /** Where the raw data is (the capture file's id and the record's offset), for the alert; -1 when not from one packet. */
    public int fileId = -1;
    public long fileOffset = -1;
    /** Application fields for the alert (http hostname and url, dns rrname, tls sni). */
    public final Map<String, String> app = new HashMap<>();

    private final byte[][] buffers = new byte[Buffer.values().length][];
    private boolean buffersSet;
    /** A stream chunk's bytes for PAYLOAD, put into one array only if someone asks for the buffer. */
    private ChunkBytes chunk;
    /**
     * A packet's payload for PAYLOAD where it lies in a mapped capture file, copied into an array
     * only if someone asks for the buffer (a rule to verify, a Java scanner): the prefilter's
     * Hyperscan scan reads it in place, and a stream chunk keeps a view of it.
     */
    private ByteBuffer inPlace;
    private int inPlaceOffset;
    private int inPlaceLength;
    /** The array {@link #payloadScratch} copies an in-place payload into, reused. */
    private byte[] scratch = new byte[2_048];
    private final Map<BufferRef, byte[]> transformed = new HashMap<>();

    public void reset(Slot slot) {
        this.slot = slot;
        ipProtocol = 0;
        srcHi = srcLo = dstHi = dstLo = 0;
        srcPort = dstPort = 0;
        toServer = true;
        established = false;
        appProto = null;
        flowId = 0;
        sensorId = 0;
        dsize = tcpFlags = icmpType = icmpCode = dnsRcode = uriLength = rawUriLength = homeSides = -1;
        fileId = -1;
        fileOffset = -1;
        // Reset runs on every packet: clearing an empty map still sweeps its table, and most
        // inspections set one buffer or none.
        if (!app.isEmpty()) {
            app.clear();
        }
        if (!transformed.isEmpty()) {
            transformed.clear();
        }
        if (buffersSet) {
            java.util.Arrays.fill(buffers, null);
            buffersSet = false;
        }
        chunk = null;
        inPlace = null;
    }

    public void set(Buffer b, byte[] bytes) {
        buffers[b.ordinal()] = bytes;
        buffersSet = true;
    }

    /** PAYLOAD is a stream chunk's bytes, in pieces until {@link #get} asks for them. */
    void setChunk(ChunkBytes c) {
        chunk = c;
    }

    /**
     * PAYLOAD is {@code buffer[offset, offset + length)}, a direct buffer whose bytes never change
     * while it is reachable (a capture file's read-only mapping).
     */
    void setPayloadInPlace(ByteBuffer buffer, int offset, int length) {
        inPlace = buffer;
        inPlaceOffset = offset;
        inPlaceLength = length;
    }

    /** The buffer PAYLOAD lies in while it has not been copied into an array, else null. */
    ByteBuffer payloadInPlace() {
        return buffers[Buffer.PAYLOAD.ordinal()] == null ? inPlace : null;
    }

    int payloadInPlaceOffset() {
        return inPlaceOffset;
    }

    int payloadInPlaceLength() {
        return inPlaceLength;
    }

    /**
     * An array whose first {@link #payloadInPlaceLength} bytes are the in-place PAYLOAD's: a copy
     * into an array reused from inspection to inspection (valid until the next call; not PAYLOAD's
     * array, which stays unmade).
     */
    byte[] payloadScratch() {
        if (scratch.length < inPlaceLength) {
            scratch = new byte[Math.max(inPlaceLength, 2 * scratch.length)];
        }
        inPlace.get(inPlaceOffset, scratch, 0, inPlaceLength);
        return scratch;
    }

    /** PAYLOAD's array if it was made (or set) already, without making it. */
    byte[] payloadIfArray() {
        return buffers[Buffer.PAYLOAD.ordinal()];
    }

    /** The stream chunk given as PAYLOAD, or null. */
    ChunkBytes chunk() {
        return chunk;
    }

    /** Whether the buffer is there, without putting a chunk's pieces together. */
    boolean has(Buffer b) {
        return buffers[b.ordinal()] != null || b == Buffer.PAYLOAD && (chunk != null || inPlace != null);
    }

    public byte[] get(Buffer b) {
        byte[] bytes = buffers[b.ordinal()];
        if (bytes == null && b == Buffer.PAYLOAD) {
            if (chunk != null) {
                bytes = chunk.whole();
                set(b, bytes);
            } else if (inPlace != null) {
                bytes = new byte[inPlaceLength];
                inPlace.get(inPlaceOffset, bytes, 0, inPlaceLength);
                set(b, bytes);
            }
        }
        return bytes;
    }

    /** The buffer with the rule's transforms applied (computed once per inspection). */
    byte[] get(BufferRef ref) {
        byte[] raw = get(ref.buffer());
        if (raw == null || ref.transforms().isEmpty()) {
            return raw;
        }
        return transformed.computeIfAbsent(ref, r -> Transform.apply(r.transforms(), raw));
    }
}
