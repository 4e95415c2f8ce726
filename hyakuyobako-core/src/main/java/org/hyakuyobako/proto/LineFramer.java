package org.hyakuyobako.proto;

import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.util.function.Consumer;
import org.hyakuyobako.stream.StreamConsumer;

/**
 * Cuts a text protocol's stream into lines (CR LF or bare LF), each at most {@code maxLine} bytes:
 * the rest of a longer line is dropped and counted. A gap drops the partial line and resumes at the
 * next line end, so no half line is parsed.
 */
public final class LineFramer implements StreamConsumer {
    private final byte[] line;
    private int length;
    private boolean overflowing;
    private boolean afterGap;
    private final Consumer<String> lines;
    private final Runnable tooLong;

    /**
     * @param lines told each line (an overlong one: its first {@code maxLine} bytes)
     * @param tooLong told once per overlong line, so the session can report it
     */
    public LineFramer(int maxLine, Consumer<String> lines, Runnable tooLong) {
        this.line = new byte[maxLine];
        this.lines = lines;
        this.tooLong = tooLong;
    }

    @Override
    public void data(ByteBuffer buffer, int offset, int n, long streamOffset) {
        for (int i = 0; i < n; i++) {
            byte b = buffer.get(offset + i);
            if (b == '\n') {
                if (!afterGap) {
                    int end = length > 0 && line[length - 1] == '\r' ? length - 1 : length;
                    lines.accept(new String(line, 0, end, StandardCharsets.ISO_8859_1));
                }
                length = 0;
                overflowing = false;
                afterGap = false;
            } else if (length < line.length) {
                line[length++] = b;
            } else if (!overflowing) {
                overflowing = true;
                tooLong.run();
            }
        }
    }

    @Override
    public void gap(long streamOffset, long n) {
        length = 0;
        afterGap = true;
    }

    @Override
    public void end() {
        if (length > 0 && !afterGap) {
            lines.accept(new String(line, 0, length, StandardCharsets.ISO_8859_1));
        }
        length = 0;
    }

}
