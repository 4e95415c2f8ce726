package org.hyakuyobako.detect.blacklist;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Set;

/**
 * The part of the STIX 2.1 patterning language (STIX 2.1 part 5) that a blacklist can use:
 * observation expressions joined by OR, each a list of comparisons joined by one connective
 * (all AND or all OR), comparisons {@code path op literal} with string literals (escapes
 * {@code \\} and {@code \'} only, as the grammar has no others) or integers. Anything else —
 * FOLLOWEDBY, AND between observations, parentheses, qualifiers (WITHIN, START/STOP, REPEATS),
 * NOT, hex/binary/time literals — is {@link Unsupported}: a shared pattern we do not fully
 * understand is skipped and reported, never half-applied. Hand-written: the grammar is small and
 * the input is untrusted, so every step is bounded (length, comparison count).
 */
public final class StixPattern {
    static final int MAX_LENGTH = 16_384;
    static final int MAX_COMPARISONS = 256;
    private static final Set<String> OPERATORS = Set.of("=", "!=", "<", "<=", ">", ">=");

    /** A comparison: {@code ipv4-addr:value = '192.0.2.1'}; value unescaped, quoted when it was a string. */
    public record Comparison(String path, String operator, String value, boolean quoted) {
    }

    /** One {@code [...]}: its comparisons and the connective between them ("AND", "OR", or "" for one). */
    public record Observation(List<Comparison> comparisons, String connective) {
    }

    /** A pattern outside the supported subset, or not a pattern at all. */
    public static final class Unsupported extends Exception {
        public Unsupported(String message) {
            super(message);
        }
    }

    private final String text;
    private int at;

    private StixPattern(String text) {
        this.text = text;
    }

    /** The observations of a pattern, which match when any of them does. */
    public static List<Observation> parse(String pattern) throws Unsupported {
        if (pattern == null || pattern.isBlank()) {
            throw new Unsupported("empty pattern");
        }
        if (pattern.length() > MAX_LENGTH) {
            throw new Unsupported("pattern longer than " + MAX_LENGTH + " characters");
        }
        return new StixPattern(pattern).observations();
    }

    private List<Observation> observations() throws Unsupported {
        List<Observation> out = new ArrayList<>();
        int comparisons = 0;
        while (true) {
            skipSpace();
            if (peek() != '[') {
                throw new Unsupported("expected '[' at " + at + (peek() == '(' ? " (grouped observations are not supported)" : ""));
            }
            at++;
            Observation o = observation();
            comparisons += o.comparisons().size();
            if (comparisons > MAX_COMPARISONS) {
                throw new Unsupported("more than " + MAX_COMPARISONS + " comparisons");
            }
            out.add(o);
            skipSpace();
            if (at >= text.length()) {
                return out;
            }
            String word = word();
            if (!"OR".equals(word)) {
                throw new Unsupported("'" + clip(word) + "' between or after observations is not supported (only OR)");
            }
        }
    }

    private Observation observation() throws Unsupported {
        List<Comparison> comparisons = new ArrayList<>();
        String connective = "";
        while (true) {
            skipSpace();
            String path = word();
            if (path.isEmpty() || path.indexOf(':') <= 0) {
                throw new Unsupported("expected an object path at " + at);
            }
            skipSpace();
            String op = operator();
            skipSpace();
            boolean quoted = peek() == '\'';
            String value = quoted ? string() : integer();
            comparisons.add(new Comparison(path.toLowerCase(Locale.ROOT), op, value, quoted));
            if (comparisons.size() > MAX_COMPARISONS) {
                throw new Unsupported("more than " + MAX_COMPARISONS + " comparisons");
            }
            skipSpace();
            if (peek() == ']') {
                at++;
                return new Observation(List.copyOf(comparisons), connective);
            }
            String next = word();
            if (!"AND".equals(next) && !"OR".equals(next)) {
                throw new Unsupported("'" + clip(next) + "' in a comparison is not supported");
            }
            if (!connective.isEmpty() && !connective.equals(next)) {
                throw new Unsupported("AND and OR mixed in one observation");
            }
            connective = next;
        }
    }

    private String operator() throws Unsupported {
        int start = at;
        while (at < text.length() && "=!<>".indexOf(text.charAt(at)) >= 0) {
            at++;
        }
        String op = text.substring(start, at);
        if (OPERATORS.contains(op)) {
            return op;
        }
        at = start;
        String word = word();
        throw new Unsupported("operator '" + clip(word.isEmpty() ? op : word) + "' is not supported");
    }

    /** A string literal; the only escapes the grammar allows are \\ and \'. */
    private String string() throws Unsupported {
        at++; // the opening quote
        StringBuilder b = new StringBuilder();
        while (at < text.length()) {
            char c = text.charAt(at++);
            if (c == '\'') {
                return b.toString();
            }
            if (c == '\\') {
                if (at >= text.length() || (text.charAt(at) != '\\' && text.charAt(at) != '\'')) {
                    throw new Unsupported("bad escape in a string literal at " + (at - 1));
                }
                c = text.charAt(at++);
            }
            b.append(c);
        }
        throw new Unsupported("unterminated string literal");
    }

    private String integer() throws Unsupported {
        int start = at;
        if (peek() == '-') {
            at++;
        }
        while (at < text.length() && Character.isDigit(text.charAt(at)) && at - start < 20) {
            at++;
        }
        if (at == start || (at < text.length() && !isEnd(text.charAt(at)))) {
            throw new Unsupported("only string and integer literals are supported (at " + start + ")");
        }
        return text.substring(start, at);
    }

    private static boolean isEnd(char c) {
        return Character.isWhitespace(c) || c == ']';
    }

    /** An object path or a keyword: letters, digits, '_', '-', ':', '.', and list steps like [*] or [0]. */
    private String word() {
        int start = at;
        while (at < text.length()) {
            char c = text.charAt(at);
            if (Character.isLetterOrDigit(c) && c < 128 || c == '_' || c == '-' || c == ':' || c == '.') {
                at++;
            } else if (c == '[' && at > start && text.startsWith("[*]", at)) {
                at += 3;
            } else {
                break;
            }
        }
        return text.substring(start, at);
    }

    private void skipSpace() {
        while (at < text.length() && Character.isWhitespace(text.charAt(at))) {
            at++;
        }
    }

    private char peek() {
        return at < text.length() ? text.charAt(at) : 0;
    }

    private static String clip(String s) {
        return s.length() > 40 ? s.substring(0, 40) + "..." : s;
    }
}
