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

    private static final java.util.Map<Integer, String> PORT_COLOURS = java.util.Map.ofEntries(
            java.util.Map.entry(445, "hsl(0,85%,48%)"),
            java.util.Map.entry(139, "hsl(30,90%,50%)"),
            java.util.Map.entry(135, "hsl(55,90%,42%)"),
            java.util.Map.entry(80, "hsl(120,75%,40%)"),
            java.util.Map.entry(443, "hsl(170,80%,35%)"),
            java.util.Map.entry(25, "hsl(275,70%,50%)"),
            java.util.Map.entry(53, "hsl(200,85%,50%)"),
            java.util.Map.entry(6667, "hsl(300,80%,50%)"),
            java.util.Map.entry(22, "hsl(25,65%,30%)"),
            java.util.Map.entry(23, "hsl(235,70%,35%)"),
            java.util.Map.entry(1433, "hsl(185,90%,40%)"),
            java.util.Map.entry(3389, "hsl(330,85%,60%)"),
            java.util.Map.entry(8080, "hsl(120,80%,22%)"),
            java.util.Map.entry(21, "hsl(255,60%,65%)"),
            java.util.Map.entry(69, "hsl(0,70%,28%)"),
            java.util.Map.entry(5900, "hsl(215,90%,55%)"));

    /**
     * A colour per destination port (V1, V2), the same as the web UI's (common.js portColour): the
     * ports bots use most get colours far apart (hue and lightness), every other port a hue from a multiplicative hash.
     */
    static String portColour(int port) {
        String known = PORT_COLOURS.get(port);
        if (known != null) {
            return known;
        }
        long hash = (port * 2654435761L) & 0xFFFF_FFFFL;
        return "hsl(" + hash % 360 + ",70%," + (38 + (port % 3) * 8) + "%)";
    }
}
