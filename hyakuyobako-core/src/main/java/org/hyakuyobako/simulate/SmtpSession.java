package org.hyakuyobako.simulate;

import java.util.SplittableRandom;

/**
 * One SMTP delivery over a {@link Tcp} connection, pipelined as mail programs do: banner, EHLO with
 * MAIL/RCPT/DATA, the message, QUIT. The server may refuse at the door (RST: nobody listens) or by
 * its banner (554: the sender is blocked). Spam bots and the benign mail relay both speak it.
 */
final class SmtpSession {
    enum Outcome { DELIVERED, REFUSED, REJECTED }

    /** The server's think time before each answer. */
    static final double SERVER_MIN_MS = 2;
    static final double SERVER_MAX_MS = 60;

    private SmtpSession() {
    }

    /**
     * Delivers {@code body} (headers and text) from {@code sender} to {@code recipient}; returns when
     * the connection is closed.
     */
    static long deliver(Tcp tcp, SplittableRandom r, String heloName, String sender, String recipient, byte[] body, Outcome outcome,
                        long t) {
        if (outcome == Outcome.REFUSED) {
            return tcp.refused(t);
        }
        long at = tcp.open(t);
        if (outcome == Outcome.REJECTED) {
            at = tcp.serverSends(at + think(r), Payloads.text("554 5.7.1 Service unavailable; client host blocked\r\n"));
            at = tcp.clientSends(at + think(r), Payloads.text("QUIT\r\n"));
            at = tcp.serverSends(at + think(r), Payloads.text("221 2.0.0 Bye\r\n"));
            return tcp.close(at + think(r));
        }
        at = tcp.serverSends(at + think(r), Payloads.text("220 ESMTP ready\r\n"));
        at = tcp.clientSends(at + think(r), Payloads.text("EHLO " + heloName + "\r\nMAIL FROM:<" + sender + ">\r\nRCPT TO:<" + recipient
                + ">\r\nDATA\r\n"));
        at = tcp.serverSends(at + think(r), Payloads.text("250-mx Hello\r\n250 PIPELINING\r\n250 2.1.0 Ok\r\n250 2.1.5 Ok\r\n"
                + "354 End data with <CR><LF>.<CR><LF>\r\n"));
        at = tcp.clientStreams(at + think(r), Payloads.concat(body, Payloads.text("\r\n.\r\nQUIT\r\n")), Durations.MS / 2);
        at = tcp.serverSends(at + think(r), Payloads.text("250 2.0.0 Ok: queued\r\n221 2.0.0 Bye\r\n"));
        return tcp.close(at + think(r));
    }

    /** A mail of {@code size} bytes: a subject line and a body of printable text. */
    static byte[] message(SplittableRandom r, String subject, int size) {
        StringBuilder b = new StringBuilder("Subject: ").append(subject).append("\r\nMIME-Version: 1.0\r\n\r\n");
        while (b.length() < size) {
            b.append((char) ('a' + r.nextInt(26)));
            if (r.nextInt(9) == 0) {
                b.append(r.nextInt(12) == 0 ? "\r\n" : " ");
            }
        }
        return Payloads.text(b.toString());
    }

    private static long think(SplittableRandom r) {
        return Durations.seconds(Draws.between(r, SERVER_MIN_MS, SERVER_MAX_MS) / 1000);
    }
}
