package org.hyakuyobako.rules;

/**
 * The number tests of {@code dsize}, {@code urilen}, {@code itype} and {@code icode}: {@code N},
 * {@code <N}, {@code >N}, {@code <=N}, {@code >=N}, {@code !N}, {@code N<>M} (exclusive), {@code N-M}.
 */
public record NumberRange(long min, long max, boolean negated) {
    public boolean matches(long v) {
        boolean in = v >= min && v <= max;
        return in != negated;
    }

    static NumberRange parse(String text) throws UnsupportedRuleException {
        String s = text.strip();
        try {
            if (s.startsWith("!")) {
                NumberRange inner = parse(s.substring(1));
                return new NumberRange(inner.min, inner.max, !inner.negated);
            }
            if (s.startsWith("<=")) {
                return new NumberRange(Long.MIN_VALUE, num(s.substring(2)), false);
            }
            if (s.startsWith(">=")) {
                return new NumberRange(num(s.substring(2)), Long.MAX_VALUE, false);
            }
            if (s.startsWith("<")) {
                return new NumberRange(Long.MIN_VALUE, num(s.substring(1)) - 1, false);
            }
            if (s.startsWith(">")) {
                return new NumberRange(num(s.substring(1)) + 1, Long.MAX_VALUE, false);
            }
            int between = s.indexOf("<>");
            if (between > 0) {
                return new NumberRange(num(s.substring(0, between)) + 1, num(s.substring(between + 2)) - 1, false);
            }
            int dash = s.indexOf('-', 1);
            if (dash > 0) {
                return new NumberRange(num(s.substring(0, dash)), num(s.substring(dash + 1)), false);
            }
            long n = num(s);
            return new NumberRange(n, n, false);
        } catch (NumberFormatException e) {
            throw new UnsupportedRuleException("bad number", text);
        }
    }

    private static long num(String s) {
        return Long.parseLong(s.strip());
    }
}
