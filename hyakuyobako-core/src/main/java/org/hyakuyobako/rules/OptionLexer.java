package org.hyakuyobako.rules;

import java.util.ArrayList;
import java.util.List;

/**
 * Splits a rule's option part into {@code keyword[:value]} pairs at the semicolons that are not
 * inside quotes or escaped with a backslash, as Snort and Suricata read them.
 */
final class OptionLexer {
    private OptionLexer() {
    }

    /** Each option as {keyword, value}; value is null for a bare keyword. */
    static List<String[]> split(String options) throws UnsupportedRuleException {
        List<String[]> out = new ArrayList<>();
        StringBuilder current = new StringBuilder();
        boolean quoted = false;
        for (int i = 0; i < options.length(); i++) {
            char c = options.charAt(i);
            if (c == '\\' && i + 1 < options.length()) {
                current.append(c).append(options.charAt(++i));
                continue;
            }
            if (c == '"') {
                quoted = !quoted;
            }
            if (c == ';' && !quoted) {
                add(out, current.toString());
                current.setLength(0);
            } else {
                current.append(c);
            }
        }
        if (quoted) {
            throw new UnsupportedRuleException("unterminated quote");
        }
        if (!current.toString().isBlank()) {
            throw new UnsupportedRuleException("option not ended by ';'", current.toString().strip());
        }
        return out;
    }

    private static void add(List<String[]> out, String option) {
        String s = option.strip();
        if (s.isEmpty()) {
            return;
        }
        int colon = s.indexOf(':');
        if (colon < 0) {
            out.add(new String[] {s, null});
        } else {
            out.add(new String[] {s.substring(0, colon).strip(), s.substring(colon + 1).strip()});
        }
    }

    /** A quoted value without its quotes and with its escapes ({@code \" \; \\ \:}) resolved. */
    static String unquote(String value) {
        String v = value.strip();
        if (v.length() >= 2 && v.startsWith("\"") && v.endsWith("\"")) {
            v = v.substring(1, v.length() - 1);
        }
        StringBuilder out = new StringBuilder(v.length());
        for (int i = 0; i < v.length(); i++) {
            char c = v.charAt(i);
            if (c == '\\' && i + 1 < v.length()) {
                out.append(v.charAt(++i));
            } else {
                out.append(c);
            }
        }
        return out.toString();
    }

    /** A content string: {@code "abc|0D 0A|def"} with escapes, as bytes. */
    static byte[] contentBytes(String quoted) throws UnsupportedRuleException {
        String v = quoted.strip();
        if (v.length() < 2 || !v.startsWith("\"") || !v.endsWith("\"")) {
            throw new UnsupportedRuleException("content not quoted", v);
        }
        v = v.substring(1, v.length() - 1);
        java.io.ByteArrayOutputStream out = new java.io.ByteArrayOutputStream(v.length());
        boolean hex = false;
        int nibble = -1;
        for (int i = 0; i < v.length(); i++) {
            char c = v.charAt(i);
            if (c == '|') {
                if (hex && nibble >= 0) {
                    throw new UnsupportedRuleException("odd number of hex digits in content", quoted);
                }
                hex = !hex;
                continue;
            }
            if (hex) {
                if (c == ' ' || c == '\t') {
                    continue;
                }
                int d = Character.digit(c, 16);
                if (d < 0) {
                    throw new UnsupportedRuleException("bad hex in content", quoted);
                }
                if (nibble < 0) {
                    nibble = d;
                } else {
                    out.write(nibble * 16 + d);
                    nibble = -1;
                }
                continue;
            }
            if (c == '\\' && i + 1 < v.length()) {
                c = v.charAt(++i);
            }
            if (c > 0x7f) {
                // Non-ASCII text in a content: its UTF-8 bytes, as Suricata reads the rule file.
                byte[] utf8 = String.valueOf(c).getBytes(java.nio.charset.StandardCharsets.UTF_8);
                out.write(utf8, 0, utf8.length);
            } else {
                out.write(c);
            }
        }
        if (hex) {
            throw new UnsupportedRuleException("unterminated hex in content", quoted);
        }
        if (out.size() == 0) {
            throw new UnsupportedRuleException("empty content");
        }
        return out.toByteArray();
    }
}
