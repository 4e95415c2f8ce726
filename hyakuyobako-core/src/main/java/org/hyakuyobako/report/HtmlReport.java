package org.hyakuyobako.report;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Properties;
import java.util.Set;
import org.hyakuyobako.event.Timestamps;
import org.hyakuyobako.net.geo.PeerDataAttribution;

/**
 * {@code report.html}: one self-contained file (no script, no external resource) built from the
 * DuckDB store after a run: the summary, the verdict table, each judged host's evidence timeline and
 * list, C&C servers and bot groups, pictures of the key moments (seed 002's octet wheel and
 * mirrored octet columns, as inline SVG) and seed 002's Table 1 of synchronized events. Every string
 * is escaped: most of them came from the network.
 */
public final class HtmlReport {
    static final int MAX_HOSTS = 50;
    static final int MAX_MOMENTS = 3;
    static final long MOMENT_BEFORE = 10_000_000_000L;
    static final long MOMENT_LENGTH = 60_000_000_000L;
    static final int MAX_CONTACTS = 3_000;

    private HtmlReport() {
    }

    /** Writes the report of the store at {@code store} to {@code out}. */
    public static void write(Path store, Path out) throws IOException {
        Properties readOnly = new Properties();
        readOnly.setProperty("duckdb.read_only", "true");
        try (Connection c = DriverManager.getConnection("jdbc:duckdb:" + store.toAbsolutePath(), readOnly)) {
            ReportData d = ReportData.read(c);
            StringBuilder h = new StringBuilder(64 * 1024);
            head(h);
            summary(h, d);
            verdicts(h, d);
            hosts(h, d);
            cncAndGroups(h, d);
            moments(h, d, c);
            scansAndFloods(h, d);
            syncTable(h, d);
            attribution(h);
            h.append("</body></html>\n");
            Files.writeString(out, h.toString(), StandardCharsets.UTF_8);
        } catch (SQLException e) {
            throw new IOException("cannot build the report from " + store + ": " + e.getMessage(), e);
        }
    }

    static String time(long nanos) {
        return nanos == 0 ? "" : Timestamps.eve(nanos).replace("T", " ").replace("+0000", "");
    }

    private static void head(StringBuilder h) {
        h.append("<!DOCTYPE html><html lang=\"en\"><head><meta charset=\"utf-8\">")
                .append("<meta name=\"viewport\" content=\"width=device-width, initial-scale=1\">")
                .append("<title>Hyakuyobako report</title><style>")
                .append("body{font-family:system-ui,sans-serif;margin:1.5em;color:#222;max-width:1200px}")
                .append("table{border-collapse:collapse;margin:.5em 0 1.5em}td,th{border:1px solid #ccc;padding:3px 6px;")
                .append("font-size:13px;vertical-align:top;text-align:left}th{background:#eee}")
                .append(".infected{color:#fff;background:#c0392b}.suspicious{background:#f5c542}")
                .append("h2{border-bottom:2px solid #444;margin-top:1.6em}.pics{display:flex;gap:24px;flex-wrap:wrap}")
                .append("code{font-size:12px}</style></head><body>")
                .append("<h1>Hyakuyobako report</h1>");
    }

    private static void summary(StringBuilder h, ReportData d) {
        long infected = d.verdicts.stream().filter(v -> v.verdict().equals("infected")).count();
        h.append("<section id=\"summary\"><h2>Summary</h2><p>");
        h.append(String.format("%,d packets from %,d file(s), %,d flows, ", d.stats.getOrDefault("capture.packets", 0L),
                d.stats.getOrDefault("capture.files", 0L), d.stats.getOrDefault("flow.records", 0L)));
        h.append("packet time ").append(Html.esc(time(d.runFirst))).append(" to ").append(Html.esc(time(d.runLast))).append(". ");
        h.append(String.format("<b>%d infected</b> and %d suspicious host(s); %d C&amp;C server(s); %d bot group(s).",
                infected, d.verdicts.size() - infected, d.cnc.size(), d.groups.size()));
        h.append("</p></section>");
    }

    private static void verdicts(StringBuilder h, ReportData d) {
        h.append("<section id=\"verdicts\"><h2>Verdicts</h2>");
        if (d.verdicts.isEmpty()) {
            h.append("<p>No host reached the suspicious threshold.</p></section>");
            return;
        }
        h.append("<table><tr><th>host</th><th>verdict</th><th>score</th><th>methods</th><th>stages</th><th>C&amp;C</th>")
                .append("<th>groups</th><th>first</th><th>last</th></tr>");
        for (ReportData.Verdict v : d.verdicts) {
            h.append("<tr><td><a href=\"#host-").append(Html.esc(v.host())).append("\">").append(Html.esc(v.host()))
                    .append("</a></td><td class=\"").append(Html.esc(v.verdict())).append("\">").append(Html.esc(v.verdict()))
                    .append("</td><td>").append(String.format("%.2f", v.score())).append("</td><td>")
                    .append(Html.esc(String.join(", ", v.methods()))).append("</td><td>").append(Html.esc(v.stages()))
                    .append("</td><td>").append(Html.esc(String.join(" ", v.cnc()))).append("</td><td>")
                    .append(Html.esc(v.groups())).append("</td><td>").append(Html.esc(time(v.first()))).append("</td><td>")
                    .append(Html.esc(time(v.last()))).append("</td></tr>");
        }
        h.append("</table></section>");
    }

