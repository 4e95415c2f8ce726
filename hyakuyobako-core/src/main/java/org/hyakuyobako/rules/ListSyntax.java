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

    static boolean isList(String s) {
        return s.startsWith("[") && s.endsWith("]");
    }
}
