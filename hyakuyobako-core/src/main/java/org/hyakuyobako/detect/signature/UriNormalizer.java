package org.hyakuyobako.detect.signature;

import java.io.ByteArrayOutputStream;

/**
 * The normalised URI that {@code http_uri} rules see, as libhtp makes it for Suricata: %-escapes
 * (and IIS's %u escapes) decoded, backslashes read as slashes, and "." and ".." path segments
 * resolved, so {@code /a/./b/../%63md.exe} is matched as {@code /a/cmd.exe}. The query is decoded
 * but not resolved.
 */
final class UriNormalizer {
    private UriNormalizer() {
    }

    static byte[] normalize(String uri) {
        int q = uri.indexOf('?');
        String path = q < 0 ? uri : uri.substring(0, q);
        byte[] decodedPath = decode(path, true);
        byte[] resolved = removeDotSegments(decodedPath);
        if (q < 0) {
            return resolved;
        }
        byte[] query = decode(uri.substring(q), false);
        byte[] out = new byte[resolved.length + query.length];
        System.arraycopy(resolved, 0, out, 0, resolved.length);
        System.arraycopy(query, 0, out, resolved.length, query.length);
        return out;
    }

    private static byte[] decode(String s, boolean path) {
        ByteArrayOutputStream out = new ByteArrayOutputStream(s.length());
        for (int i = 0; i < s.length(); i++) {
            char c = s.charAt(i);
            if (c == '%' && i + 2 < s.length() && hex(s.charAt(i + 1)) >= 0 && hex(s.charAt(i + 2)) >= 0) {
                out.write(hex(s.charAt(i + 1)) * 16 + hex(s.charAt(i + 2)));
                i += 2;
            } else if (c == '%' && i + 5 < s.length() && (s.charAt(i + 1) == 'u' || s.charAt(i + 1) == 'U')
                    && hex(s.charAt(i + 2)) >= 0 && hex(s.charAt(i + 3)) >= 0 && hex(s.charAt(i + 4)) >= 0 && hex(s.charAt(i + 5)) >= 0) {
                // %uXXXX: the low byte, as libhtp's best-fit for ASCII
                out.write(hex(s.charAt(i + 4)) * 16 + hex(s.charAt(i + 5)));
                i += 5;
            } else if (path && c == '\\') {
                out.write('/');
            } else {
                out.write(c & 0xff);
            }
        }
        return out.toByteArray();
    }

    private static int hex(char c) {
        return Character.digit(c, 16);
    }

    /** RFC 3986 section 5.2.4 on bytes. */
    private static byte[] removeDotSegments(byte[] in) {
        String s = new String(in, java.nio.charset.StandardCharsets.ISO_8859_1);
        if (!s.contains("/.")) {
            return in;
        }
        java.util.ArrayDeque<String> segments = new java.util.ArrayDeque<>();
        boolean absolute = s.startsWith("/");
        String[] parts = s.split("/", -1);
        for (int i = absolute ? 1 : 0; i < parts.length; i++) {
            String p = parts[i];
            if (p.equals(".")) {
                if (i == parts.length - 1) {
                    segments.addLast("");
                }
            } else if (p.equals("..")) {
                if (!segments.isEmpty()) {
                    segments.removeLast();
                }
                if (i == parts.length - 1) {
                    segments.addLast("");
                }
            } else {
                segments.addLast(p);
            }
        }
        String out = (absolute ? "/" : "") + String.join("/", segments);
        return out.getBytes(java.nio.charset.StandardCharsets.ISO_8859_1);
    }
}
