package org.hyakuyobako.proto.irc;

import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.util.function.BiConsumer;
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
    private final BiConsumer<String, Boolean> lines;
    private final Runnable tooLong;
    private final Runnable gap;

    /**
     * @param lines told each line (without its ending) and whether it was cut short
     * @param tooLong told once per overlong line
     * @param gap told when the stream lost bytes (a partial line is dropped)
     */
    IrcLineFramer(BiConsumer<String, Boolean> lines, Runnable tooLong, Runnable gap) {
        this.lines = lines;
        this.tooLong = tooLong;
        this.gap = gap;
    }

    @Override
    public void data(ByteBuffer buffer, int offset, int n, long streamOffset) {
        for (int i = 0; i < n; i++) {
            byte b = buffer.get(offset + i);
            if (b == '\n') {
                if (!overflowing) {
                    int end = length > 0 && line[length - 1] == '\r' ? length - 1 : length;
                    lines.accept(new String(line, 0, end, StandardCharsets.ISO_8859_1), false);
                }
                length = 0;
                overflowing = false;
            } else if (overflowing) {
                continue;
            } else if (length == MAX_LINE) {
                tooLong.run();
                lines.accept(new String(line, 0, length, StandardCharsets.ISO_8859_1), true);
                overflowing = true;
            } else {
                line[length++] = b;
            }
        }
    }

    @Override
    public void gap(long streamOffset, long n) {
        length = 0;
        overflowing = true; // resume at the next line end
        gap.run();
    }

    @Override
    public void end() {
        if (length > 0 && !overflowing) {
            lines.accept(new String(line, 0, length, StandardCharsets.ISO_8859_1), false);
        }
        length = 0;
    }
}