    private static void hosts(StringBuilder h, ReportData d) {
        if (d.verdicts.isEmpty()) {
            return;
        }
        h.append("<section id=\"hosts\"><h2>Evidence per host</h2>");
        int shown = 0;
        for (ReportData.Verdict v : d.verdicts) {
            if (shown++ == MAX_HOSTS) {
                h.append("<p>… and ").append(d.verdicts.size() - MAX_HOSTS).append(" more hosts (table <code>verdict_evidence</code>).</p>");
                break;
            }
            List<ReportData.Evidence> items = d.evidence.stream().filter(e -> e.host().equals(v.host())).toList();
            h.append("<h3 id=\"host-").append(Html.esc(v.host())).append("\">").append(Html.esc(v.host())).append(" — ")
                    .append(Html.esc(v.verdict())).append(String.format(" %.2f", v.score())).append("</h3>");
            if (v.explanation() != null) {
                h.append("<p class=\"explanation\">").append(Html.esc(v.explanation())).append("</p>");
            }
            // The infection chain as a timeline, step by step (its summary lists the steps with times and delays).
            items.stream().filter(e -> e.method().equals("chain")).findFirst().ifPresent(c -> {
                h.append("<ol class=\"chain\">");
                for (String step : c.summary().replaceFirst("^infection chain: ", "").split(" → ")) {
                    h.append("<li>").append(Html.esc(step)).append("</li>");
                }
                h.append("</ol>");
            });
            h.append(EvidenceTimeline.svg(items, d.runFirst, d.runLast, 900));
            h.append("<p>Packets: <code>./hyakuyobako carve --host ").append(Html.esc(v.host()))
                    .append(" --out ").append(Html.esc(v.host().replace(':', '_'))).append(".pcapng CAPTURES…</code></p>");
            h.append("<table><tr><th>#</th><th>method</th><th>peer</th><th>score</th><th>weighted</th><th>count</th>")
                    .append("<th>first</th><th>last</th><th>summary</th><th>raw data</th></tr>");
            for (ReportData.Evidence e : items) {
                h.append("<tr><td>").append(e.rank()).append("</td><td>").append(Html.esc(e.method())).append("</td><td>")
                        .append(Html.esc(e.peer())).append("</td><td>").append(String.format("%.2f", e.score())).append("</td><td>")
                        .append(String.format("%.2f", e.weighted())).append("</td><td>").append(e.count()).append("</td><td>")
                        .append(Html.esc(time(e.first()))).append("</td><td>").append(Html.esc(time(e.last()))).append("</td><td>")
                        .append(Html.esc(e.summary())).append("</td><td>").append(Html.esc(e.rawData())).append("</td></tr>");
            }
            h.append("</table>");
        }
        h.append("</section>");
    }

    /** The credit the AS data's CC BY 4.0 licence asks for (docs/adr/0022-geo-and-asn-data.md). */
    private static void attribution(StringBuilder h) {
        h.append("<footer><p>").append(PeerDataAttribution.HTML).append("</p></footer>");
    }

    private static void cncAndGroups(StringBuilder h, ReportData d) {
        h.append("<section id=\"cnc\"><h2>C&amp;C servers and bot groups</h2>");
        if (d.cnc.isEmpty()) {
            h.append("<p>No C&amp;C server found.</p>");
        } else {
            h.append("<table><tr><th>C&amp;C</th><th>country and AS</th><th>proto</th><th>score</th><th>bots</th><th>evidence</th></tr>");
            for (ReportData.Cnc c : d.cnc) {
                h.append("<tr><td>").append(Html.esc(c.ip() + ":" + c.port())).append("</td><td>").append(Html.esc(c.location()))
                        .append("</td><td>").append(Html.esc(c.proto()))
                        .append("</td><td>").append(String.format("%.2f", c.score())).append("</td><td>")
                        .append(Html.esc(String.join(" ", c.bots()))).append("</td><td>").append(Html.esc(c.evidence()))
                        .append("</td></tr>");
            }
            h.append("</table>");
        }
        if (!d.groups.isEmpty()) {
            h.append("<table><tr><th>group</th><th>hosts</th></tr>");
            d.groups.forEach((id, hosts) -> h.append("<tr><td>").append(Html.esc(id)).append("</td><td>")
                    .append(Html.esc(String.join(" ", hosts))).append("</td></tr>"));
            h.append("</table>");
        }
        h.append("</section>");
    }

