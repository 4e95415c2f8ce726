package org.hyakuyobako.generate;

import java.io.BufferedOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;

/**
 * Writes pcapng: a section header, interface descriptions (each with its link type and
 * {@code if_tsresol}), enhanced and simple packet blocks, and arbitrary extra blocks, so tests can
 * build every case the reader must handle.
 */
public final class PcapngWriter implements CaptureWriter {
    private final OutputStream out;
    private final ByteOrder order;
    private final java.util.List<Integer> tsresols = new java.util.ArrayList<>();
    private long bytes;

    public PcapngWriter(OutputStream target, ByteOrder order) throws IOException {
        this.out = new BufferedOutputStream(target, 1 << 20);
        this.order = order;
        sectionHeader();
    }

    /** Starts a new section (interfaces must be described again). */
    public void sectionHeader() throws IOException {
        ByteBuffer b = block(28);
        b.putInt(0x0A0D0D0A).putInt(28).putInt(0x1A2B3C4D).putShort((short) 1).putShort((short) 0)
                .putLong(-1L).putInt(28);
        emit(b);
        tsresols.clear();
    }

    /**
     * Describes an interface.
     *
     * @param tsresol the {@code if_tsresol} byte (6 = microseconds, 9 = nanoseconds, 0x80|n = 2^-n), or -1 for none
     * @return the interface id
     */
    public int addInterface(int linkType, int snaplen, int tsresol) throws IOException {
        int optionsLength = tsresol >= 0 ? 8 + 4 : 0;
        int length = 20 + optionsLength;
        ByteBuffer b = block(length);
        b.putInt(1).putInt(length).putShort((short) linkType).putShort((short) 0).putInt(snaplen);
        if (tsresol >= 0) {
            b.putShort((short) 9).putShort((short) 1).put((byte) tsresol).put((byte) 0).put((byte) 0).put((byte) 0);
            b.putShort((short) 0).putShort((short) 0);
        }
        b.putInt(length);
        emit(b);
        tsresols.add(tsresol < 0 ? 6 : tsresol);
        return tsresols.size() - 1;
    }

    @Override
    public void write(long timestampNanos, byte[] frame, int length, int wireLength) throws IOException {
        writeEnhanced(0, timestampNanos, frame, length, wireLength);
    }

    /** Writes an Enhanced Packet Block on the given interface, in that interface's time units. */
    public void writeEnhanced(int interfaceId, long timestampNanos, byte[] frame, int length, int wireLength)
            throws IOException {
        int padded = (length + 3) & ~3;
        int total = 32 + padded;
        ByteBuffer b = block(total);
        long units = toUnits(timestampNanos, tsresols.get(interfaceId));
        b.putInt(6).putInt(total).putInt(interfaceId).putInt((int) (units >>> 32)).putInt((int) units)
                .putInt(length).putInt(wireLength).put(frame, 0, length);
        for (int i = length; i < padded; i++) {
            b.put((byte) 0);
        }
        b.putInt(total);
        emit(b);
    }

    /** Writes a Simple Packet Block (no timestamp, interface 0). */
    public void writeSimple(byte[] frame, int length, int wireLength) throws IOException {
        int padded = (length + 3) & ~3;
        int total = 16 + padded;
        ByteBuffer b = block(total);
        b.putInt(3).putInt(total).putInt(wireLength).put(frame, 0, length);
        for (int i = length; i < padded; i++) {
            b.put((byte) 0);
        }
        b.putInt(total);
        emit(b);
    }

    /** Writes a block of any type with the given body (padded to 4 bytes). */
    public void writeBlock(int type, byte[] body) throws IOException {
        int padded = (body.length + 3) & ~3;
        int total = 12 + padded;
        ByteBuffer b = block(total);
        b.putInt(type).putInt(total).put(body);
        for (int i = body.length; i < padded; i++) {
            b.put((byte) 0);
        }
        b.putInt(total);
        emit(b);
    }

    static long toUnits(long nanos, int tsresol) {
        if ((tsresol & 0x80) != 0) {
            int shift = tsresol & 0x7F;
            long seconds = nanos / 1_000_000_000L;
            long fraction = nanos % 1_000_000_000L;
            return (seconds << shift) + (long) ((double) fraction / 1e9 * (1L << shift));
        }
        long perSecond = 1;
        for (int i = 0; i < tsresol; i++) {
            perSecond *= 10;
        }
        if (tsresol <= 9) {
            return nanos / (1_000_000_000L / perSecond);
        }
        return nanos * (perSecond / 1_000_000_000L);
    }

    private ByteBuffer block(int length) {
        return ByteBuffer.allocate(length).order(order);
    }

    private void emit(ByteBuffer b) throws IOException {
        out.write(b.array(), 0, b.position());
        bytes += b.position();
    }

    @Override
    public long bytesWritten() {
        return bytes;
    }

    @Override
    public void close() throws IOException {
        out.close();
    }
}
