package org.hyakuyobako.proto.http;

import java.util.Locale;

/**
 * What an HTTP body looks like from its first bytes ({@link BodySample#HEAD} at most): enough to
 * tell form data, base64, JSON, text, an executable, a known file format and opaque binary apart,
 * which is what C&C detection asks (bots post form or base64 data and get encoded answers), without
 * keeping bodies. Judged by content, never by Content-Type alone: bots label their data as they like.
 * The names are the ones written to {@code http.request_body_kind} and {@code response_body_kind}.
 */
public enum BodyKind {
    /** No body bytes. */
    EMPTY,
    /** {@code name=value&name=value}, URL-encoded. */
    FORM,
    /** Only the base64 alphabet (either variant), long enough and mixed enough not to be a word. */
    BASE64,
    /** Starts with '{' or '[' and is printable. */
    JSON,
    /** Printable text of any other shape (HTML, XML, plain). */
    TEXT,
    /** A Windows (MZ) or ELF executable. */
    EXECUTABLE,
    /** A recognised non-executable file format: image, archive, PDF, font, media. */
    FILE,
    /** Anything else: opaque, encrypted or compressed bytes. */
    BINARY;

    /** Shortest base64 run judged as base64: shorter runs are too often plain words or tokens. */
    static final int MIN_BASE64 = 16;

    public String eveName() {
        return name().toLowerCase(Locale.ROOT);
    }

    /** The kind of a body of {@code length} bytes whose first bytes are {@code head[0..n)}. */
    static BodyKind of(byte[] head, int n, long length) {
        if (length <= 0 || n == 0) {
            return EMPTY;
        }
        if (startsWith(head, n, 'M', 'Z') || startsWith(head, n, 0x7f, 'E', 'L', 'F')) {
            return EXECUTABLE;
        }
        if (knownFileFormat(head, n)) {
            return FILE;
        }
        if (!printable(head, n)) {
            return BINARY;
        }
        int first = 0;
        while (first < n && isSpace(head[first])) {
            first++;
        }
        if (first < n && (head[first] == '{' || head[first] == '[')) {
            return JSON;
        }
        if (base64(head, n)) {
            return BASE64;
        }
        if (form(head, n)) {
            return FORM;
        }
        return TEXT;
    }

    private static boolean knownFileFormat(byte[] b, int n) {
        return startsWith(b, n, 0x89, 'P', 'N', 'G') || startsWith(b, n, 'G', 'I', 'F', '8') || startsWith(b, n, 0xff, 0xd8, 0xff)
                || startsWith(b, n, 'P', 'K', 3, 4) || startsWith(b, n, '%', 'P', 'D', 'F') || startsWith(b, n, 0x1f, 0x8b)
                || startsWith(b, n, 'R', 'I', 'F', 'F') || startsWith(b, n, 'w', 'O', 'F') || startsWith(b, n, 0, 0, 1, 0)
                || startsWith(b, n, 'I', 'D', '3') || startsWith(b, n, 'O', 'g', 'g', 'S') || startsWith(b, n, 0x1a, 0x45, 0xdf, 0xa3)
                || startsWith(b, n, 'B', 'Z', 'h') || startsWith(b, n, '7', 'z', 0xbc, 0xaf) || startsWith(b, n, 'R', 'a', 'r', '!')
                || n >= 8 && b[4] == 'f' && b[5] == 't' && b[6] == 'y' && b[7] == 'p'
                || startsWith(b, n, 0, 1, 0, 0) || startsWith(b, n, 'O', 'T', 'T', 'O');
    }

    private static boolean startsWith(byte[] b, int n, int... magic) {
        if (n < magic.length) {
            return false;
        }
        for (int i = 0; i < magic.length; i++) {
            if ((b[i] & 0xff) != magic[i]) {
                return false;
            }
        }
        return true;
    }

    /**
     * Printable ASCII, whitespace and well-formed UTF-8 sequences, with at most 1 byte in 20 that is
     * none of these (a stray control character does not make a page binary; random bytes are mostly such).
     */
    private static boolean printable(byte[] b, int n) {
        int odd = 0;
        int i = 0;
        while (i < n) {
            int c = b[i] & 0xff;
            if (c >= 0x20 && c < 0x7f || isSpace(b[i])) {
                i++;
                continue;
            }
            int follow = c >= 0xc2 && c <= 0xdf ? 1 : c >= 0xe0 && c <= 0xef ? 2 : c >= 0xf0 && c <= 0xf4 ? 3 : -1;
            int j = 1;
            while (follow > 0 && j <= follow && i + j < n && (b[i + j] & 0xc0) == 0x80) {
                j++;
            }
            if (follow > 0 && (j == follow + 1 || i + j == n)) {
                i += j;     // a whole sequence, or one the sample cut
            } else {
                odd++;
                i++;
            }
        }
        return odd * 20 <= n;
    }

    private static boolean isSpace(byte c) {
        return c == ' ' || c == '\t' || c == '\r' || c == '\n';
    }

    /**
     * The base64 alphabet only (line breaks allowed, '=' only at the end), at least {@link #MIN_BASE64}
     * characters, and mixed: digits or '+', '/', '-', '_' among letters of both cases, so that a long
     * word or a hex string (also letters and digits, but one case) is not taken for it.
     */
    private static boolean base64(byte[] b, int n) {
        int count = 0;
        boolean upper = false;
        boolean lower = false;
        boolean other = false;
        boolean padding = false;
        for (int i = 0; i < n; i++) {
            char c = (char) (b[i] & 0xff);
            if (c == '\r' || c == '\n') {
                continue;
            }
            if (c == '=') {
                padding = true;
                continue;
            }
            if (padding) {
                return false;
            }
            if (c >= 'A' && c <= 'Z') {
                upper = true;
            } else if (c >= 'a' && c <= 'z') {
                lower = true;
            } else if (c >= '0' && c <= '9' || c == '+' || c == '/' || c == '-' || c == '_') {
                other = true;
            } else {
                return false;
            }
            count++;
        }
        return count >= MIN_BASE64 && upper && lower && other;
    }

    /** {@code name=value} pairs joined by '&': names of URL-safe characters, no spaces anywhere. */
    private static boolean form(byte[] b, int n) {
        boolean inName = true;
        int nameLength = 0;
        boolean sawPair = false;
        for (int i = 0; i < n; i++) {
            char c = (char) (b[i] & 0xff);
            if (c == ' ' || c == '\t' || c == '\r' || c == '\n') {
                return false;
            }
            if (inName) {
                if (c == '=') {
                    if (nameLength == 0) {
                        return false;
                    }
                    inName = false;
                    sawPair = true;
                } else if (Character.isLetterOrDigit(c) || "_.-%[]+*~".indexOf(c) >= 0) {
                    nameLength++;
                } else {
                    return false;
                }
            } else if (c == '&') {
                inName = true;
                nameLength = 0;
            }
        }
        return sawPair;
    }
}
