package org.hyakuyobako.proto;

import java.util.function.Consumer;
import org.hyakuyobako.event.ConnectionRef;
import org.hyakuyobako.event.Event;
import org.hyakuyobako.stream.StreamConsumer;

/**
 * A text protocol's connection read as lines each way (SMTP, FTP): the framing, the packet time
 * of the line being read and the connection it belongs to; the subclass gives lines their meaning.
 */
public abstract class LineSession {
    protected final ConnectionRef conn;
    protected final Consumer<Event> emit;
    /** Packet time of the data being read. */
    protected long now;
    private final LineFramer client;
    private final LineFramer server;

    protected LineSession(ConnectionRef conn, Consumer<Event> emit, int maxLine, String protocol) {
        this.conn = conn;
        this.emit = emit;
        // Overlong lines are cut, read as far as they fit, and reported (Zeek's weird names).
        String weird = protocol.toLowerCase(java.util.Locale.ROOT) + "_line_too_long";
        this.client = new LineFramer(maxLine, this::clientLine,
                () -> emit.accept(new org.hyakuyobako.event.WeirdEvent(now, conn, weird, "client line over " + maxLine + " bytes", protocol)));
        this.server = new LineFramer(maxLine, this::serverLine,
                () -> emit.accept(new org.hyakuyobako.event.WeirdEvent(now, conn, weird, "server line over " + maxLine + " bytes", protocol)));
    }

    protected abstract void clientLine(String line);

    protected abstract void serverLine(String line);

    /** The consumer for the originator's stream. */
    public StreamConsumer clientStream() {
        return client;
    }

    /** The consumer for the responder's stream. */
    public StreamConsumer serverStream() {
        return server;
    }

    /** Packet time of the data being fed (set before each segment). */
    public void at(long timestampNanos) {
        now = timestampNanos;
    }
}
