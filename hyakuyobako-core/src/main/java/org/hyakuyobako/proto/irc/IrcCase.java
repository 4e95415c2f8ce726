package org.hyakuyobako.proto.irc;

/**
 * IRC's case mapping (RFC 1459 / RFC 2812 section 2.2): nicks and channels compare without case, and
 * {@code {}|~} are the lower case of {@code []\^}. Servers announce "rfc1459" casemapping by default,
 * so {@code [x]Bot} and {@code {X}bot} are one nick.
 */
public final class IrcCase {
    private IrcCase() {
    }

    public static String fold(String s) {
        if (s == null) {
            return null;
        }
        char[] c = null;
        for (int i = 0; i < s.length(); i++) {
            char ch = s.charAt(i);
            char lower = switch (ch) {
                case '[' -> '{';
                case ']' -> '}';
                case '\\' -> '|';
                case '^' -> '~';
                default -> ch >= 'A' && ch <= 'Z' ? (char) (ch + 32) : ch;
            };
            if (lower != ch) {
                if (c == null) {
                    c = s.toCharArray();
                }
                c[i] = lower;
            }
        }
        return c == null ? s : new String(c);
    }
}
