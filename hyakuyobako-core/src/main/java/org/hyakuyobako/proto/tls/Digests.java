package org.hyakuyobako.proto.tls;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;

/**
 * MD5 (JA3) and SHA-256 (JA4) as lower-case hex. One digest object per thread and algorithm: a
 * provider look-up per ClientHello would cost more than the hashing.
 */
final class Digests {
    private static final char[] HEX = "0123456789abcdef".toCharArray();
    private static final ThreadLocal<MessageDigest> MD5 = ThreadLocal.withInitial(() -> named("MD5"));
    private static final ThreadLocal<MessageDigest> SHA256 = ThreadLocal.withInitial(() -> named("SHA-256"));

    private Digests() {
    }

    private static MessageDigest named(String algorithm) {
        try {
            return MessageDigest.getInstance(algorithm);
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("the JDK always has " + algorithm, e);
        }
    }

    /** The MD5 of the text's bytes (the fingerprint strings are ASCII) as 32 hex digits. */
    static String md5(CharSequence ascii) {
        return hex(MD5.get().digest(ascii.toString().getBytes(StandardCharsets.ISO_8859_1)), 16);
    }

    /** The first {@code digits} hex digits of the text's SHA-256 (JA4 keeps 12). */
    static String sha256(CharSequence ascii, int digits) {
        return hex(SHA256.get().digest(ascii.toString().getBytes(StandardCharsets.ISO_8859_1)), digits / 2);
    }

    private static String hex(byte[] bytes, int n) {
        char[] out = new char[n * 2];
        for (int i = 0; i < n; i++) {
            out[2 * i] = HEX[(bytes[i] >> 4) & 0xF];
            out[2 * i + 1] = HEX[bytes[i] & 0xF];
        }
        return new String(out);
    }
}
