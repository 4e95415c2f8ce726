package org.hyakuyobako.report;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Seed 002's mirrored octet columns (V2) as a static picture: one panel per sensor, x = octet
 * position 1–4, y = octet value, each remote address a line through its four octets, coloured by
 * destination port; inbound traffic in the upper half, outbound in the lower. Two sensors stand side
 * by side with the left panel mirrored (octet 4 … 1), so bots that act in step draw mirror images.
 */
final class OctetColumns {
    private OctetColumns() {
    }

    static String svg(List<ReportData.Contact> contacts, int panelWidth, int height, String title) {
        Map<String, List<ReportData.Contact>> bySensor = new LinkedHashMap<>();
        for (ReportData.Contact c : contacts) {
            bySensor.computeIfAbsent(c.sensor() == null ? "?" : c.sensor(), k -> new ArrayList<>()).add(c);
        }
        // Sorted, so one sensor keeps its side from one picture to the next.
        List<String> sensors = new ArrayList<>(new java.util.TreeSet<>(bySensor.keySet()));
        if (sensors.size() > 2) {
            sensors = sensors.subList(0, 2);
        }
        int panels = Math.max(1, sensors.size());
        int width = panels * panelWidth;
        StringBuilder b = new StringBuilder();
        b.append("<svg class=\"columns\" xmlns=\"http://www.w3.org/2000/svg\" width=\"").append(width).append("\" height=\"")
                .append(height + 20).append("\" viewBox=\"0 0 ").append(width).append(' ').append(height + 20).append("\">");
        b.append("<title>").append(Html.esc(title)).append("</title>");
        for (int p = 0; p < panels; p++) {
            boolean mirrored = panels == 2 && p == 0;
            int x0 = p * panelWidth;
            String sensor = sensors.isEmpty() ? "" : sensors.get(p);
            panel(b, bySensor.getOrDefault(sensor, List.of()), x0, panelWidth, height, mirrored);
            b.append(String.format("<text x=\"%d\" y=\"%d\" font-size=\"11\" text-anchor=\"middle\">%s%s</text>",
                    x0 + panelWidth / 2, height + 14, Html.esc(sensor), mirrored ? " (mirrored)" : ""));
        }
        return b.append("</svg>").toString();
    }

    private static void panel(StringBuilder b, List<ReportData.Contact> contacts, int x0, int w, int h, boolean mirrored) {
        int mid = h / 2;
        b.append(String.format("<rect x=\"%d\" y=\"0\" width=\"%d\" height=\"%d\" fill=\"#fbfbf8\" stroke=\"#999\"/>", x0 + 2, w - 4, h));
        b.append(String.format("<line x1=\"%d\" y1=\"%d\" x2=\"%d\" y2=\"%d\" stroke=\"#bbb\" stroke-dasharray=\"3,3\"/>",
                x0 + 2, mid, x0 + w - 2, mid));
        b.append(String.format("<text x=\"%d\" y=\"12\" font-size=\"9\" fill=\"#777\">in</text>", x0 + 6));
        b.append(String.format("<text x=\"%d\" y=\"%d\" font-size=\"9\" fill=\"#777\">out</text>", x0 + 6, h - 4));
        double[] xs = new double[4];
        for (int k = 0; k < 4; k++) {
            int col = mirrored ? 3 - k : k;
            xs[k] = x0 + w * (col + 1) / 5.0;
            b.append(String.format("<line x1=\"%.1f\" y1=\"0\" x2=\"%.1f\" y2=\"%d\" stroke=\"#ddd\"/>", xs[k], xs[k], h));
            b.append(String.format("<text x=\"%.1f\" y=\"%d\" font-size=\"9\" text-anchor=\"middle\" fill=\"#777\">%d</text>",
                    xs[k], mid - 2, k + 1));
        }
        int n = contacts.size();
        for (int i = 0; i < n; i++) {
            ReportData.Contact c = contacts.get(i);
            int[] o = OctetWheel.octets(c.remote());
            if (o == null) {
                continue;
            }
            StringBuilder pts = new StringBuilder();
            for (int k = 0; k < 4; k++) {
                double frac = o[k] / 255.0;
                // Inbound: value 0 at the middle line, 255 at the top; outbound mirrored downwards.
                double y = c.outbound() ? mid + 6 + frac * (mid - 12) : mid - 6 - frac * (mid - 12);
                pts.append(String.format("%.1f,%.1f ", xs[k], y));
            }
            b.append(String.format("<polyline points=\"%s\" fill=\"none\" stroke=\"%s\" stroke-opacity=\"%.2f\"/>",
                    pts.toString().strip(), Html.portColour(c.port()), 0.15 + 0.85 * (i + 1) / n));
        }
    }
}
