package org.hyakuyobako.proto.tls;

import java.util.Arrays;
import java.util.regex.Pattern;

/**
 * JA4 (FoxIO, 2023), the TLS client fingerprint {@code t13d1516h2_8daaf6152771_e5627efa2ab1}:
 * <ol>
 * <li>a: transport ({@code t}: TLS over TCP, the only one we read), the highest version offered
 *     (supported_versions, else the legacy field: {@code 13}, {@code 12}, … {@code s3}),
 *     {@code d} with an SNI extension or {@code i} without, the cipher and extension counts (two
 *     digits, at most 99) and the first and last characters of the first ALPN value
 *     ({@code 00} when none);</li>
 * <li>b: the first 12 hex digits of the SHA-256 of the cipher suites as 4-digit hex, sorted,
 *     comma-joined;</li>
 * <li>c: the same of the extension types sorted, without SNI and ALPN (part a has them), then
 *     '_' and the signature algorithms in the order sent.</li>
 * </ol>
 * GREASE values never count. Unlike JA3, the sorting makes JA4 stable when a client shuffles its
 * extensions (Chrome does since version 110), so one client has one JA4.
 */
public final class Ja4Fingerprint {
    /** The shape of a JA4 value, for validating values from lists, rules and indicators. */
    public static final Pattern FORMAT = Pattern.compile("[tqd](?:1[0-3]|s[23]|d[1-3]|00)[di]\\d{4}[0-9A-Za-z]{2}_[0-9a-f]{12}_[0-9a-f]{12}");
    private static final String NO_HASH = "000000000000";

    private Ja4Fingerprint() {
    }

    static String of(ClientHello h) {
        int[] ciphers = values(h, h.cipherStart, h.cipherEnd);
        int[] extensions = extensionTypes(h);
        int extensionCount = extensions.length;
        StringBuilder s = new StringBuilder(36);
        s.append('t').append(version(h)).append(h.hasServerName ? 'd' : 'i');
        twoDigits(s, ciphers.length);
        twoDigits(s, extensionCount);
        alpn(s, h);
        s.append('_');
        Arrays.sort(ciphers);
        s.append(ciphers.length == 0 ? NO_HASH : Digests.sha256(hexList(new StringBuilder(ciphers.length * 5), ciphers), 12));
        s.append('_');
        int kept = 0;
        for (int e : extensions) {
            if (e != ClientHello.SERVER_NAME && e != ClientHello.ALPN) {
                extensions[kept++] = e;
            }
        }
        int[] sorted = Arrays.copyOf(extensions, kept);
        Arrays.sort(sorted);
        if (sorted.length == 0) {
            s.append(NO_HASH);
        } else {
            StringBuilder c = hexList(new StringBuilder(sorted.length * 5 + 64), sorted);
            if (h.signaturesStart >= 0) {
                int[] signatures = values(h, h.signaturesStart, h.signaturesEnd);
                if (signatures.length > 0) {
                    hexList(c.append('_'), signatures);
                }
            }
            s.append(Digests.sha256(c, 12));
        }
        return s.toString();
    }

    /** The highest non-GREASE supported_versions value, else the legacy version, in JA4's two characters. */
    private static String version(ClientHello h) {
        int v = 0;
        if (h.versionsStart >= 0) {
            for (int i = h.versionsStart; i + 1 < h.versionsEnd; i += 2) {
                int offered = h.u16(i);
                if (!Grease.is(offered)) {
                    v = Math.max(v, offered);
                }
            }
        }
        if (v == 0) {
            v = h.legacyVersion;
        }
        return switch (v) {
            case 0x0304 -> "13";
            case 0x0303 -> "12";
            case 0x0302 -> "11";
            case 0x0301 -> "10";
            case 0x0300 -> "s3";
            case 0x0002 -> "s2";
            case 0xFEFF -> "d1";
            case 0xFEFD -> "d2";
            case 0xFEFC -> "d3";
            default -> "00";
        };
    }

    /**
     * The first and last characters of the first ALPN value ("h2" → {@code h2}, "http/1.1" →
     * {@code h1}); when either is not an ASCII letter or digit, the first hex digit of the first
     * byte and the last hex digit of the last byte instead (FoxIO's rule since 2024), so the
     * fingerprint stays printable whatever bytes a client sends.
     */
    private static void alpn(StringBuilder s, ClientHello h) {
        if (h.alpnStart < 0 || h.alpnLength == 0) {
            s.append("00");
            return;
        }
        int first = h.body[h.alpnStart] & 0xFF;
        int last = h.body[h.alpnStart + h.alpnLength - 1] & 0xFF;
        if (alphanumeric(first) && alphanumeric(last)) {
            s.append((char) first).append((char) last);
        } else {
            s.append(Character.forDigit(first >> 4, 16)).append(Character.forDigit(last & 0xF, 16));
        }
    }

    private static boolean alphanumeric(int c) {
        return c >= '0' && c <= '9' || c >= 'A' && c <= 'Z' || c >= 'a' && c <= 'z';
    }

    private static void twoDigits(StringBuilder s, int n) {
        int capped = Math.min(n, 99);
        s.append((char) ('0' + capped / 10)).append((char) ('0' + capped % 10));
    }

    private static int[] values(ClientHello h, int start, int end) {
        int[] out = new int[(end - start) / 2];
        int n = 0;
        for (int i = start; i + 1 < end; i += 2) {
            int v = h.u16(i);
            if (!Grease.is(v)) {
                out[n++] = v;
            }
        }
        return n == out.length ? out : Arrays.copyOf(out, n);
    }

    private static int[] extensionTypes(ClientHello h) {
        int[] out = new int[16];
        int n = 0;
        for (int p = h.extensionsStart; p + 4 <= h.extensionsEnd; p += 4 + h.u16(p + 2)) {
            int type = h.u16(p);
            if (!Grease.is(type)) {
                if (n == out.length) {
                    out = Arrays.copyOf(out, n * 2);
                }
                out[n++] = type;
            }
        }
        return Arrays.copyOf(out, n);
    }

    private static StringBuilder hexList(StringBuilder s, int[] values) {
        for (int i = 0; i < values.length; i++) {
            if (i > 0) {
                s.append(',');
            }
            int v = values[i];
            for (int shift = 12; shift >= 0; shift -= 4) {
                s.append(Character.forDigit((v >> shift) & 0xF, 16));
            }
        }
        return s;
    }
}
