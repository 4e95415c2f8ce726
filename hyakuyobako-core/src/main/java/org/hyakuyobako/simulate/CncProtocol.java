package org.hyakuyobako.simulate;

import java.util.List;
import java.util.Locale;
import java.util.SplittableRandom;

/**
 * How one botnet's bots and C&C talk: the bytes of login, welcome, keep-alive, command and report
 * for its {@link ChannelKind}, and the rhythm drawn for this botnet (heartbeat or poll period and
 * jitter). Plaintext kinds show the command text; encrypted kinds only its size.
 *
 * @param domain the C&C's name when bots look it up first (else they connect by address)
 * @param server the name the C&C gives itself (IRC's server name in its messages and PINGs)
 * @param room the IRC channel, or the HTTP gate's path
 * @param heartbeat push kinds: how the connection is kept alive
 * @param pollPeriod poll kinds: mean time between polls
 */
record CncProtocol(ChannelKind kind, String domain, String server, String room, KeptConnection.Heartbeat heartbeat, long pollPeriod) {
    /** Push kinds' heartbeat period (IRC: the server's PING), per botnet. */
    static final double MIN_HEARTBEAT_S = 30;
    static final double MAX_HEARTBEAT_S = 120;
    static final double IRC_MIN_PING_S = 90;
    static final double IRC_MAX_PING_S = 180;
    static final double HEARTBEAT_JITTER = 0.10;
    /** How often a TLS C&C answers a heartbeat, per botnet. */
    static final double MIN_ANSWER_SHARE = 0.2;
    static final double MAX_ANSWER_SHARE = 0.9;
    /** Poll period per botnet, log-uniform (short periods as likely per decade as long ones). */
    static final double MIN_POLL_S = 5;
    static final double MAX_POLL_S = 120;
    static final double POLL_JITTER = 0.15;
    /** Sizes of encrypted messages: commands, reports, heartbeats, idle and command poll answers. */
    static final int MIN_COMMAND = 60;
    static final int MAX_COMMAND = 400;
    static final int MIN_REPORT = 40;
    static final int MAX_REPORT = 200;
    static final int MIN_BEAT = 16;
    static final int MAX_BEAT = 64;
    static final int MIN_IDLE_ANSWER = 20;
    static final int MAX_IDLE_ANSWER = 90;
    /** Share of botnets whose bots resolve the C&C's name before connecting. */
    static final double NAMED_SHARE = 0.5;
    private static final List<String> GATES = List.of("/gate.php", "/index.php", "/cfg/poll", "/news/check.asp",
            "/api/v1/ping", "/images/t.gif");
    private static final List<String> NAME_PARTS = List.of("upd", "srv", "cdn", "sync", "api", "mx", "dns", "host");

    static CncProtocol draw(ChannelKind kind, SplittableRandom r) {
        String domain = Draws.chance(r, NAMED_SHARE) ? Names.domain(r, Draws.pick(r, NAME_PARTS)) : null;
        String server = domain != null ? domain : Names.domain(r, "irc");
        String room = kind == ChannelKind.irc ? "#" + Integer.toString(r.nextInt(1 << 24), 36)
                : Draws.pick(r, GATES);
        KeptConnection.Heartbeat beat = switch (kind) {
            case irc -> new KeptConnection.Heartbeat(Draws.nanosBetween(r, IRC_MIN_PING_S, IRC_MAX_PING_S), HEARTBEAT_JITTER, true, 1.0,
                    x -> Payloads.text("PING :" + server + "\r\n"), x -> Payloads.text("PONG :" + server + "\r\n"));
            case tls -> KeptConnection.Heartbeat.tlsClient(r, MIN_HEARTBEAT_S, MAX_HEARTBEAT_S, HEARTBEAT_JITTER,
                    Draws.between(r, MIN_ANSWER_SHARE, MAX_ANSWER_SHARE), MIN_BEAT, MAX_BEAT);
            case binary -> new KeptConnection.Heartbeat(Draws.nanosBetween(r, MIN_HEARTBEAT_S, MAX_HEARTBEAT_S), HEARTBEAT_JITTER, true,
                    1.0, CncProtocol::binaryBeat, CncProtocol::binaryBeat);
            default -> null;
        };
        long poll = kind.push ? 0 : Durations.seconds(Draws.logUniform(r, MIN_POLL_S, MAX_POLL_S));
        return new CncProtocol(kind, domain, server, room, beat, poll);
    }

