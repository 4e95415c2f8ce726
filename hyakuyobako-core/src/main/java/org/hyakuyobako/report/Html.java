package org.hyakuyobako.report;

/** Escaping for the report: every string in it came from the network or from a user's file. */
final class Html {
    private Html() {
    }

    static String esc(String s) {
        if (s == null) {
            return "";
        }
        StringBuilder b = new StringBuilder(s.length() + 16);
        for (int i = 0; i < s.length(); i++) {
            char c = s.charAt(i);
            switch (c) {
                case '<' -> b.append("&lt;");
                case '>' -> b.append("&gt;");
                case '&' -> b.append("&amp;");
                case '"' -> b.append("&quot;");
                case '\'' -> b.append("&#39;");
                default -> b.append(c < 0x20 && c != '\t' ? ' ' : c);
            }
        }
        return b.toString();
    }

    private static final java.util.Map<String, String> METHOD_COLOURS = java.util.Map.ofEntries(
            java.util.Map.entry("sync", "#c0392b"), java.util.Map.entry("irc", "#8e44ad"),
            java.util.Map.entry("irc-channel", "#2980b9"), java.util.Map.entry("timing", "#16a085"),
            java.util.Map.entry("blacklist", "#2c3e50"), java.util.Map.entry("signature", "#d35400"),
            java.util.Map.entry("scan", "#f39c12"), java.util.Map.entry("spam", "#27ae60"),
            java.util.Map.entry("dos", "#e74c3c"), java.util.Map.entry("download", "#7f8c8d"),
            java.util.Map.entry("dns", "#1abc9c"), java.util.Map.entry("proxy", "#34495e"));

    /** A colour per method, stable across reports, so one method looks the same everywhere. */
    static String methodColour(String method) {
        String known = METHOD_COLOURS.get(method);
        return known != null ? known : "hsl(" + Math.floorMod(method.hashCode() * 47, 360) + ",65%,45%)";
    }

    /** A colour per destination port (V2): well-known ports spread over the hue circle. */
    static String portColour(int port) {
        return "hsl(" + Math.floorMod(port * 137, 360) + ",80%,50%)";
    }
}
