package org.hyakuyobako.rules;

import com.google.re2j.Pattern;
import com.google.re2j.PatternSyntaxException;

/**
 * Turns a rule's {@code pcre:"/re/flags"} into an RE2J pattern. RE2 runs in time linear in the
 * input whatever the expression, which is what hostile traffic needs; the PCRE constructs it lacks
 * (look-around, back-references, atomic groups, possessive quantifiers, recursion) are refused
 * with the construct named, and the rule is skipped rather than matched differently.
 */
final class PcreTranslator {
    private PcreTranslator() {
    }

    /** The flags that choose a buffer or do nothing here; the matching flags are handled below. */
    static Pattern compile(String body, String flags) throws UnsupportedRuleException {
        StringBuilder prefix = new StringBuilder();
        boolean multiline = flags.indexOf('m') >= 0;
        boolean dollarEndOnly = flags.indexOf('E') >= 0;
        int re2Flags = 0;
        if (flags.indexOf('i') >= 0) {
            re2Flags |= Pattern.CASE_INSENSITIVE;
        }
        if (flags.indexOf('s') >= 0) {
            re2Flags |= Pattern.DOTALL;
        }
        if (multiline) {
            re2Flags |= Pattern.MULTILINE;
        }
        if (flags.indexOf('G') >= 0) {
            prefix.append("(?U)");
        }
        String source = flags.indexOf('x') >= 0 ? stripExtended(body) : body;
        String translated = prefix + translate(source, multiline || dollarEndOnly);
        try {
            return Pattern.compile(translated, re2Flags);
        } catch (PatternSyntaxException e) {
            throw new UnsupportedRuleException("pcre not accepted by RE2", e.getDescription());
        }
    }

    /**
     * Escapes RE2 lacks are rewritten; constructs it lacks are refused. A bare {@code $} is PCRE's
     * "end, or before a final newline" unless multiline or E; RE2's is the very end.
     */
    private static String translate(String re, boolean plainDollar) throws UnsupportedRuleException {
        StringBuilder out = new StringBuilder(re.length() + 16);
        boolean inClass = false;
        for (int i = 0; i < re.length(); i++) {
            char c = re.charAt(i);
            if (c == '\\' && i + 1 < re.length()) {
                char n = re.charAt(i + 1);
                i++;
                if (!inClass && n >= '1' && n <= '9') {
                    throw new UnsupportedRuleException("pcre back-reference (RE2 has none)");
                }
                switch (n) {
                    case 'Z' -> out.append(inClass ? "Z" : "(?:\\n?\\z)");
                    case 'e' -> out.append("\\x1b");
                    case 'h' -> out.append(inClass ? " \\t" : "[ \\t]");
                    case 'R' -> out.append("(?:\\r\\n|\\n|\\r)");
                    case 'K', 'G', 'g', 'k' -> throw new UnsupportedRuleException("pcre \\" + n + " (RE2 has none)");
                    case 'c' -> {
                        if (i + 1 < re.length()) {
                            out.append(String.format("\\x%02x", re.charAt(++i) & 0x1f));
                        }
                    }
                    case '0' -> {
                        // \0 and \0nn: an octal byte.
                        int j = i + 1;
                        int v = 0;
                        while (j < re.length() && j < i + 3 && re.charAt(j) >= '0' && re.charAt(j) <= '7') {
                            v = v * 8 + (re.charAt(j++) - '0');
                        }
                        out.append(String.format("\\x%02x", v & 0xff));
                        i = j - 1;
                    }
                    default -> {
                        if (Character.isLetterOrDigit(n) || n == '\\' || !Character.isLetterOrDigit(n) && n < 0x80 && n > 0x20) {
                            out.append('\\').append(n);
                        } else {
                            out.append(n);
                        }
                    }
                }
                continue;
            }
            if (inClass) {
                if (c == '[' && i + 1 < re.length() && re.charAt(i + 1) == ':') {
                    int end = re.indexOf(":]", i + 2);
                    if (end > 0) {
                        out.append(re, i, end + 2);
                        i = end + 1;
                        continue;
                    }
                }
                if (c == '[') {
                    out.append("\\[");   // a literal [ inside a class, which RE2 wants escaped
                    continue;
                }
                if (c == ']' && !classJustOpened(out)) {
                    inClass = false;
                }
                out.append(c);
                continue;
            }
            switch (c) {
                case '[' -> {
                    inClass = true;
                    out.append(c);
                    if (i + 1 < re.length() && re.charAt(i + 1) == '^') {
                        out.append('^');
                        i++;
                    }
                    if (i + 1 < re.length() && re.charAt(i + 1) == ']') {
                        out.append("\\]");    // "[]abc]": a leading ] is a member in PCRE
                        i++;
                    }
                }
                case '(' -> {
                    if (i + 2 < re.length() && re.charAt(i + 1) == '?') {
                        char k = re.charAt(i + 2);
                        if (k == '=' || k == '!') {
                            throw new UnsupportedRuleException("pcre look-ahead (RE2 has none)");
                        }
                        if (k == '<' && i + 3 < re.length() && (re.charAt(i + 3) == '=' || re.charAt(i + 3) == '!')) {
                            throw new UnsupportedRuleException("pcre look-behind (RE2 has none)");
                        }
                        if (k == '>') {
                            throw new UnsupportedRuleException("pcre atomic group (RE2 has none)");
                        }
                        if (k == '(' || k == 'R' || Character.isDigit(k)) {
                            throw new UnsupportedRuleException("pcre conditional or recursion (RE2 has none)");
                        }
                        if (k == '<' || k == '\'') {
                            // (?<name>…) and (?'name'…): RE2J knows (?P<name>…).
                            out.append("(?P<");
                            int end = re.indexOf(k == '<' ? '>' : '\'', i + 3);
                            if (end < 0) {
                                throw new UnsupportedRuleException("bad pcre group");
                            }
                            out.append(re, i + 3, end).append('>');
                            i = end;
                            continue;
                        }
                    }
                    if (i + 1 < re.length() && re.charAt(i + 1) == '*') {
                        throw new UnsupportedRuleException("pcre verb (RE2 has none)");
                    }
                    out.append(c);
                }
                case '+' -> {
                    if (i > 0 && isQuantifierEnd(re, i - 1)) {
                        throw new UnsupportedRuleException("pcre possessive quantifier (RE2 has none)");
                    }
                    out.append(c);
                }
                case '$' -> out.append(plainDollar ? "$" : "(?:\\n?\\z)");
                default -> out.append(c);
            }
        }
        return out.toString();
    }