    private static byte[] binaryBeat(SplittableRandom r) {
        return opaque(r, Draws.between(r, MIN_BEAT, MAX_BEAT));
    }

    /**
     * Custom encrypted framing: random bytes whose first byte is never a TLS content type (0x14–0x18)
     * nor printable text, so that nothing mistakes it for TLS or a text protocol.
     */
    private static byte[] opaque(SplittableRandom r, int n) {
        byte[] b = Draws.bytes(r, n);
        b[0] = (byte) (0x80 | (b[0] & 0x7F));
        return b;
    }

    private byte[] encryptedMessage(SplittableRandom r, int min, int max) {
        int n = Draws.between(r, min, max);
        return kind == ChannelKind.binary ? opaque(r, n) : Payloads.record(r, Payloads.APPLICATION_DATA, n);
    }

    private static String nick(MonitoredHost bot) {
        return "[" + Integer.toString(bot.address() & 0xFFFF, 36).toUpperCase(Locale.ROOT) + "]" + Integer.toHexString(bot.address() >>> 16);
    }

    /** What a push bot sends when its connection opens. */
    byte[] login(SplittableRandom r, MonitoredHost bot) {
        return switch (kind) {
            case irc -> Payloads.text("NICK " + nick(bot) + "\r\nUSER " + nick(bot) + " 0 0 :" + nick(bot) + "\r\nJOIN " + room + "\r\n");
            case tls -> Payloads.clientHello(r, domain);
            default -> opaque(r, Draws.between(r, MIN_REPORT, MAX_REPORT));
        };
    }

    /** The C&C's answer to the login. */
    byte[] welcome(SplittableRandom r) {
        return switch (kind) {
            case irc -> Payloads.text(":" + server + " 001 bot :Welcome\r\n:" + server + " 332 bot " + room + " :.login ok\r\n");
            case tls -> Payloads.serverHello(r, Draws.between(r, MIN_COMMAND, MAX_COMMAND));
            default -> opaque(r, Draws.between(r, MIN_BEAT, MAX_REPORT));
        };
    }

    /** A command as the push channel carries it. */
    byte[] command(SplittableRandom r, BotCommand c) {
        return kind == ChannelKind.irc ? Payloads.text(":op!op@" + server + " PRIVMSG " + room + " :" + c.text() + "\r\n")
                : encryptedMessage(r, MIN_COMMAND, MAX_COMMAND);
    }

    /** A bot's report after reacting, on a push channel. */
    byte[] report(SplittableRandom r, BotCommand c) {
        return kind == ChannelKind.irc ? Payloads.text("PRIVMSG " + room + " :[" + c.kind().label().toUpperCase(Locale.ROOT)
                + "]: started\r\n") : encryptedMessage(r, MIN_REPORT, MAX_REPORT);
    }

    /** A poll bot's request: for a command, or with its report. */
    byte[] pollRequest(SplittableRandom r, MonitoredHost bot, boolean report) {
        if (kind == ChannelKind.http) {
            String id = Integer.toHexString(bot.address() * 0x9E37_79B9);
            String form = "id=" + id + "&st=done";
            return Payloads.text(report
                    ? "POST " + room + " HTTP/1.1\r\nHost: " + host() + "\r\nContent-Length: " + form.length() + "\r\n\r\n" + form
                    : "GET " + room + "?id=" + id + " HTTP/1.1\r\nHost: " + host() + "\r\n\r\n");
        }
        return Payloads.concat(Payloads.clientHello(r, domain), encryptedMessage(r, MIN_REPORT, report ? MAX_REPORT : MIN_REPORT * 3));
    }

    /** The C&C's answer to a poll: small when idle, larger with a command. */
    byte[] pollAnswer(SplittableRandom r, BotCommand c) {
        if (kind == ChannelKind.http) {
            String body = c == null ? "wait" : c.text();
            return Payloads.text("HTTP/1.1 200 OK\r\nContent-Type: text/plain\r\nContent-Length: " + body.length() + "\r\n\r\n" + body);
        }
        int n = c == null ? Draws.between(r, MIN_IDLE_ANSWER, MAX_IDLE_ANSWER) : Draws.between(r, MIN_COMMAND * 2, MAX_COMMAND * 2);
        return Payloads.serverHello(r, n);
    }

    private String host() {
        return domain != null ? domain : "c";
    }
}
