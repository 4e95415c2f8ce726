package org.hyakuyobako.proto.http;

import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.util.Locale;
import org.hyakuyobako.stream.StreamConsumer;

/**
 * One direction of an HTTP/1.x connection as a byte-level state machine: start line, headers
 * (lines up to {@link #MAX_LINE} bytes, at most {@link #MAX_HEADERS}), then a body that is skipped
 * by Content-Length or by chunks, its first bytes kept (an executable starts with "MZ"). After a
 * CONNECT the direction becomes a tunnel and its bytes go to whoever takes the tunnel over.
 * Hand-written: HTTP libraries parse from sockets they own, not from reassembled, possibly damaged
 * capture streams with gaps.
 */
final class HttpDirection implements StreamConsumer {
    static final int MAX_LINE = 8_192;
    static final int MAX_HEADERS = 100;
    static final int BODY_PREFIX = 4;

    /** What the session is told. */
    interface Listener {
        void startLine(String line);

        /** A header, its name as sent (callers compare without case). */
        void header(String name, String value);

        /**
         * The headers ended.
         *
         * @return the body length: a number, {@link #CHUNKED}, {@link #UNTIL_CLOSE}, or 0 for none
         */
        long headersEnd();

        /** The first bytes of the body (up to {@link #BODY_PREFIX}), or an empty array when there is none. */
        void bodyStart(byte[] prefix);

        /** A start or header line was longer than {@link #MAX_LINE}: cut there, and reported. */
        void lineTooLong();

        /** The message's body ended (empty when it had none): its first bytes, up to the body limit. */
        default void bodyEnd(byte[] body) {
        }

        /** Body bytes as they go by (dechunked): counted and sampled by whoever needs to. */
        default void bodyData(ByteBuffer buffer, int at, int n) {
        }
    }

    /** A request or status line, to find the next message after a gap. */
    private static final java.util.regex.Pattern START_LINE = java.util.regex.Pattern.compile("HTTP/\\d|[A-Z]{3,12} \\S+ HTTP/\\d");

    static final long CHUNKED = -1;
    static final long UNTIL_CLOSE = -2;

    private enum State { START, HEADERS, BODY, CHUNK_SIZE, CHUNK_DATA, CHUNK_END, TRAILERS, TUNNEL, RESYNC, STOPPED }

    private final Listener listener;
    private State state = State.START;
    private final byte[] line = new byte[MAX_LINE];
    private int lineLength;
    private boolean lineTooLong;
    private int headers;
    private long remaining;
    private final byte[] prefix = new byte[BODY_PREFIX];
    private int prefixLength;
    private boolean prefixReported;
    private StreamConsumer tunnel;
    /** How much of each body to keep for {@link Listener#bodyEnd} (0: none, only the prefix). */
    private int bodyLimit;
    private java.io.ByteArrayOutputStream body;
    private byte[] scratch = new byte[0];
    private boolean bodyEnded;
    private final StringBuilder rawHeaders = new StringBuilder();

    HttpDirection(Listener listener) {
        this.listener = listener;
    }

    void keepBodies(int limit) {
        bodyLimit = limit;
    }

    /** The header lines of the current message as they came, each ended by CR LF (kept only when bodies are). */
    String rawHeaders() {
        return rawHeaders.toString();
    }

    /** From now on the bytes belong to a tunnel (after a CONNECT was accepted); null drops them. */
    void becomeTunnel(StreamConsumer to) {
        state = State.TUNNEL;
        tunnel = to;
    }

    /** Stops parsing (not HTTP any more, or too damaged to follow). */
    void stop() {
        state = State.STOPPED;
    }

    @Override
    public void data(ByteBuffer buffer, int offset, int n, long streamOffset) {
        int i = 0;
        while (i < n) {
            switch (state) {
                case STOPPED -> {
                    return;
                }
                case TUNNEL -> {
                    if (tunnel != null) {
                        tunnel.data(buffer, offset + i, n - i, streamOffset + i);
                    }
                    return;
                }
                case BODY, CHUNK_DATA -> {
                    int take = (int) Math.min(n - i, remaining == UNTIL_CLOSE ? Long.MAX_VALUE : remaining);
                    keepPrefix(buffer, offset + i, take);
                    keepBody(buffer, offset + i, take);
                    listener.bodyData(buffer, offset + i, take);
                    i += take;
                    if (remaining != UNTIL_CLOSE) {
                        remaining -= take;
                        if (remaining == 0) {
                            state = state == State.BODY ? State.START : State.CHUNK_END;
                            if (state == State.START) {
                                finishBody();
                            }
                        }
                    }
                }
                default -> {
                    byte b = buffer.get(offset + i++);
                    if (b == '\n') {
                        int end = lineLength > 0 && line[lineLength - 1] == '\r' ? lineLength - 1 : lineLength;
                        String text = new String(line, 0, end, StandardCharsets.ISO_8859_1);
                        lineLength = 0;
                        if (lineTooLong) {
                            lineTooLong = false;
                            listener.lineTooLong();
                        }
                        line(text);
                    } else if (lineLength < MAX_LINE) {
                        line[lineLength++] = b;
                    } else {
                        lineTooLong = true;
                    }
                }
            }
        }
    }

