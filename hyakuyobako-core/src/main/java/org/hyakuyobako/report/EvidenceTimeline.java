package org.hyakuyobako.report;

import java.util.ArrayList;
import java.util.List;

/** One host's evidence over the run: a row per method, a bar from an item's first to last sighting. */
final class EvidenceTimeline {
    static final int ROW = 16;
    static final int LABEL = 90;

    private EvidenceTimeline() {
    }

    static String svg(List<ReportData.Evidence> items, long runFirst, long runLast, int width) {
        List<String> methods = new ArrayList<>();
        for (ReportData.Evidence e : items) {
            if (!methods.contains(e.method())) {
                methods.add(e.method());
            }
        }
        int height = methods.size() * ROW + 18;
        long span = Math.max(1, runLast - runFirst);
        double plot = width - LABEL - 10;
        StringBuilder b = new StringBuilder();
        b.append("<svg class=\"timeline\" xmlns=\"http://www.w3.org/2000/svg\" width=\"").append(width).append("\" height=\"")
                .append(height).append("\" viewBox=\"0 0 ").append(width).append(' ').append(height).append("\">");
        for (int m = 0; m < methods.size(); m++) {
            b.append(String.format("<text x=\"0\" y=\"%d\" font-size=\"11\">%s</text>", m * ROW + 12, Html.esc(methods.get(m))));
        }
        b.append(String.format("<line x1=\"%d\" y1=\"%d\" x2=\"%.1f\" y2=\"%d\" stroke=\"#999\"/>", LABEL, height - 16,
                LABEL + plot, height - 16));
        b.append(String.format("<text x=\"%d\" y=\"%d\" font-size=\"9\" fill=\"#777\">%s</text>", LABEL, height - 4,
                Html.esc(HtmlReport.time(runFirst))));
        b.append(String.format("<text x=\"%.1f\" y=\"%d\" font-size=\"9\" fill=\"#777\" text-anchor=\"end\">%s</text>",
                LABEL + plot, height - 4, Html.esc(HtmlReport.time(runLast))));
        for (ReportData.Evidence e : items) {
            int row = methods.indexOf(e.method());
            double x1 = LABEL + plot * clamp((e.first() - runFirst) / (double) span);
            double x2 = LABEL + plot * clamp((e.last() - runFirst) / (double) span);
            b.append(String.format("<rect x=\"%.1f\" y=\"%d\" width=\"%.1f\" height=\"10\" fill=\"%s\" fill-opacity=\"%.2f\">"
                            + "<title>%s</title></rect>", x1, row * ROW + 3, Math.max(3, x2 - x1), Html.methodColour(e.method()),
                    0.35 + 0.65 * e.weighted(), Html.esc(e.summary())));
        }
        return b.append("</svg>").toString();
    }

    private static double clamp(double v) {
        return Math.max(0, Math.min(1, v));
    }
}
