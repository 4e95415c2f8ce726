package org.hyakuyobako.testing;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import org.hyakuyobako.detect.Detectors;
import org.hyakuyobako.event.Event;
import org.hyakuyobako.sink.ZeekConnLogSink;

/**
 * One capture's conn.log baseline from Zeek against the conn.log we write for it (every detector
 * on, so the service is named; written by the production {@link ZeekConnLogSink} and read back, so
 * the comparison is of the two files). A Zeek row is matched with our row of the same connection
 * (protocol and both endpoints); where the baseline was cut down to a few columns without
 * endpoints, with our unused row that agrees in the most of them. Timestamps and uids are masked or
 * random in Zeek's baselines and tunnel parents name uids, so they are not compared; neither are
 * local_orig/local_resp (a site setting) and ip_proto (we do not write it).
 */
public final class ZeekConnRun {
    /** The columns compared, where the baseline has them. */
    public static final List<String> COMPARED = List.of("proto", "service", "duration", "orig_bytes", "resp_bytes", "conn_state",
            "missed_bytes", "history", "orig_pkts", "orig_ip_bytes", "resp_pkts", "resp_ip_bytes");
    private static final List<String> KEY = List.of("proto", "id.orig_h", "id.orig_p", "id.resp_h", "id.resp_p");

    private ZeekConnRun() {
    }

    /** The comparison of one trace: rows and fields agreeing, per column, and what differs. */
    public record Result(int rows, int rowsAgreeing, int fields, int fieldsAgreeing, int oursUnmatched,
                         Map<String, int[]> perColumn, List<String> differences) {
        public boolean agrees() {
            return rows > 0 && rows == rowsAgreeing && oursUnmatched == 0;
        }
    }

    public static ZeekLog ours(Path capture, Path scratch) throws IOException {
        EventCollector out = Pipelines.run(List.of(capture), a -> Detectors.addDefaults(a, Pipelines.options()));
        Path log = scratch.resolve(capture.getFileName() + ".conn.log");
        try (ZeekConnLogSink sink = new ZeekConnLogSink(log)) {
            for (Event e : out.events) {
                sink.accept(e);
            }
        }
        ZeekLog ours = ZeekLog.read(log);
        Files.delete(log);
        return ours;
    }

    public static Result compare(Path capture, Path baseline, Path scratch) throws IOException {
        ZeekLog zeek = ZeekLog.read(baseline);
        List<Map<String, String>> unused = new ArrayList<>(ours(capture, scratch).rows());
        List<String> columns = COMPARED.stream().filter(zeek.fields()::contains).toList();
        boolean keyed = zeek.fields().containsAll(KEY);
        Map<String, int[]> perColumn = new TreeMap<>();
        List<String> differences = new ArrayList<>();
        int rowsAgreeing = 0;
        int fieldsAgreeing = 0;
        for (Map<String, String> z : zeek.rows()) {
            Map<String, String> mine = bestMatch(z, unused, columns, keyed);
            String connection = keyed ? key(z) : z.toString();
            if (mine == null) {
                differences.add(connection + ": no such connection of ours");
                columns.forEach(c -> perColumn.computeIfAbsent(c, k -> new int[2])[1]++);
                continue;
            }
            unused.remove(mine);
            List<String> differing = new ArrayList<>();
            for (String c : columns) {
                int[] tally = perColumn.computeIfAbsent(c, k -> new int[2]);
                tally[1]++;
                if (same(c, z.get(c), mine.get(c))) {
                    tally[0]++;
                    fieldsAgreeing++;
                } else {
                    differing.add(c + " " + z.get(c) + " (ours " + mine.get(c) + ")");
                }
            }
            if (differing.isEmpty()) {
                rowsAgreeing++;
            } else {
                differences.add(connection + ": " + differing);
            }
        }
        if (keyed && !unused.isEmpty()) {
            differences.add("ours only: " + unused.stream().map(ZeekConnRun::key).toList());
        }
        int rows = zeek.rows().size();
        return new Result(rows, rowsAgreeing, rows * columns.size(), fieldsAgreeing, keyed ? unused.size() : 0, perColumn, differences);
    }

    private static Map<String, String> bestMatch(Map<String, String> z, List<Map<String, String>> ours, List<String> columns,
                                                 boolean keyed) {
        Map<String, String> best = null;
        int bestScore = -1;
        for (Map<String, String> o : ours) {
            if (keyed && !key(z).equals(key(o))) {
                continue;
            }
            int score = (int) columns.stream().filter(c -> same(c, z.get(c), o.get(c))).count();
            if (score > bestScore) {
                best = o;
                bestScore = score;
            }
        }
        return best;
    }

    /**
     * Equal as Zeek means it. Zeek's service is the set of analyzers that confirmed the protocol
     * ("http,smtp" for a CONNECT tunnel carrying mail, "irc,ssl" after STARTTLS); we name one, so
     * ours agrees when it is one of them. Our "unknown" is Zeek's unset "-", our "tls" its "ssl".
     */
    static boolean same(String column, String zeek, String ours) {
        if (!column.equals("service")) {
            return zeek.equals(ours);
        }
        String mine = switch (ours == null ? "-" : ours) {
            case "unknown" -> "-";
            case "tls" -> "ssl";
            default -> ours;
        };
        return mine.equals(zeek) || !mine.equals("-") && List.of(zeek.split(",")).contains(mine);
    }

    private static String key(Map<String, String> row) {
        return row.get("proto") + " " + row.get("id.orig_h") + ":" + row.get("id.orig_p") + " > " + row.get("id.resp_h") + ":"
                + row.get("id.resp_p");
    }
}