    private static boolean classJustOpened(StringBuilder out) {
        int n = out.length();
        return n > 0 && out.charAt(n - 1) == '[' || n > 1 && out.charAt(n - 1) == '^' && out.charAt(n - 2) == '[';
    }

    /** The character before a '+' ends a quantifier ({@code *}, {@code +}, {@code ?}, or a counted one), unescaped. */
    private static boolean isQuantifierEnd(String re, int at) {
        char p = re.charAt(at);
        if (p != '*' && p != '+' && p != '?' && p != '}') {
            return false;
        }
        int backslashes = 0;
        for (int j = at - 1; j >= 0 && re.charAt(j) == '\\'; j--) {
            backslashes++;
        }
        if (backslashes % 2 == 1) {
            return false;
        }
        // "a+?" then "+": lazy then literal? PCRE reads "?+" after a quantifier as possessive too.
        return at == 0 || re.charAt(at - 1) != '(';
    }

    /** PCRE's x flag: whitespace and # comments outside classes are not part of the pattern. */
    private static String stripExtended(String re) {
        StringBuilder out = new StringBuilder(re.length());
        boolean inClass = false;
        for (int i = 0; i < re.length(); i++) {
            char c = re.charAt(i);
            if (c == '\\' && i + 1 < re.length()) {
                out.append(c).append(re.charAt(++i));
                continue;
            }
            if (inClass) {
                if (c == ']') {
                    inClass = false;
                }
                out.append(c);
            } else if (c == '[') {
                inClass = true;
                out.append(c);
            } else if (c == '#') {
                while (i < re.length() && re.charAt(i) != '\n') {
                    i++;
                }
            } else if (!Character.isWhitespace(c)) {
                out.append(c);
            }
        }
        return out.toString();
    }
}
