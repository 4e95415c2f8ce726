package org.hyakuyobako.source;

import java.io.IOException;
import java.io.InputStream;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.util.function.LongSupplier;

/**
 * Captures that can only be streamed (gzip-compressed files): a growable direct buffer that is
 * compacted as the reader moves forward, so memory stays bounded by the largest record.
 */
public final class StreamCaptureBytes extends CaptureBytes {
    private static final int INITIAL_CAPACITY = 4 * 1024 * 1024;

    private final InputStream in;
    private final long sizeOnDisk;
    private final LongSupplier diskPosition;
    private final byte[] chunk = new byte[256 * 1024];
    private ByteBuffer buffer = ByteBuffer.allocateDirect(INITIAL_CAPACITY).order(ByteOrder.BIG_ENDIAN);
    private long windowStart;
    private boolean eof;
    private long released;

    /**
     * @param in decompressed bytes
     * @param sizeOnDisk size of the compressed file
     * @param diskPosition how many compressed bytes have been consumed (for progress)
     */
    public StreamCaptureBytes(InputStream in, long sizeOnDisk, LongSupplier diskPosition) {
        this.in = in;
        this.sizeOnDisk = sizeOnDisk;
        this.diskPosition = diskPosition;
        buffer.limit(0);
    }

    @Override
    public ByteBuffer buffer() {
        return buffer;
    }

    @Override
    public long windowStart() {
        return windowStart;
    }

    @Override
    public boolean ensure(long fileOffset, int length) throws IOException {
        if (fileOffset < windowStart || length < 0 || length > MAX_RANGE) {
            return false;
        }
        long end = fileOffset + length;
        if (end <= windowStart + buffer.limit()) {
            return true;
        }
        discardBefore(Math.min(released, fileOffset));
        int needed = (int) (end - windowStart);
        if (needed > buffer.capacity()) {
            grow(needed);
        }
        while (buffer.limit() < needed && !eof) {
            fill();
        }
        return buffer.limit() >= needed;
    }

    @Override
    public void release(long fileOffset) {
        released = Math.max(released, fileOffset);
    }

    @Override
    public int available(long fileOffset, int max) throws IOException {
        int want = (int) Math.min(max, MAX_RANGE);
        ensure(fileOffset, want);
        long have = windowStart + buffer.limit() - fileOffset;
        return (int) Math.max(0, Math.min(want, have));
    }

    private void discardBefore(long fileOffset) {
        int drop = (int) Math.min(fileOffset - windowStart, buffer.limit());
        if (drop <= 0) {
            return;
        }
        buffer.position(drop);
        buffer.compact();
        buffer.flip();
        windowStart += drop;
    }

    private void grow(int needed) {
        int capacity = Math.max(needed, buffer.capacity() * 2);
        ByteBuffer bigger = ByteBuffer.allocateDirect(capacity).order(ByteOrder.BIG_ENDIAN);
        buffer.position(0);
        bigger.put(buffer);
        bigger.flip();
        buffer = bigger;
    }

    private void fill() throws IOException {
        int room = Math.min(chunk.length, buffer.capacity() - buffer.limit());
        int n = in.read(chunk, 0, room);
        if (n < 0) {
            eof = true;
            return;
        }
        int limit = buffer.limit();
        buffer.limit(limit + n);
        buffer.put(limit, chunk, 0, n);
    }

    @Override
    public long sizeOnDisk() {
        return sizeOnDisk;
    }

    @Override
    public long positionOnDisk(long readerPosition) {
        // Compressed bytes consumed: the decompressed offset says nothing about the file on disk.
        return diskPosition.getAsLong();
    }

    @Override
    public void close() throws IOException {
        in.close();
    }
}
