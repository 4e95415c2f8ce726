package org.hyakuyobako.proto.ftp;

import java.util.ArrayDeque;
import java.util.Locale;
import java.util.Set;
import java.util.function.Consumer;
import org.hyakuyobako.event.ConnectionRef;
import org.hyakuyobako.event.Event;
import org.hyakuyobako.event.FtpEvent;
import org.hyakuyobako.proto.LineSession;

/**
 * An FTP control connection (RFC 959): the user name, and each file command (RETR, STOR, …) with
 * the reply that settled it (the last of a 1xx preliminary then 2xx/4xx/5xx completion), as an
 * {@code ftp} event. The data connections are flows of their own. After AUTH TLS the rest is TLS.
 */
public final class FtpSession extends LineSession {
    static final int MAX_LINE = 2_048;
    static final int MAX_PENDING = 16;
    static final Set<String> FILE_COMMANDS = Set.of("RETR", "STOR", "STOU", "APPE", "DELE", "SIZE");

    private record Pending(String command, String arg) {
    }

    private final ArrayDeque<Pending> pending = new ArrayDeque<>();
    private String user;
    private boolean tls;
    /** The server accepted AUTH (234): the rest of the control connection is TLS. */
    private boolean encrypted;

    public FtpSession(ConnectionRef conn, Consumer<Event> emit) {
        super(conn, emit, MAX_LINE, "FTP");
    }

    @Override
    protected void clientLine(String line) {
        if (tls) {
            return;
        }
        int space = line.indexOf(' ');
        String verb = (space < 0 ? line : line.substring(0, space)).strip().toUpperCase(Locale.ROOT);
        String arg = space < 0 ? null : line.substring(space + 1).strip();
        if (verb.equals("USER")) {
            user = arg;
        } else if (verb.equals("AUTH")) {
            tls = true;
        } else if (FILE_COMMANDS.contains(verb) && pending.size() < MAX_PENDING) {
            pending.add(new Pending(verb, arg));
        }
    }

    @Override
    protected void serverLine(String line) {
        if (tls && !encrypted && line.startsWith("234")) {
            encrypted = true;
        }
        if (tls || line.length() < 4 || line.charAt(3) != ' ' || pending.isEmpty()) {
            return;     // continuation lines and replies to commands we do not log
        }
        int code;
        try {
            code = Integer.parseInt(line.substring(0, 3));
        } catch (NumberFormatException e) {
            return;
        }
        if (code / 100 == 1) {
            return;     // preliminary: the transfer starts, its outcome comes later
        }
        Pending p = pending.poll();
        emit.accept(new FtpEvent(now, conn, user, p.command(), p.arg(), code, line.substring(4).strip()));
    }

    /** Whether the server accepted AUTH TLS: the rest of the connection is a TLS handshake and ciphertext. */
    public boolean encrypted() {
        return encrypted;
    }

    /** Commands never answered are logged without a reply. */
    public void close() {
        for (Pending p : pending) {
            emit.accept(new FtpEvent(now, conn, user, p.command(), p.arg(), 0, null));
        }
        pending.clear();
    }
}
