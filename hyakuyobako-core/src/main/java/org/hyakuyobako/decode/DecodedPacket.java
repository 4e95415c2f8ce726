package org.hyakuyobako.decode;

import java.nio.ByteBuffer;
import org.hyakuyobako.source.PacketRecord;

/**
 * The decoded headers of one packet: a flyweight refilled for every packet by {@link PacketDecoder}.
 *
 * <p>Addresses are held as two longs each (an IPv6 address; IPv4 as its IPv4-mapped form
 * {@code ::ffff:a.b.c.d}), so flow keys and look-ups never build an {@code InetAddress}.
 */
public final class DecodedPacket {
    /** The record the packet came from (time, sensor, file, offset). */
    public PacketRecord record;
    /** 4 or 6. */
    public int ipVersion;
    public long srcHi;
    public long srcLo;
    public long dstHi;
    public long dstLo;
    /** Length of the IP datagram as its header states it (Zeek's ip_bytes). */
    public int ipLength;
    public int ttl;
    /** Transport protocol after all extension headers. */
    public int protocol;
    /** Source and destination ports; for ICMP the type and its counterpart, as Zeek keys ICMP. */
    public int srcPort;
    public int dstPort;
    public int tcpFlags;
    public int seq;
    public int ack;
    public int window;
    public int icmpType;
    public int icmpCode;
    /** Buffer and offset of the transport payload (may be a reassembly buffer). */
    public ByteBuffer payloadBuffer;
    public int payloadOffset;
    /** Payload length as the headers state it. */
    public int payloadLength;
    /** Payload bytes actually present (less than payloadLength when the capture was cut). */
    public int payloadCaptured;
    /** Whether this datagram was rebuilt from IP fragments. */
    public boolean reassembled;
    /** Frame bytes on the wire (for a reassembled datagram, the sum over its fragments). */
    public int wireLength;
    /** Number of link-layer frames behind this datagram (1, or the fragment count). */
    public int frames;

    public long timestampNanos() {
        return record.timestampNanos;
    }

    public int sensorId() {
        return record.sensorId;
    }

    public boolean isIpv4() {
        return ipVersion == 4;
    }

    /** The IPv4 source address as an int (only meaningful for IPv4). */
    public int srcV4() {
        return (int) srcLo;
    }

    /** The IPv4 destination address as an int (only meaningful for IPv4). */
    public int dstV4() {
        return (int) dstLo;
    }
}