    /**
     * Key moments: the minutes in which the judged hosts (the infected ones, else all judged) opened
     * the most flows — a scan sweep, a spam run, a flood after a command — drawn from their flows in
     * that minute, with ten seconds before it.
     */
    private static void moments(StringBuilder h, ReportData d, Connection c) throws SQLException {
        record Moment(long at, List<String> hosts, String why) {
        }
        List<String> judged = d.verdicts.stream().filter(v -> v.verdict().equals("infected")).map(ReportData.Verdict::host).toList();
        if (judged.isEmpty()) {
            judged = d.verdicts.stream().map(ReportData.Verdict::host).toList();
        }
        List<Moment> moments = new ArrayList<>();
        for (long[] m : ReportData.busiestMinutes(c, judged, MAX_MOMENTS)) {
            moments.add(new Moment(m[0], judged, m[1] + " flows opened by the judged hosts in this minute"));
        }
        h.append("<section id=\"moments\"><h2>Key moments</h2>");
        if (moments.isEmpty()) {
            h.append("<p>Nothing to draw: no verdict.</p></section>");
            return;
        }
        for (Moment m : moments) {
            List<ReportData.Contact> contacts = ReportData.contacts(c, m.hosts(), m.at() - MOMENT_BEFORE, m.at() + MOMENT_LENGTH,
                    MAX_CONTACTS);
            Set<String> sensors = new LinkedHashSet<>();
            contacts.forEach(x -> sensors.add(x.sensor()));
            String title = time(m.at()) + ": " + m.why();
            h.append("<h3>").append(Html.esc(title)).append("</h3><p>").append(contacts.size())
                    .append(" flow(s) of ").append(Html.esc(String.join(", ", m.hosts()))).append(" on ")
                    .append(Html.esc(String.join(", ", sensors))).append(", from 10 s before the minute to its end.</p><div class=\"pics\">");
            h.append(OctetWheel.svg(contacts.stream().filter(ReportData.Contact::outbound).toList(), 320, "octet wheel, " + title));
            h.append(OctetColumns.svg(contacts, 300, 320, "octet columns, " + title));
            h.append("</div>");
        }
        h.append("</section>");
    }

    private static void scansAndFloods(StringBuilder h, ReportData d) {
        h.append("<section id=\"scans\"><h2>Scans and floods</h2>");
        if (d.scans.isEmpty() && d.floods.isEmpty()) {
            h.append("<p>None.</p></section>");
            return;
        }
        if (!d.scans.isEmpty()) {
            h.append("<table><tr><th>time</th><th>scanner</th><th>direction</th><th>kind</th><th>service / target</th>")
                    .append("<th>targets</th><th>ports</th><th>address rule</th></tr>");
            for (String[] r : d.scans) {
                row(h, r);
            }
            h.append("</table>");
        }
        if (!d.floods.isEmpty()) {
            h.append("<table><tr><th>time</th><th>kind</th><th>target</th><th>packets</th><th>peak per s</th>")
                    .append("<th>monitored sources</th></tr>");
            for (String[] r : d.floods) {
                row(h, r);
            }
            h.append("</table>");
        }
        h.append("</section>");
    }

    private static void row(StringBuilder h, String[] cells) {
        h.append("<tr>");
        for (String cell : cells) {
            h.append("<td>").append(Html.esc(cell)).append("</td>");
        }
        h.append("</tr>");
    }

    private static void syncTable(StringBuilder h, ReportData d) {
        h.append("<section id=\"sync\"><h2>Synchronized events (seed 002, Table 1)</h2>");
        if (d.sync.isEmpty()) {
            h.append("<p>No synchronized event.</p></section>");
            return;
        }
        h.append("<table><tr><th>time</th><th>direction</th><th>external node</th><th>tolerance</th><th>hosts (sensor, offset)</th></tr>");
        for (ReportData.SyncRow s : d.sync) {
            h.append("<tr><td>").append(Html.esc(time(s.ts()))).append("</td><td>").append(Html.esc(s.direction()))
                    .append("</td><td>").append(Html.esc(s.external())).append("</td><td>").append(s.tolerance())
                    .append(" s</td><td>").append(Html.esc(String.join("; ", s.hosts()))).append("</td></tr>");
        }
        if (d.sync.size() == ReportData.MAX_SYNC_ROWS) {
            h.append("<tr><td colspan=\"5\">first ").append(ReportData.MAX_SYNC_ROWS)
                    .append(" rows; the rest in tables <code>sync</code> and <code>sync_host</code></td></tr>");
        }
        h.append("</table></section>");
    }
}
