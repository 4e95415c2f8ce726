package org.hyakuyobako.stream;

import java.nio.ByteBuffer;

/**
 * Receives one direction of a TCP connection as an ordered byte stream. Offsets count from the
 * first byte after the SYN (or from the first byte seen, when the connection was picked up
 * mid-stream). Parsers implement this; they never buffer packets themselves.
 */
public interface StreamConsumer {
    /** Bytes at {@code streamOffset}; the view is valid during the call only. */
    void data(ByteBuffer buffer, int offset, int length, long streamOffset);

    /** Bytes that were never seen (capture loss, a memory limit): the stream resumes after them. */
    void gap(long streamOffset, long length);

    /** The direction ended (FIN reached, RST, or the flow ended). Called once. */
    void end();
}
