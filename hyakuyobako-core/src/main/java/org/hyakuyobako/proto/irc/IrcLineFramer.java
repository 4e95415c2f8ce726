package org.hyakuyobako.proto.irc;

import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.util.function.Consumer;
import org.hyakuyobako.stream.StreamConsumer;

/**
 * Cuts one direction of an IRC stream into lines (CR LF, or a bare LF as many bots send), at most
 * {@link #MAX_LINE} bytes each: a longer line is reported once ({@code irc_line_size_exceeded}, as
 * Zeek names it), its first {@link #MAX_LINE} bytes are handed on and the rest is skipped up to the
 * next line end. Framing only; the meaning of a line is {@link IrcSession}'s.
 */
final class IrcLineFramer implements StreamConsumer {
    /** RFC 2812's 512 bytes including CR LF. */
    static final int MAX_LINE = 512;

    private final byte[] line = new byte[MAX_LINE];
    private int length;
    private boolean overflowing;
    private final Consumer<String> lines;
    private final Runnable tooLong;
    private StreamConsumer raw;

    /**
     * @param lines told each line, without its ending (an overlong line: its first {@link #MAX_LINE} bytes)
     * @param tooLong told once per overlong line
     */
    IrcLineFramer(Consumer<String> lines, Runnable tooLong) {
        this.lines = lines;
        this.tooLong = tooLong;
    }

    /** After the current line, bytes go unframed to {@code to} (the TLS that follows STARTTLS). */
    void switchTo(StreamConsumer to) {
        raw = to;
    }

    @Override
    public void data(ByteBuffer buffer, int offset, int n, long streamOffset) {
        if (raw != null) {
            raw.data(buffer, offset, n, streamOffset);
            return;
        }
        for (int i = 0; i < n; i++) {
            byte b = buffer.get(offset + i);
            if (b == '\n') {
                if (!overflowing) {
                    int end = length > 0 && line[length - 1] == '\r' ? length - 1 : length;
                    lines.accept(new String(line, 0, end, StandardCharsets.ISO_8859_1));
                }
                length = 0;
                overflowing = false;
                if (raw != null) {
                    if (i + 1 < n) {
                        raw.data(buffer, offset + i + 1, n - i - 1, streamOffset + i + 1);
                    }
                    return;
                }
            } else if (overflowing) {
                continue;
            } else if (length == MAX_LINE) {
                tooLong.run();
                lines.accept(new String(line, 0, length, StandardCharsets.ISO_8859_1));
                overflowing = true;
            } else {
                line[length++] = b;
            }
        }
    }

    @Override
    public void gap(long streamOffset, long n) {
        if (raw != null) {
            raw.gap(streamOffset, n);
            return;
        }
        // The reassembler counts the gap (reassembly.gaps); the partial line around it is dropped
        // and framing resumes at the next line end, so no half line is parsed as a command.
        length = 0;
        overflowing = true;
    }

    @Override
    public void end() {
        if (raw != null) {
            raw.end();
            return;
        }
        if (length > 0 && !overflowing) {
            lines.accept(new String(line, 0, length, StandardCharsets.ISO_8859_1));
        }
        length = 0;
    }
}
