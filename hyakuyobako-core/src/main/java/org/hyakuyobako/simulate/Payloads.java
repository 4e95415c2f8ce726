package org.hyakuyobako.simulate;

import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.util.SplittableRandom;

/**
 * Application payloads that look like the real thing to a decoder: TLS records (a ClientHello that
 * names its server or not, a TLS 1.3 ServerHello, then ciphertext), HTTP executables that start
 * with "MZ", and protocol text. The content of ciphertext is random: no detector can read it.
 */
final class Payloads {
    static final int CHANGE_CIPHER_SPEC = 0x14;
    static final int HANDSHAKE = 0x16;
    static final int APPLICATION_DATA = 0x17;
    private static final int CLIENT_HELLO = 1;
    private static final int SERVER_HELLO = 2;
    private static final int TLS12 = 0x0303;
    private static final int TLS13 = 0x0304;
    private static final int SERVER_NAME = 0;
    private static final int SUPPORTED_VERSIONS = 43;
    private static final int RANDOM_BYTES = 32;
    /** TLS_AES_128_GCM_SHA256, TLS_AES_256_GCM_SHA384, TLS_CHACHA20_POLY1305_SHA256, ECDHE-RSA-AES128-GCM, ECDHE-RSA-AES256-GCM. */
    private static final int[] CIPHER_SUITES = {0x1301, 0x1302, 0x1303, 0xC02F, 0xC030};
    /** The first three suites are TLS 1.3's, which a TLS 1.3 server picks from. */
    private static final int TLS13_SUITES = 3;

    private Payloads() {
    }

    static byte[] text(String s) {
        return s.getBytes(StandardCharsets.ISO_8859_1);
    }

    /** One TLS record of {@code type} whose {@code length} bytes are random (ciphertext). */
    static byte[] record(SplittableRandom r, int type, int length) {
        return record(type, Draws.bytes(r, length));
    }

    /** One application-data record of {@code min}–{@code max} random bytes: an encrypted message. */
    static byte[] message(SplittableRandom r, int min, int max) {
        return record(r, APPLICATION_DATA, Draws.between(r, min, max));
    }

    private static byte[] record(int type, byte[] body) {
        byte[] b = new byte[5 + body.length];
        b[0] = (byte) type;
        b[1] = 3;
        b[2] = 3;
        b[3] = (byte) (body.length >>> 8);
        b[4] = (byte) body.length;
        System.arraycopy(body, 0, b, 5, body.length);
        return b;
    }

    /** The largest TLS record body (2^14 bytes, RFC 8446 5.1). */
    static final int MAX_RECORD = 16_384;

    /** {@code length} bytes of application data as TLS sends them: records of at most {@link #MAX_RECORD} bytes. */
    static byte[] encrypted(SplittableRandom r, int length) {
        ByteArrayOutputStream b = new ByteArrayOutputStream();
        for (int left = length; left > 0; left -= MAX_RECORD) {
            b.writeBytes(record(r, APPLICATION_DATA, Math.min(MAX_RECORD, left)));
        }
        return b.toByteArray();
    }

    /** A ClientHello record; {@code serverName} null for a client that connects by address (many bots). */
    static byte[] clientHello(SplittableRandom r, String serverName) {
        ByteArrayOutputStream m = helloStart(r);
        short16(m, CIPHER_SUITES.length * 2);
        for (int suite : CIPHER_SUITES) {
            short16(m, suite);
        }
        m.write(1);
        m.write(0);       // compression: null only
        ByteArrayOutputStream ext = new ByteArrayOutputStream();
        if (serverName != null) {
            byte[] name = text(serverName);
            short16(ext, SERVER_NAME);
            short16(ext, name.length + 5);
            short16(ext, name.length + 3);
            ext.write(0);     // host_name
            short16(ext, name.length);
            ext.writeBytes(name);
        }
        short16(ext, SUPPORTED_VERSIONS);
        short16(ext, 5);
        ext.write(4);
        short16(ext, TLS13);
        short16(ext, TLS12);
        short16(m, ext.size());
        m.writeBytes(ext.toByteArray());
        return record(HANDSHAKE, handshake(CLIENT_HELLO, m.toByteArray()));
    }

    /**
     * The server's first flight as TLS 1.3 sends it: a ServerHello, ChangeCipherSpec, then
     * {@code encryptedLength} bytes of encrypted extensions and certificate.
     */
    static byte[] serverHello(SplittableRandom r, int encryptedLength) {
        ByteArrayOutputStream m = helloStart(r);
        short16(m, CIPHER_SUITES[r.nextInt(TLS13_SUITES)]);
        m.write(0);
        short16(m, 6);
        short16(m, SUPPORTED_VERSIONS);
        short16(m, 2);
        short16(m, TLS13);
        return concat(record(HANDSHAKE, handshake(SERVER_HELLO, m.toByteArray())), record(CHANGE_CIPHER_SPEC, new byte[] {1}),
                record(r, APPLICATION_DATA, encryptedLength));
    }

    /** What ClientHello and ServerHello begin with: the legacy version, 32 random bytes, a 32-byte session id. */
    private static ByteArrayOutputStream helloStart(SplittableRandom r) {
        ByteArrayOutputStream m = new ByteArrayOutputStream();
        short16(m, TLS12);
        m.writeBytes(Draws.bytes(r, RANDOM_BYTES));
        m.write(RANDOM_BYTES);
        m.writeBytes(Draws.bytes(r, RANDOM_BYTES));
        return m;
    }

    private static byte[] handshake(int type, byte[] body) {
        byte[] b = new byte[4 + body.length];
        b[0] = (byte) type;
        b[1] = (byte) (body.length >>> 16);
        b[2] = (byte) (body.length >>> 8);
        b[3] = (byte) body.length;
        System.arraycopy(body, 0, b, 4, body.length);
        return b;
    }

    /** An HTTP response carrying a Windows executable of {@code size} bytes ("MZ" and random bytes). */
    static byte[] executable(SplittableRandom r, int size) {
        byte[] head = text("HTTP/1.1 200 OK\r\nContent-Type: application/octet-stream\r\nContent-Length: " + size + "\r\n\r\nMZ");
        return concat(head, Draws.bytes(r, Math.max(0, size - 2)));
    }

    /** An HTTP response with an opaque body of {@code size} bytes (an image, a patch, a page). */
    static byte[] httpBody(SplittableRandom r, String contentType, int size) {
        return concat(text("HTTP/1.1 200 OK\r\nContent-Type: " + contentType + "\r\nContent-Length: " + size + "\r\n\r\n"),
                Draws.bytes(r, size));
    }

    static byte[] concat(byte[]... parts) {
        ByteArrayOutputStream b = new ByteArrayOutputStream();
        for (byte[] p : parts) {
            b.writeBytes(p);
        }
        return b.toByteArray();
    }

    private static void short16(ByteArrayOutputStream b, int v) {
        b.write(v >>> 8);
        b.write(v);
    }
}
