package org.hyakuyobako.source;

import java.io.Closeable;
import java.io.IOException;
import java.nio.ByteBuffer;

/**
 * A forward-only window over the bytes of one capture file.
 *
 * <p>Readers ask for a range with {@link #ensure(long, int)}; afterwards the range is readable in
 * {@link #buffer()} at index {@code fileOffset - windowStart()}. A range stays valid until the next
 * call to {@code ensure}, which is what lets a packet be a view over the buffer instead of a copy.
 * Readers call {@link #release(long)} when they will never again ask for bytes before an offset:
 * that is what lets the gzip implementation stream instead of holding the whole file.
 */
public abstract class CaptureBytes implements Closeable {
    /** Largest single range a reader may ask for; bigger records are corrupt by definition here. */
    public static final int MAX_RANGE = 64 * 1024 * 1024;

    /** The current window. Byte order is big-endian; readers swap where the format says so. */
    public abstract ByteBuffer buffer();

    /** File offset of index 0 of {@link #buffer()}. */
    public abstract long windowStart();

    /**
     * Makes {@code [fileOffset, fileOffset + length)} readable.
     *
     * @return false when the file ends before {@code fileOffset + length}
     */
    public abstract boolean ensure(long fileOffset, int length) throws IOException;

    /** Declares that no byte before {@code fileOffset} will be asked for again. */
    public void release(long fileOffset) {
        // Mapped files keep nothing on the heap, so there is nothing to release by default.
    }

    /**
     * Whether the bytes a buffer handed out holds never change while the buffer is reachable (a
     * read-only file mapping; a new window is a new buffer). Then a packet's payload may be kept as a
     * view instead of a copy; buffers that are refilled in place answer false.
     */
    public boolean stable() {
        return false;
    }

    /** Bytes available from {@code fileOffset} up to the end of the file, capped at {@code max}. */
    public abstract int available(long fileOffset, int max) throws IOException;

    /** Size of the file on disk (compressed size for gzip), for progress and messages. */
    public abstract long sizeOnDisk();

    /**
     * How far into the on-disk file reading has got, for the progress bar.
     *
     * @param readerPosition the reader's offset in the (decompressed) bytes
     */
    public abstract long positionOnDisk(long readerPosition);

    /** Index in {@link #buffer()} of a file offset that {@link #ensure} made readable. */
    public final int index(long fileOffset) {
        return (int) (fileOffset - windowStart());
    }
}
