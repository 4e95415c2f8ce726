package org.hyakuyobako.report;

import java.util.List;
import org.hyakuyobako.decode.IpAddresses;

/**
 * Seed 002's octet wheel (V1) as a static picture: every remote address a host's traffic reached is
 * drawn as four lines from the centre, one per octet, at the angle of the octet's value (0–255 round
 * the circle), octet 1 longest. Older contacts are fainter (the afterimage of the animation), so a
 * fixed first octet shows as one bright spoke and a sweeping fourth octet as a fan.
 */
final class OctetWheel {
    static final String[] OCTET_COLOURS = {"#1f77b4", "#2ca02c", "#ff7f0e", "#d62728"};

    private OctetWheel() {
    }

    static String svg(List<ReportData.Contact> contacts, int size, String title) {
        double c = size / 2.0;
        double r = size / 2.0 - 14;
        StringBuilder b = new StringBuilder();
        b.append("<svg class=\"wheel\" xmlns=\"http://www.w3.org/2000/svg\" width=\"").append(size).append("\" height=\"")
                .append(size + 18).append("\" viewBox=\"0 0 ").append(size).append(' ').append(size + 18).append("\">");
        b.append("<title>").append(Html.esc(title)).append("</title>");
        b.append(String.format("<circle cx=\"%.1f\" cy=\"%.1f\" r=\"%.1f\" fill=\"#fbfbf8\" stroke=\"#999\"/>", c, c, r));
        for (int tick = 0; tick < 256; tick += 32) {
            double a = angle(tick);
            b.append(String.format("<text x=\"%.1f\" y=\"%.1f\" font-size=\"9\" text-anchor=\"middle\" fill=\"#777\">%d</text>",
                    c + (r + 8) * Math.sin(a), c - (r + 8) * Math.cos(a) + 3, tick));
        }
        int n = contacts.size();
        for (int i = 0; i < n; i++) {
            int[] o = octets(contacts.get(i).remote());
            if (o == null) {
                continue;
            }
            double opacity = 0.15 + 0.85 * (i + 1) / n;
            for (int k = 0; k < 4; k++) {
                double len = r * (1.0 - 0.2 * k);
                double a = angle(o[k]);
                b.append(String.format("<line x1=\"%.1f\" y1=\"%.1f\" x2=\"%.1f\" y2=\"%.1f\" stroke=\"%s\" stroke-opacity=\"%.2f\"/>",
                        c, c, c + len * Math.sin(a), c - len * Math.cos(a), OCTET_COLOURS[k], opacity));
            }
        }
        for (int k = 0; k < 4; k++) {
            b.append(String.format("<rect x=\"%d\" y=\"%d\" width=\"10\" height=\"10\" fill=\"%s\"/>"
                    + "<text x=\"%d\" y=\"%d\" font-size=\"11\">octet %d</text>", 4 + 70 * k, size + 4, OCTET_COLOURS[k],
                    18 + 70 * k, size + 13, k + 1));
        }
        return b.append("</svg>").toString();
    }

    private static double angle(int octet) {
        return octet / 256.0 * 2 * Math.PI;
    }

    /** The four octets of an IPv4 address (IPv6: its last four bytes), or null if unreadable. */
    static int[] octets(String address) {
        try {
            long[] a = IpAddresses.parse(address);
            long lo = a[1];
            return new int[] {(int) (lo >>> 24) & 0xFF, (int) (lo >>> 16) & 0xFF, (int) (lo >>> 8) & 0xFF, (int) lo & 0xFF};
        } catch (IllegalArgumentException e) {
            return null;
        }
    }
}
