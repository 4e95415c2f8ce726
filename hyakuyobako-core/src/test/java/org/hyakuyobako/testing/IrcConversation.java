package org.hyakuyobako.testing;

import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.util.function.Consumer;
import org.hyakuyobako.event.ConnectionRef;
import org.hyakuyobako.event.Event;
import org.hyakuyobako.proto.irc.IrcSession;

/**
 * Drives a real IRC session (line framing, parser, events) with lines each way at chosen packet
 * times, so detectors that read {@code irc} events are tested on what the parser really emits.
 */
public final class IrcConversation {
    public static final long SECOND = 1_000_000_000L;
    private static long nextFlowId = 1;

    public final ConnectionRef conn;
    private final IrcSession session;
    private long clientOffset;
    private long serverOffset;
    private long now = 1_200_000_000L * SECOND;

    public IrcConversation(Consumer<Event> detector, String host, String server, int port) {
        conn = new ConnectionRef(nextFlowId++, 0, host, 40000, server, port);
        session = new IrcSession(conn, detector);
        session.at(now);
    }

    /** Moves packet time on by {@code seconds}. */
    public IrcConversation after(double seconds) {
        now += (long) (seconds * SECOND);
        session.at(now);
        return this;
    }

    /** Sets packet time to {@code seconds} after the common start of all conversations. */
    public IrcConversation at(double seconds) {
        now = 1_200_000_000L * SECOND + (long) (seconds * SECOND);
        session.at(now);
        return this;
    }

    public long now() {
        return now;
    }

    public IrcConversation client(String lines) {
        byte[] b = lines.getBytes(StandardCharsets.ISO_8859_1);
        session.clientStream().data(ByteBuffer.wrap(b), 0, b.length, clientOffset);
        clientOffset += b.length;
        return this;
    }

    public IrcConversation server(String lines) {
        byte[] b = lines.getBytes(StandardCharsets.ISO_8859_1);
        session.serverStream().data(ByteBuffer.wrap(b), 0, b.length, serverOffset);
        serverOffset += b.length;
        return this;
    }
}
