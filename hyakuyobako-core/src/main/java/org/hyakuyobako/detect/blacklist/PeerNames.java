package org.hyakuyobako.detect.blacklist;

import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;

/**
 * The names a client reveals in the first bytes of its traffic: the TLS ClientHello's server name
 * (SNI), an HTTP request's Host header, a DNS query's name. Pure functions over a payload view,
 * every length checked against what was captured; they return null rather than guess. Handwritten
 * because they run on packets (no reassembly yet) and must not allocate unless a name is found.
 */
final class PeerNames {
    static final int MAX_NAME = 253;

    private PeerNames() {
    }

    /** The SNI host name of a TLS ClientHello that starts at {@code o}, or null. */
    static String tlsServerName(ByteBuffer b, int o, int n) {
        if (n < 43 || b.get(o) != 0x16 || b.get(o + 1) != 0x03 || b.get(o + 5) != 0x01) {
            return null;
        }
        int end = o + n;
        int p = o + 5 + 4 + 2 + 32; // record header, handshake header, client version, random
        if (p >= end) {
            return null;
        }
        p += 1 + (b.get(p) & 0xFF); // session id
        if (p + 2 > end) {
            return null;
        }
        p += 2 + (b.getShort(p) & 0xFFFF); // cipher suites
        if (p + 1 > end) {
            return null;
        }
        p += 1 + (b.get(p) & 0xFF); // compression methods
        if (p + 2 > end) {
            return null;
        }
        int extEnd = Math.min(end, p + 2 + (b.getShort(p) & 0xFFFF));
        p += 2;
        while (p + 4 <= extEnd) {
            int type = b.getShort(p) & 0xFFFF;
            int len = b.getShort(p + 2) & 0xFFFF;
            int data = p + 4;
            if (type == 0 && data + 5 <= extEnd) {
                int nameType = b.get(data + 2) & 0xFF;
                int nameLen = b.getShort(data + 3) & 0xFFFF;
                if (nameType == 0 && nameLen > 0 && nameLen <= MAX_NAME && data + 5 + nameLen <= extEnd) {
                    return ascii(b, data + 5, nameLen);
                }
                return null;
            }
            p = data + len;
        }
        return null;
    }

    /** The Host header of an HTTP request that starts at {@code o} (port stripped), or null. */
    static String httpHost(ByteBuffer b, int o, int n) {
        if (n < 16 || !isMethod(b, o, n)) {
            return null;
        }
        int end = o + Math.min(n, 8192);
        for (int p = o; p + 7 < end; p++) {
            if (b.get(p) == '\n' && (b.get(p + 1) | 0x20) == 'h' && (b.get(p + 2) | 0x20) == 'o' && (b.get(p + 3) | 0x20) == 's'
                    && (b.get(p + 4) | 0x20) == 't' && b.get(p + 5) == ':') {
                int s = p + 6;
                while (s < end && (b.get(s) == ' ' || b.get(s) == '\t')) {
                    s++;
                }
                int e = s;
                while (e < end && b.get(e) != '\r' && b.get(e) != '\n' && b.get(e) != ':' && e - s <= MAX_NAME) {
                    e++;
                }
                return e > s && e - s <= MAX_NAME ? ascii(b, s, e - s) : null;
            }
        }
        return null;
    }

    private static boolean isMethod(ByteBuffer b, int o, int n) {
        for (String m : new String[] {"GET ", "POST ", "HEAD ", "PUT ", "CONNECT ", "OPTIONS "}) {
            if (n >= m.length()) {
                boolean ok = true;
                for (int i = 0; i < m.length() && ok; i++) {
                    ok = b.get(o + i) == m.charAt(i);
                }
                if (ok) {
                    return true;
                }
            }
        }
        return false;
    }

    /** The name of the first question of a DNS query (not a response), or null. */
    static String dnsQueryName(ByteBuffer b, int o, int n) {
        if (n < 17 || (b.get(o + 2) & 0x80) != 0 || (b.getShort(o + 4) & 0xFFFF) == 0) {
            return null;
        }
        StringBuilder name = new StringBuilder();
        int p = o + 12;
        int end = o + n;
        while (p < end) {
            int len = b.get(p) & 0xFF;
            if (len == 0) {
                return name.length() == 0 ? null : name.toString();
            }
            if (len > 63 || p + 1 + len > end || name.length() + len + 1 > MAX_NAME) {
                return null; // compression pointers do not occur in a question; anything else is damage
            }
            if (name.length() > 0) {
                name.append('.');
            }
            for (int i = 0; i < len; i++) {
                name.append((char) (b.get(p + 1 + i) & 0xFF));
            }
            p += 1 + len;
        }
        return null;
    }

    private static String ascii(ByteBuffer b, int at, int len) {
        byte[] bytes = new byte[len];
        b.get(at, bytes);
        return new String(bytes, StandardCharsets.ISO_8859_1);
    }
}
