package org.hyakuyobako.proto.tls;

/**
 * JA3 (Salesforce, 2017): a TLS client's fingerprint from its ClientHello, the decimal values of
 * {@code SSLVersion,Ciphers,Extensions,EllipticCurves,EllipticCurvePointFormats}, list items joined
 * by '-', GREASE values left out, and the string's MD5 ({@code 769,47-53-5-10-49161,0-10-11,23-24-25,0}).
 * JA3S is the same for the ServerHello: {@code SSLVersion,Cipher,Extensions}. Block lists (abuse.ch
 * SSLBL) and rules ({@code ja3.hash}) name clients by the hash; the string is kept for reading.
 *
 * @param string the fields as text
 * @param hash   MD5 of the string, 32 lower-case hex digits
 */
public record Ja3Fingerprint(String string, String hash) {
    /** The shape of a JA3 or JA3S hash, for validating values from lists and indicators. */
    public static final java.util.regex.Pattern HASH = java.util.regex.Pattern.compile("[0-9a-f]{32}");

    static Ja3Fingerprint of(ClientHello h) {
        StringBuilder s = new StringBuilder(256);
        s.append(h.legacyVersion).append(',');
        twoByteList(s, h, h.cipherStart, h.cipherEnd);
        s.append(',');
        extensionTypes(s, h.body, h.extensionsStart, h.extensionsEnd);
        s.append(',');
        if (h.groupsStart >= 0) {
            twoByteList(s, h, h.groupsStart, h.groupsEnd);
        }
        s.append(',');
        if (h.formatsStart >= 0) {
            for (int i = h.formatsStart; i < h.formatsEnd; i++) {
                if (i > h.formatsStart) {
                    s.append('-');
                }
                s.append(h.body[i] & 0xFF);
            }
        }
        return new Ja3Fingerprint(s.toString(), Digests.md5(s));
    }

    static Ja3Fingerprint ofServer(ServerHello h) {
        StringBuilder s = new StringBuilder(64);
        s.append(h.legacyVersion).append(',').append(h.cipher).append(',');
        extensionTypes(s, h.body, h.extensionsStart, h.extensionsEnd);
        return new Ja3Fingerprint(s.toString(), Digests.md5(s));
    }

    private static void twoByteList(StringBuilder s, ClientHello h, int start, int end) {
        boolean first = true;
        for (int i = start; i + 1 < end; i += 2) {
            int v = h.u16(i);
            if (!Grease.is(v)) {
                if (!first) {
                    s.append('-');
                }
                s.append(v);
                first = false;
            }
        }
    }

    /** The types of the extensions in [start, end), in order (the parsers checked the framing). */
    private static void extensionTypes(StringBuilder s, byte[] b, int start, int end) {
        boolean first = true;
        for (int p = start; p + 4 <= end; p += 4 + (((b[p + 2] & 0xFF) << 8) | (b[p + 3] & 0xFF))) {
            int type = ((b[p] & 0xFF) << 8) | (b[p + 1] & 0xFF);
            if (!Grease.is(type)) {
                if (!first) {
                    s.append('-');
                }
                s.append(type);
                first = false;
            }
        }
    }
}
