package org.hyakuyobako.action;

import java.nio.charset.StandardCharsets;

/**
 * Strings from traffic made safe inside a Suricata/Snort rule. Both engines end an option at an
 * unescaped semicolon, a quoted value at a quote, and switch to hex at a pipe; a newline ends the
 * rule. Hand-written because no library writes this language (the project's own {@code RuleParser}
 * reads it, and the tests read every exported rule back through it).
 */
final class RuleText {
    /** Longest human text kept in a msg; rules with longer messages are hard to read in alert consoles. */
    static final int MAX_MSG = 180;
    /** Longest content pattern written, in characters; a longer string from traffic is cut (contents match prefixes). */
    static final int MAX_CONTENT = 512;

    private RuleText() {
    }

    /**
     * A content value, quotes included: letters, digits and plain punctuation as themselves, every
     * other byte of the UTF-8 form (quote, semicolon, backslash, pipe, colon, control characters,
     * non-ASCII) as {@code |hex|}, so no byte can end the option, the value or the rule.
     */
    static String content(String text) {
        byte[] bytes = text.getBytes(StandardCharsets.UTF_8);
        StringBuilder out = new StringBuilder(bytes.length + 8).append('"');
        boolean inHex = false;
        for (byte b : bytes) {
            int v = b & 0xff;
            if (isPlain(v)) {
                if (inHex) {
                    out.append('|');
                    inHex = false;
                }
                out.append((char) v);
            } else {
                out.append(inHex ? " " : "|").append(String.format("%02X", v));
                inHex = true;
            }
        }
        if (inHex) {
            out.append('|');
        }
        return out.append('"').toString();
    }

    /**
     * A msg value, quotes included: printable ASCII only; the characters that would end the value
     * or the option are replaced by look-alikes a reader understands, anything else by '?'. A msg
     * is for people, so a faithful shape matters more than exact bytes (those are in the content).
     */
    static String msg(String text) {
        StringBuilder out = new StringBuilder(Math.min(text.length(), MAX_MSG) + 2).append('"');
        int n = 0;
        for (int i = 0; i < text.length() && n < MAX_MSG; i++, n++) {
            char c = text.charAt(i);
            out.append(switch (c) {
                case '"' -> '\'';
                case ';' -> ',';
                case '\\', '|' -> '/';
                default -> c >= 0x20 && c < 0x7f ? c : '?';
            });
        }
        if (text.length() > MAX_MSG) {
            out.append("...");
        }
        return out.append('"').toString();
    }

    /** A metadata value: one token of letters, digits, '-', '_', '.', ':' (commas and spaces separate entries). */
    static String metadataValue(String text) {
        StringBuilder out = new StringBuilder(text.length());
        for (int i = 0; i < text.length() && i < 80; i++) {
            char c = text.charAt(i);
            out.append(Character.isLetterOrDigit(c) && c < 0x7f || c == '-' || c == '_' || c == '.' || c == ':' ? c : '_');
        }
        return out.length() == 0 ? "none" : out.toString();
    }

    private static boolean isPlain(int v) {
        return v >= 0x20 && v < 0x7f && v != '"' && v != ';' && v != '\\' && v != '|' && v != ':' && v != '\'' && v != '`';
    }
}
