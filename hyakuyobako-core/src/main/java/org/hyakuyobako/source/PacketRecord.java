package org.hyakuyobako.source;

import java.nio.ByteBuffer;

/**
 * One captured packet as a view over its reader's buffer (a flyweight, reused for every packet).
 *
 * <p>Valid until its reader is advanced. Fields are public for the hot path, in the spirit of
 * Agrona's flyweights: no getter chains and no allocation per packet.
 */
public final class PacketRecord {
    /** Buffer holding the packet bytes; index {@link #offset} is the first link-layer byte. */
    public ByteBuffer buffer;
    public int offset;
    /** Bytes captured (present in the buffer). */
    public int capturedLength;
    /** Length on the wire, as the capture header states it. */
    public int wireLength;
    /** Packet time in nanoseconds since the Unix epoch. */
    public long timestampNanos;
    /** LINKTYPE_* value of the interface the packet came from. */
    public int linkType;
    /** Index of the sensor in the analysis' sensor list. */
    public int sensorId;
    /** Index of the input file in the analysis' file list. */
    public int fileId;
    /** Byte offset of the packet's record header in its (decompressed) file: for pivots and carving. */
    public long fileOffset;
    /** pcapng interface id (0 for pcap). */
    public int interfaceId;
    /** Whether {@link #buffer}'s bytes never change while it is reachable ({@link CaptureBytes#stable}). */
    public boolean stableBuffer;

    public void copyFrom(PacketRecord other) {
        buffer = other.buffer;
        offset = other.offset;
        capturedLength = other.capturedLength;
        wireLength = other.wireLength;
        timestampNanos = other.timestampNanos;
        linkType = other.linkType;
        sensorId = other.sensorId;
        fileId = other.fileId;
        fileOffset = other.fileOffset;
        interfaceId = other.interfaceId;
        stableBuffer = other.stableBuffer;
    }
}
