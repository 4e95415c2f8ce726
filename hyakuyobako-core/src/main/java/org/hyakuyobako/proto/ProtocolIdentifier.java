package org.hyakuyobako.proto;

import java.nio.charset.StandardCharsets;
import java.util.Locale;
import java.util.regex.Pattern;

/**
 * Which application protocol a TCP connection speaks, from the first bytes of each direction and
 * never from the port: IRC on port 8080 is IRC, HTTP on an IRC port is HTTP (Zeek's
 * http-on-irc-port case). Pure functions over byte prefixes; nothing is buffered here.
 */
public final class ProtocolIdentifier {
    private static final Pattern HTTP_REQUEST = Pattern.compile(
            "^(GET|POST|HEAD|PUT|DELETE|OPTIONS|CONNECT|TRACE|PATCH) \\S+ HTTP/1\\.[019]\r?\n.*", Pattern.DOTALL);
    private static final Pattern IRC_CLIENT = Pattern.compile(
            "^(CAP (LS|REQ|END).*|PASS \\S+|NICK \\S+|USER \\S+.*|JOIN [#&!+]\\S*.*)\r?\n.*", Pattern.DOTALL);
    private static final Pattern IRC_SERVER = Pattern.compile(
            "^(:\\S+ (\\d{3}|NOTICE|PRIVMSG|PING|MODE|JOIN) .*|NOTICE (AUTH|\\*) :.*|PING :\\S+.*)", Pattern.DOTALL);
    private static final Pattern SMTP_BANNER = Pattern.compile("^220[ -].*", Pattern.DOTALL);

    private ProtocolIdentifier() {
    }

    /**
     * @param client the first bytes the originator sent (may be empty)
     * @param server the first bytes the responder sent (may be empty)
     */
    public static AppProtocol identify(byte[] client, int clientLength, byte[] server, int serverLength) {
        if (isTls(client, clientLength) || isTls(server, serverLength)) {
            return AppProtocol.TLS;
        }
        String c = text(client, clientLength);
        String s = text(server, serverLength);
        if (HTTP_REQUEST.matcher(c).matches() || s.startsWith("HTTP/1.")) {
            return AppProtocol.HTTP;
        }
        if (IRC_CLIENT.matcher(c).matches() || IRC_SERVER.matcher(s).matches()) {
            return AppProtocol.IRC;
        }
        if (SMTP_BANNER.matcher(s).matches()) {
            String upper = c.toUpperCase(Locale.ROOT);
            // FTP greets with 220 too: its client logs in (USER, AUTH) or asks (FEAT, SYST), and
            // many servers name themselves in the banner.
            if (upper.startsWith("USER ") || upper.startsWith("AUTH TLS") || upper.startsWith("FEAT") || upper.startsWith("SYST")
                    || s.toUpperCase(Locale.ROOT).contains("FTP") && !upper.startsWith("EHLO") && !upper.startsWith("HELO")) {
                return AppProtocol.FTP;
            }
            if (upper.startsWith("EHLO") || upper.startsWith("HELO") || s.contains("SMTP") || clientLength == 0) {
                return AppProtocol.SMTP;
            }
        }
        if (isDnsOverTcp(client, clientLength)) {
            return AppProtocol.DNS;
        }
        return AppProtocol.UNKNOWN;
    }

    /**
     * A TLS record header with a TLS 1.0-1.3 version and a legal length: a handshake starting with a
     * ClientHello or ServerHello, or (a connection picked up mid-stream) application data, alert or
     * change-cipher-spec records.
     */
    static boolean isTls(byte[] b, int n) {
        if (n < 6 || b[1] != 0x03 || (b[2] & 0xFF) > 0x04) {
            return false;
        }
        int type = b[0] & 0xFF;
        int length = ((b[3] & 0xFF) << 8) | (b[4] & 0xFF);
        if (length == 0 || length > 16_384 + 2_048) {
            return false;
        }
        return switch (type) {
            case 0x16 -> b[5] == 0x01 || b[5] == 0x02;
            case 0x14, 0x15, 0x17 -> true;
            default -> false;
        };
    }

    /** Printable text (tabs, CR and LF allowed): what a line-based protocol sends. Empty counts as text. */
    static boolean isTextLines(byte[] b, int n) {
        for (int i = 0; i < n; i++) {
            int c = b[i] & 0xFF;
            if (c < 0x20 && c != '\r' && c != '\n' && c != '\t' && c != 0x01) {
                return false;
            }
        }
        return true;
    }

    /** Two-byte length, then a DNS header with one question and sane counts. */
    static boolean isDnsOverTcp(byte[] b, int n) {
        if (n < 14) {
            return false;
        }
        int length = ((b[0] & 0xFF) << 8) | (b[1] & 0xFF);
        int qd = ((b[6] & 0xFF) << 8) | (b[7] & 0xFF);
        int an = ((b[8] & 0xFF) << 8) | (b[9] & 0xFF);
        boolean query = (b[4] & 0x80) == 0;
        int opcode = (b[4] >> 3) & 0x0F;
        return length >= 12 && length <= 65_535 && query && opcode <= 2 && qd == 1 && an == 0;
    }

    /** The first line or two as text (ISO-8859-1, so any byte maps to a char). */
    private static String text(byte[] b, int n) {
        return new String(b, 0, Math.min(n, 512), StandardCharsets.ISO_8859_1);
    }
}
