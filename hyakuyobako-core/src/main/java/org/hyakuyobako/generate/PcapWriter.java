package org.hyakuyobako.generate;

import java.io.BufferedOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.zip.GZIPOutputStream;

/**
 * Writes classic pcap in any of its variants (byte order, micro- or nanosecond timestamps), and
 * optionally gzip-compressed: the generator and the tests use it to produce every case the
 * reader must accept.
 */
public final class PcapWriter implements CaptureWriter {
    private final OutputStream out;
    private final ByteBuffer header;
    private final boolean nanos;
    private long bytes;

    public PcapWriter(Path file, int linkType) throws IOException {
        this(Files.newOutputStream(file), linkType, ByteOrder.LITTLE_ENDIAN, false, 262_144, false);
    }

    /**
     * @param order byte order of the file's headers
     * @param nanos nanosecond timestamps (magic 0xa1b23c4d) instead of microseconds
     * @param gzip compress the whole file
     */
    public PcapWriter(OutputStream target, int linkType, ByteOrder order, boolean nanos, int snaplen, boolean gzip)
            throws IOException {
        OutputStream base = gzip ? new GZIPOutputStream(target, 1 << 16) : target;
        this.out = new BufferedOutputStream(base, 1 << 20);
        this.nanos = nanos;
        this.header = ByteBuffer.allocate(24).order(order);
        header.putInt(nanos ? 0xA1B23C4D : 0xA1B2C3D4).putShort((short) 2).putShort((short) 4)
                .putInt(0).putInt(0).putInt(snaplen).putInt(linkType);
        out.write(header.array(), 0, 24);
        bytes = 24;
        header.clear();
    }

    @Override
    public void write(long timestampNanos, byte[] frame, int length, int wireLength) throws IOException {
        header.clear();
        long seconds = Math.floorDiv(timestampNanos, 1_000_000_000L);
        long fraction = Math.floorMod(timestampNanos, 1_000_000_000L);
        header.putInt((int) seconds).putInt((int) (nanos ? fraction : fraction / 1000)).putInt(length).putInt(wireLength);
        out.write(header.array(), 0, 16);
        out.write(frame, 0, length);
        bytes += 16 + length;
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