    private void line(String text) {
        switch (state) {
            case START -> {
                if (text.isEmpty()) {
                    return;     // stray CR LF between messages
                }
                headers = 0;
                rawHeaders.setLength(0);
                listener.startLine(text);
                state = State.HEADERS;
            }
            case HEADERS -> {
                if (text.isEmpty()) {
                    long length = listener.headersEnd();
                    if (state == State.TUNNEL) {
                        return;     // a CONNECT was accepted: what follows is the tunnel's
                    }
                    prefixLength = 0;
                    prefixReported = false;
                    bodyEnded = false;
                    body = bodyLimit > 0 ? new java.io.ByteArrayOutputStream(Math.min(bodyLimit, 4_096)) : null;
                    if (length == CHUNKED) {
                        state = State.CHUNK_SIZE;
                    } else if (length == UNTIL_CLOSE || length > 0) {
                        remaining = length;
                        state = State.BODY;
                    } else {
                        listener.bodyStart(new byte[0]);
                        endBody();
                        state = State.START;
                    }
                    return;
                }
                if (++headers > MAX_HEADERS) {
                    return;
                }
                if (bodyLimit > 0 && rawHeaders.length() < MAX_LINE * 4) {
                    rawHeaders.append(text).append("\r\n");
                }
                int colon = text.indexOf(':');
                if (colon > 0) {
                    listener.header(text.substring(0, colon).strip(), text.substring(colon + 1).strip());
                }
            }
            case CHUNK_SIZE -> {
                int semi = text.indexOf(';');
                String hex = (semi >= 0 ? text.substring(0, semi) : text).strip();
                long size;
                try {
                    size = Long.parseLong(hex, 16);
                } catch (NumberFormatException e) {
                    stop();     // not chunked after all: rather stop than misread the rest
                    return;
                }
                if (size == 0) {
                    finishBody();
                    state = State.TRAILERS;
                } else {
                    remaining = size;
                    state = State.CHUNK_DATA;
                }
            }
            case CHUNK_END -> state = State.CHUNK_SIZE;
            case RESYNC -> {
                if (text.isEmpty()) {
                    state = State.START;    // the end of the message the gap cut: the next one starts clean
                } else if (START_LINE.matcher(text).lookingAt()) {
                    state = State.START;    // the gap took the message's end too: this line starts the next
                    line(text);
                }
            }
            case TRAILERS -> {
                if (text.isEmpty()) {
                    state = State.START;
                }
            }
            default -> {
            }
        }
    }

    private void keepPrefix(ByteBuffer buffer, int at, int n) {
        if (prefixReported) {
            return;
        }
        int take = Math.min(n, BODY_PREFIX - prefixLength);
        buffer.get(at, prefix, prefixLength, take);
        prefixLength += take;
        if (prefixLength == BODY_PREFIX) {
            prefixReported = true;
            listener.bodyStart(prefix.clone());
        }
    }

    private void finishBody() {
        if (!prefixReported) {
            prefixReported = true;
            listener.bodyStart(java.util.Arrays.copyOf(prefix, prefixLength));
        }
        endBody();
    }

    private void keepBody(ByteBuffer buffer, int at, int n) {
        if (body == null) {
            return;
        }
        int take = Math.min(n, bodyLimit - body.size());
        if (take <= 0) {
            return;
        }
        if (scratch.length < take) {
            scratch = new byte[Math.min(Math.max(take, 4_096), bodyLimit)];
        }
        buffer.get(at, scratch, 0, take);
        body.write(scratch, 0, take);
    }

    private void endBody() {
        if (bodyEnded) {
            return;
        }
        bodyEnded = true;
        listener.bodyEnd(body == null ? new byte[0] : body.toByteArray());
        body = null;
    }

    @Override
    public void gap(long streamOffset, long n) {
        if (state == State.BODY && remaining != UNTIL_CLOSE && n < remaining) {
            remaining -= n;     // a hole inside a body: the framing survives
            return;
        }
        if (state == State.BODY && remaining == UNTIL_CLOSE || state == State.TUNNEL || state == State.STOPPED) {
            return;
        }
        if (state == State.START || state == State.HEADERS || state == State.RESYNC) {
            // A hole in a start or header line: drop the partial line and the rest of that message's
            // headers, and read on from the next message.
            lineLength = 0;
            lineTooLong = false;
            state = State.RESYNC;
            return;
        }
        stop();
    }

    @Override
    public void end() {
        if (state == State.BODY || state == State.CHUNK_DATA) {
            finishBody();
        }
        if (tunnel != null) {
            tunnel.end();
        }
        state = State.STOPPED;
    }
}
