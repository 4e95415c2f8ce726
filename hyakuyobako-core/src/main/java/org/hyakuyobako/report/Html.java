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

    private static final java.util.Map<Integer, Integer> PORT_HUES = java.util.Map.ofEntries(
            java.util.Map.entry(445, 0), java.util.Map.entry(139, 30), java.util.Map.entry(135, 55), java.util.Map.entry(80, 120),
            java.util.Map.entry(443, 150), java.util.Map.entry(25, 275), java.util.Map.entry(53, 200), java.util.Map.entry(6667, 300),
            java.util.Map.entry(22, 90), java.util.Map.entry(23, 235), java.util.Map.entry(1433, 180), java.util.Map.entry(3389, 330),
            java.util.Map.entry(8080, 105), java.util.Map.entry(21, 255), java.util.Map.entry(69, 15), java.util.Map.entry(5900, 215));

    /**
     * A colour per destination port (V1, V2), the same as the web UI's (common.js portColour): the
     * ports bots use most get hues far apart, every other port a hue from a multiplicative hash.
     */
    static String portColour(int port) {
        Integer known = PORT_HUES.get(port);
        if (known != null) {
            return "hsl(" + known + ",85%,45%)";
        }
        long hash = (port * 2654435761L) & 0xFFFF_FFFFL;
        return "hsl(" + hash % 360 + ",70%," + (38 + (port % 3) * 8) + "%)";
    }
}
