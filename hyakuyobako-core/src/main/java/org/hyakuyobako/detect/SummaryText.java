package org.hyakuyobako.detect;

/** Quoting network text in evidence summaries, which must stay one readable line. */
public final class SummaryText {
    private SummaryText() {
    }

    /**
     * At most {@code max} characters of {@code s}, control characters as spaces, an ellipsis when cut.
     * Bot and chat text is long and full of colour codes and CTCP markers.
     */
    public static String clip(String s, int max) {
        if (s == null) {
            return "";
        }
        StringBuilder b = new StringBuilder(Math.min(s.length(), max));
        for (int i = 0; i < s.length() && b.length() < max; i++) {
            char c = s.charAt(i);
            b.append(c < 0x20 || c == 0x7f ? ' ' : c);
        }
        return s.length() > max ? b + "…" : b.toString();
    }
}
