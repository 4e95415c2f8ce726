package org.hyakuyobako.source;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.channels.FileChannel;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;

/**
 * Plain capture files, memory-mapped in windows so files larger than 2 GiB never enter the heap.
 *
 * <p>A window is remapped at the start of the requested range when the range runs past its end.
 * Old windows are released by the garbage collector; they cost address space, not heap.
 */
public final class MappedCaptureBytes extends CaptureBytes {
    static final long DEFAULT_WINDOW = 256L * 1024 * 1024;

    private final FileChannel channel;
    private final long size;
    private final long windowSize;
    private ByteBuffer window = ByteBuffer.allocate(0);
    private long windowStart;

    public MappedCaptureBytes(Path path) throws IOException {
        this(path, DEFAULT_WINDOW);
    }

    /** Window size is a parameter so tests can force remapping on small files. */
    public MappedCaptureBytes(Path path, long windowSize) throws IOException {
        this.channel = FileChannel.open(path, StandardOpenOption.READ);
        this.size = channel.size();
        this.windowSize = Math.max(windowSize, 4096);
    }

    @Override
    public ByteBuffer buffer() {
        return window;
    }

    @Override
    public long windowStart() {
        return windowStart;
    }

    @Override
    public boolean ensure(long fileOffset, int length) throws IOException {
        long end = fileOffset + length;
        if (end > size || fileOffset < 0) {
            return false;
        }
        if (fileOffset >= windowStart && end <= windowStart + window.limit()) {
            return true;
        }
        long mapLength = Math.min(Math.max(windowSize, length), size - fileOffset);
        window = channel.map(FileChannel.MapMode.READ_ONLY, fileOffset, mapLength).order(ByteOrder.BIG_ENDIAN);
        windowStart = fileOffset;
        return true;
    }

    /** A window is a read-only mapping, replaced (never refilled) when reading moves past it. */
    @Override
    public boolean stable() {
        return true;
    }

    @Override
    public int available(long fileOffset, int max) {
        return (int) Math.max(0, Math.min(max, size - fileOffset));
    }

    @Override
    public long sizeOnDisk() {
        return size;
    }

    @Override
    public long positionOnDisk(long readerPosition) {
        return readerPosition;
    }

    @Override
    public void close() throws IOException {
        channel.close();
    }
}
