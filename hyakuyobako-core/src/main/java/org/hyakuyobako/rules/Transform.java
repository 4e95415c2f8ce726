package org.hyakuyobako.rules;

import java.io.ByteArrayOutputStream;
import java.util.List;

/**
 * Suricata's buffer transforms that follow a sticky buffer ({@code file_data; strip_whitespace;}),
 * applied to the buffer before its contents are matched.
 */
public enum Transform {
    STRIP_WHITESPACE, COMPRESS_WHITESPACE, TO_LOWERCASE, TO_UPPERCASE, DOTPREFIX, URL_DECODE;

    static Transform byKeyword(String keyword) {
        return switch (keyword) {
            case "strip_whitespace" -> STRIP_WHITESPACE;
            case "compress_whitespace" -> COMPRESS_WHITESPACE;
            case "to_lowercase" -> TO_LOWERCASE;
            case "to_uppercase" -> TO_UPPERCASE;
            case "dotprefix" -> DOTPREFIX;
            case "url_decode" -> URL_DECODE;
            default -> null;
        };
    }

    public static byte[] apply(List<Transform> transforms, byte[] in) {
        byte[] out = in;
        for (Transform t : transforms) {
            out = t.apply(out);
        }
        return out;
    }

    private static boolean space(byte b) {
        return b == ' ' || b == '\t' || b == '\r' || b == '\n' || b == 0x0b || b == 0x0c;
    }

    byte[] apply(byte[] in) {
        ByteArrayOutputStream out = new ByteArrayOutputStream(in.length + 1);
        switch (this) {
            case STRIP_WHITESPACE -> {
                for (byte b : in) {
                    if (!space(b)) {
                        out.write(b);
                    }
                }
            }
            case COMPRESS_WHITESPACE -> {
                boolean last = false;
                for (byte b : in) {
                    boolean s = space(b);
                    if (!s || !last) {
                        out.write(s ? ' ' : b);
                    }
                    last = s;
                }
            }
            case TO_LOWERCASE, TO_UPPERCASE -> {
                for (byte b : in) {
                    out.write(this == TO_LOWERCASE ? (b >= 'A' && b <= 'Z' ? b + 32 : b) : (b >= 'a' && b <= 'z' ? b - 32 : b));
                }
            }
            case DOTPREFIX -> {
                out.write('.');
                out.write(in, 0, in.length);
            }
            default -> {
                for (int i = 0; i < in.length; i++) {
                    int hi;
                    int lo;
                    if (in[i] == '%' && i + 2 < in.length && (hi = Character.digit(in[i + 1], 16)) >= 0
                            && (lo = Character.digit(in[i + 2], 16)) >= 0) {
                        out.write(hi * 16 + lo);
                        i += 2;
                    } else {
                        out.write(in[i] == '+' ? ' ' : in[i]);
                    }
                }
            }
        }
        return out.toByteArray();
    }
}
