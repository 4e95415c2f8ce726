package org.hyakuyobako.detect.sync;

import java.nio.ByteBuffer;
import org.hyakuyobako.decode.DecodedPacket;

/**
 * A first guess of a C&C channel's protocol from the first payload bytes of a packet, for the
 * {@code proto} field of cnc events. Port-independent; the full identification by content is the
 * IRC issue's protocol identifier, which will replace this.
 */
final class PayloadSniffer {
    private PayloadSniffer() {
    }

    /** "tls", "http", "irc", or null when the packet carries no payload to judge. */
    static String proto(DecodedPacket p) {
        int n = p.payloadCaptured;
        if (n < 4) {
            return null;
        }
        ByteBuffer b = p.payloadBuffer;
        int o = p.payloadOffset;
        int b0 = b.get(o) & 0xFF;
        int b1 = b.get(o + 1) & 0xFF;
        if (b0 >= 0x14 && b0 <= 0x17 && b1 == 0x03 && (b.get(o + 2) & 0xFF) <= 0x04) {
            return "tls";
        }
        if (startsWith(b, o, n, "HTTP/") || startsWith(b, o, n, "GET ") || startsWith(b, o, n, "POST ")) {
            return "http";
        }
        if (b0 == ':' || startsWith(b, o, n, "PING ") || startsWith(b, o, n, "PRIVMSG ") || startsWith(b, o, n, "NOTICE ")) {
            return "irc";
        }
        return "unknown";
    }

    private static boolean startsWith(ByteBuffer b, int o, int n, String prefix) {
        if (n < prefix.length()) {
            return false;
        }
        for (int i = 0; i < prefix.length(); i++) {
            if (b.get(o + i) != prefix.charAt(i)) {
                return false;
            }
        }
        return true;
    }
}
