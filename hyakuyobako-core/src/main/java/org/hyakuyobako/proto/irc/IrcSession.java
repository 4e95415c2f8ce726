package org.hyakuyobako.proto.irc;

import java.util.Set;
import java.util.function.Consumer;
import org.hyakuyobako.event.ConnectionRef;
import org.hyakuyobako.event.Event;
import org.hyakuyobako.event.IrcEvent;
import org.hyakuyobako.event.WeirdEvent;
import org.hyakuyobako.proto.tls.TlsSession;
import org.hyakuyobako.stream.StreamConsumer;

/**
 * One IRC connection: frames both directions into lines, parses them, keeps the session's nick
 * and user, and emits {@code irc} events for the messages worth logging and {@code weird} events
 * for damage. After {@link #MAX_INVALID} invalid lines in one direction it stops parsing that
 * direction, as Zeek does, so a non-IRC stream cannot flood the output.
 */
public final class IrcSession {
    static final int MAX_INVALID = 20;
    /** Numerics logged: welcome, userhost, topic, names, errors bots meet. */
    static final Set<String> LOGGED_NUMERICS = Set.of("001", "302", "332", "333", "353", "366", "404", "433", "465", "471",
            "473", "474", "475", "482");

    private final ConnectionRef conn;
    private final Consumer<Event> emit;
    private final IrcLineFramer client;
    private final IrcLineFramer server;
    private String nick;
    private String user;
    private long now;
    private final int[] invalid = new int[2];
    private final int[] valid = new int[2];
    /** Set once the client asks for STARTTLS: what follows is a TLS handshake, not IRC lines. */
    private boolean tls;
    /** The handshake after STARTTLS, read for its server name and certificate. */
    private TlsSession tlsSession;
    /** The prefix nick of the line being handled (who the server says sent it). */
    private String sender;

    public IrcSession(ConnectionRef conn, Consumer<Event> emit) {
        this.conn = conn;
        this.emit = emit;
        this.client = framer(true);
        this.server = framer(false);
    }

    private IrcLineFramer framer(boolean fromClient) {
        return new IrcLineFramer(line -> line(line, fromClient), () -> weird("irc_line_size_exceeded", null));
    }

    /** The consumer for the originator's stream. */
    public StreamConsumer clientStream() {
        return client;
    }

    /** The consumer for the responder's stream. */
    public StreamConsumer serverStream() {
        return server;
    }

    /** Packet time of the data being fed (set by the caller before each segment). */
    public void at(long timestampNanos) {
        this.now = timestampNanos;
        if (tlsSession != null) {
            tlsSession.at(timestampNanos);
        }
    }

    /** Whether the TLS that followed STARTTLS is past its handshake: what follows is ciphertext. */
    public boolean encrypted() {
        return tlsSession != null && tlsSession.encrypted();
    }

    /** The connection ended: a TLS handshake after STARTTLS is reported as far as it was seen. */
    public void close() {
        if (tlsSession != null) {
            tlsSession.close();
        }
    }

    private void weird(String name, String addl) {
        emit.accept(new WeirdEvent(now, conn, name, addl, "IRC"));
    }

    void line(String text, boolean fromClient) {
        int side = fromClient ? 0 : 1;
        if (tls && fromClient || invalid[side] >= MAX_INVALID || text.isBlank()) {
            return;
        }
        IrcMessage m = IrcMessage.parse(text);
        if (m == null) {
            invalid[side]++;
            weird("irc_invalid_command", null);
            if (invalid[side] == MAX_INVALID && valid[side] > 0) {
                // Valid lines first, then only garbage, with no STARTTLS: the session became something
                // else (seed 001, a change of protocol within a C&C session).
                weird("irc_protocol_change", (fromClient ? "client" : "server") + " sent " + MAX_INVALID
                        + " non-IRC lines after " + valid[side] + " IRC line(s)");
            }
            return;
        }
        valid[side]++;
        sender = m.prefixNick();
        String cmd = m.command();
        switch (cmd) {
            case "NICK" -> {
                String newNick = m.param(0);
                if (fromClient && newNick != null) {
                    nick = newNick;
                }
                log(fromClient, "NICK", newNick, null, null);
            }
            case "USER" -> {
                if (fromClient) {
                    user = m.param(0);
                }
                log(fromClient, "USER", m.param(0), m.params().size() > 3 ? m.params().get(m.params().size() - 1) : null, null);
            }
            case "JOIN" -> {
                String channels = m.param(0);
                if (channels == null) {
                    return;
                }
                String[] names = channels.split(",");
                String[] keys = m.param(1) == null ? new String[0] : m.param(1).split(",");
                for (int i = 0; i < names.length; i++) {
                    log(fromClient, "JOIN", names[i], i < keys.length ? keys[i] : null, names[i]);
                }
            }
            case "PRIVMSG", "NOTICE" -> {
                String target = m.param(0);
                String text2 = m.param(1);
                String command = text2 != null && text2.startsWith("\u0001DCC ") ? "DCC" : cmd;
                log(fromClient, command, target, text2, target != null && isChannel(target) ? target : null);
            }
            case "TOPIC", "PART", "KICK", "MODE", "INVITE" -> log(fromClient, cmd, m.param(0), m.param(1), channelOf(m.param(0)));
            case "QUIT", "PASS", "CAP", "OPER", "USERHOST" -> log(fromClient, cmd, m.param(0), m.param(1), null);
            case "332" -> log(fromClient, "TOPIC", m.param(1), m.param(2), m.param(1));
            case "353" -> names(m, fromClient);
            case "001" -> {
                if (m.param(0) != null) {
                    nick = m.param(0);
                }
                log(fromClient, cmd, m.param(0), m.param(1), null);
            }
            case "STARTTLS" -> {
                // The rest of the connection is TLS (IRCv3 tls extension): the client's bytes after
                // this line, the server's after its 670 go to the TLS handshake reader, as Zeek
                // hands over to its SSL analyzer.
                log(fromClient, cmd, null, null, null);
                if (fromClient) {
                    tls = true;
                    tlsSession = new TlsSession(conn, emit);
                    tlsSession.at(now);
                    client.switchTo(tlsSession.clientStream());
                }
            }
            case "670" -> {
                if (!fromClient && tlsSession != null) {
                    server.switchTo(tlsSession.serverStream());
                }
            }
            case "PING", "PONG" -> {
                // Keep-alives: counted by the timing analysis, not logged one by one.
            }
            default -> {
                if (LOGGED_NUMERICS.contains(cmd)) {
                    log(fromClient, cmd, m.param(1), m.param(2), channelOf(m.param(1)));
                }
            }
        }
    }

    /** RPL_NAMREPLY: {@code nick (=|*|@) #channel :names...}; anything else is a malformed names line. */
    private void names(IrcMessage m, boolean fromClient) {
        if (m.params().size() < 4 || !isChannel(m.param(2))) {
            weird("irc_invalid_names_line", null);
            return;
        }
        log(fromClient, "NAMES", m.param(2), m.param(3), m.param(2));
    }

    private static boolean isChannel(String s) {
        return s != null && !s.isEmpty() && "#&!+".indexOf(s.charAt(0)) >= 0;
    }

    private static String channelOf(String s) {
        return isChannel(s) ? s : null;
    }

    private void log(boolean fromClient, String command, String value, String addl, String channel) {
        emit.accept(new IrcEvent(now, conn, fromClient, nick, user, sender, command, value, addl, channel));
    }
}
