package org.hyakuyobako.rules;

/**
 * {@code flags}: the TCP flags, exactly ({@code SA}), at least ({@code +}), any of ({@code *}) or
 * none of ({@code !}), after masking out the flags given after the comma. {@code 0} means none set.
 */
public record TcpFlagsOption(int flags, char mode, int ignored) {
    public boolean matches(int packetFlags) {
        int f = packetFlags & 0xFF & ~ignored;
        return switch (mode) {
            case '+' -> (f & flags) == flags;
            case '*' -> (f & flags) != 0;
            case '!' -> (f & flags) == 0;
            default -> f == flags;
        };
    }

    static TcpFlagsOption parse(String value) throws UnsupportedRuleException {
        String[] parts = value.strip().split(",", 2);
        String s = parts[0].strip();
        char mode = '=';
        int flags = 0;
        for (char c : s.toCharArray()) {
            switch (c) {
                case '+', '*', '!' -> mode = c;
                case '0' -> {
                }
                default -> flags |= bit(c, value);
            }
        }
        int ignored = 0;
        if (parts.length > 1) {
            for (char c : parts[1].strip().toCharArray()) {
                ignored |= bit(c, value);
            }
        }
        return new TcpFlagsOption(flags, mode, ignored);
    }

    private static int bit(char c, String value) throws UnsupportedRuleException {
        return switch (Character.toUpperCase(c)) {
            case 'F' -> 0x01;
            case 'S' -> 0x02;
            case 'R' -> 0x04;
            case 'P' -> 0x08;
            case 'A' -> 0x10;
            case 'U' -> 0x20;
            case 'E', '2' -> 0x40;
            case 'C', '1' -> 0x80;
            default -> throw new UnsupportedRuleException("bad flags", value);
        };
    }
}
