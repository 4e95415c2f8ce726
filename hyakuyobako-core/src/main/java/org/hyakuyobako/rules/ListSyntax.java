package org.hyakuyobako.rules;

import java.util.ArrayList;
import java.util.List;

/** The bracketed, comma-separated, nestable lists of rule headers: {@code [a,![b,c],$VAR]}. */
final class ListSyntax {
    static final int MAX_DEPTH = 16;

    private ListSyntax() {
    }

    /** The items of {@code [ ... ]} at the top level (nested lists stay whole). */
    static List<String> items(String bracketed) throws UnsupportedRuleException {
        String inner = bracketed.substring(1, bracketed.length() - 1);
        List<String> out = new ArrayList<>();
        int depth = 0;
        int start = 0;
        for (int i = 0; i < inner.length(); i++) {
            char c = inner.charAt(i);
            if (c == '[') {
                depth++;
            } else if (c == ']') {
                depth--;
                if (depth < 0) {
                    throw new UnsupportedRuleException("bad list", bracketed);
                }
            } else if (c == ',' && depth == 0) {
                out.add(inner.substring(start, i).strip());
                start = i + 1;
            }
        }
        if (depth != 0) {
            throw new UnsupportedRuleException("bad list", bracketed);
        }
        String last = inner.substring(start).strip();
        if (!last.isEmpty() || !out.isEmpty()) {
            out.add(last);
        }
        return out;
    }

    /** {@code !5800,!445}: Suricata reads a comma list without brackets as a list. */
    static String bracketBareList(String s) {
        if (isList(s) || s.indexOf(',') < 0) {
            return s;
        }
        int depth = 0;
        for (int i = 0; i < s.length(); i++) {
            char c = s.charAt(i);
            depth += c == '[' ? 1 : c == ']' ? -1 : 0;
            if (c == ',' && depth == 0) {
                return "[" + s + "]";
            }
        }
        return s;
    }

    static boolean isList(String s) {
        return s.startsWith("[") && s.endsWith("]");
    }
}
