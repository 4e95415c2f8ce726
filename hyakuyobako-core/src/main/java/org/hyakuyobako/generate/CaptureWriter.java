package org.hyakuyobako.generate;

import java.io.Closeable;
import java.io.IOException;

/** Writes link-layer frames with their timestamps into a capture file. */
public interface CaptureWriter extends Closeable {
    /** Writes one packet; {@code wireLength} may exceed {@code length} to model a snapshot length. */
    void write(long timestampNanos, byte[] frame, int length, int wireLength) throws IOException;

    default void write(long timestampNanos, byte[] frame, int length) throws IOException {
        write(timestampNanos, frame, length, length);
    }

    /** Bytes written so far, headers included. */
    long bytesWritten();
}
