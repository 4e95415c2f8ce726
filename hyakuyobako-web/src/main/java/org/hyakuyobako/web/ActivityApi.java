package org.hyakuyobako.web;

import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.hyakuyobako.decode.IpAddresses;
import org.hyakuyobako.net.HomeNet;

/**
 * {@code GET /api/activity}: what the octet wheel (V1) and the mirrored octet columns (V2) draw,
 * for one time window: each connection a monitored host opened or received, as (time, sensor,
 * remote address, port, inbound/outbound). A connection stands for its first packet: that is when
 * a scan probe, a spam delivery or a C&C poll happens, and all that the flow table keeps.
 *
 * <p>Downsampling happens here, not in the browser: rows are grouped into buckets of {@code step}
 * milliseconds (the page asks for one frame's worth of packet time), and within a bucket one
 * remote address on one port in one direction is one line with a count. A window that still holds
 * more than {@code limit} lines is cut at a bucket boundary and says where to go on ({@code next}),
 * so a million connections play in pages of bounded size. At high speeds one bucket can hold more
 * distinct addresses than a frame can show; then each sensor's bucket keeps its {@code perBucket}
 * busiest lines (ties broken by a hash of the addresses, so the choice is stable) and the answer
 * counts the connections left out ({@code dropped}).
 */
final class ActivityApi {
    static final int DEFAULT_LIMIT = 50_000;
    static final int MAX_LIMIT = 200_000;

    /** One request: window [fromMs, toMs), bucket width, optional sensor list, port and host. */
    record Window(double fromMs, double toMs, double stepMs, List<String> sensors, Integer port, String host, int perBucket, int limit) {
    }

    /** One drawn line before merging: the key of a bucket's line. */
    private record Line(long bucket, int sensor, int remote, int port, boolean outbound) {
    }

    private final ResultStore store;

    ActivityApi(ResultStore store) {
        this.store = store;
    }

    Map<String, Object> get(Window w) throws SQLException {
        long stepMicros = Math.max(1_000L, Rows.micros(w.stepMs()));
        StringBuilder where = new StringBuilder(" where start_time >= make_timestamp(?) and start_time < make_timestamp(?)");
        List<Object> params = new ArrayList<>(List.of(stepMicros, stepMicros, Rows.micros(w.fromMs()), Rows.micros(w.toMs())));
        if (!w.sensors().isEmpty()) {
            where.append(" and sensor in (").append(String.join(",", java.util.Collections.nCopies(w.sensors().size(), "?"))).append(')');
            params.addAll(w.sensors());
        }
        if (w.port() != null) {
            where.append(" and dest_port = ?");
            params.add(w.port());
        }
        if (w.host() != null) {
            where.append(" and (src_ip = ? or dest_ip = ?)");
            params.add(w.host());
            params.add(w.host());
        }
        // The cap needs two window functions over the window's pairs: only when it can bind.
        boolean capped = w.perBucket() < w.limit();
        String pairs = "select (epoch_us(start_time) // ?) * ? b, sensor, src_ip, dest_ip, dest_port, count(*) n from flow" + where
                + " group by all";
        String sql;
        if (capped) {
            params.add(w.perBucket());
            sql = "with pairs as (" + pairs + ") select b, sensor, src_ip, dest_ip, dest_port, n,"
                    + " sum(n) over (partition by b, sensor) bucket_total from pairs"
                    + " qualify row_number() over (partition by b, sensor order by n desc, hash(src_ip, dest_ip, dest_port)) <= ?"
                    + " order by b limit " + (w.limit() + 1);
        } else {
            sql = "select *, 0 bucket_total from (" + pairs + ") order by b limit " + (w.limit() + 1);
        }
        // The SQL rows are (bucket, src, dest) pairs; merging to remote addresses happens below, so
        // the limits are on pairs, a little above the lines they yield.
        HomeNet home = store.homeNet();
        return store.read(c -> {
            Map<String, Integer> sensorIds = new LinkedHashMap<>();
            Map<Line, long[]> lines = new LinkedHashMap<>();
            long lastBucket = Long.MIN_VALUE;
            boolean truncated = false;
            long rows = 0;
            Map<String, long[]> bucketShown = new HashMap<>();
            try (PreparedStatement p = c.prepareStatement(sql)) {
                for (int i = 0; i < params.size(); i++) {
                    p.setObject(i + 1, params.get(i));
                }
                try (ResultSet rs = p.executeQuery()) {
                    while (rs.next()) {
                        if (++rows > w.limit()) {
                            truncated = true;
                            break;
                        }
                        long bucket = rs.getLong(1);
                        lastBucket = bucket;
                        String sensor = rs.getString(2);
                        int sensorId = sensorIds.computeIfAbsent(sensor == null ? "?" : sensor, k -> sensorIds.size());
                        long[] src = parseOrNull(rs.getString(3));
                        long[] dst = parseOrNull(rs.getString(4));
                        if (src == null || dst == null) {
                            continue;
                        }
                        boolean srcHome = home.contains(src[0], src[1]);
                        boolean dstHome = home.contains(dst[0], dst[1]);
                        // Outbound: a monitored host opened it; inbound: the outside reached a monitored host.
                        boolean outbound = srcHome || !dstHome;
                        long[] remote = outbound ? dst : src;
                        Line key = new Line(bucket, sensorId, (int) remote[1], rs.getInt(5), outbound);
                        lines.computeIfAbsent(key, k -> new long[1])[0] += rs.getLong(6);
                        long bucketTotal = rs.getLong(7);
                        long[] shown = bucketShown.computeIfAbsent(bucket + "/" + sensorId, k -> new long[] {bucket, 0, bucketTotal});
                        shown[1] += rs.getLong(6);
                    }
                }
            }
            long next = -1;
            if (truncated) {
                // The last bucket may be incomplete: drop it and resume at its start, unless it is the
                // only one (then it is cut, and the page goes on after it).
                final long cut = lastBucket;
                if (lines.keySet().stream().anyMatch(l -> l.bucket() != cut)) {
                    lines.keySet().removeIf(l -> l.bucket() == cut);
                    next = cut;
                } else {
                    next = cut + stepMicros;
                }
            }
            long dropped = 0;
            for (long[] shown : capped ? bucketShown.values() : List.<long[]>of()) {
                if (!truncated || shown[0] < next) {
                    dropped += shown[2] - shown[1];
                }
            }
            Map<String, Object> answer = answer(w, stepMicros, sensorIds, lines, truncated, next);
            answer.put("dropped", dropped);
            return answer;
        });
    }

    private static Map<String, Object> answer(Window w, long stepMicros, Map<String, Integer> sensorIds, Map<Line, long[]> lines,
                                              boolean truncated, long nextMicros) {
        int n = lines.size();
        double[] t = new double[n];
        int[] s = new int[n];
        long[] a = new long[n];
        int[] port = new int[n];
        int[] out = new int[n];
        long[] count = new long[n];
        int i = 0;
        for (Map.Entry<Line, long[]> e : lines.entrySet()) {
            Line l = e.getKey();
            t[i] = l.bucket() / 1000.0;
            s[i] = l.sensor();
            a[i] = l.remote() & 0xFFFF_FFFFL;
            port[i] = l.port();
            out[i] = l.outbound() ? 1 : 0;
            count[i] = e.getValue()[0];
            i++;
        }
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("from", w.fromMs());
        m.put("to", w.toMs());
        m.put("step", stepMicros / 1000.0);
        m.put("truncated", truncated);
        m.put("next", truncated ? nextMicros / 1000.0 : w.toMs());
        m.put("sensors", new ArrayList<>(sensorIds.keySet()));
        m.put("t", t);
        m.put("s", s);
        m.put("a", a);
        m.put("p", port);
        m.put("o", out);
        m.put("n", count);
        return m;
    }

    /**
     * {@code GET /api/activity/range}: what the players need before the first frame: the time span,
     * the sensors, the busiest ports (for the legend and filter), a density profile for the scrubber,
     * and the synchronized events to jump to.
     */
    Map<String, Object> range(int densityBuckets) throws SQLException {
        return store.read(c -> {
            Map<String, Object> m = new LinkedHashMap<>();
            Map<String, Object> span = Rows.first(c, "select min(start_time) first, max(start_time) last, count(*) flows from flow");
            m.putAll(span == null ? Map.of() : span);
            List<String> sensors = new ArrayList<>();
            for (Map<String, Object> r : Rows.query(c, "select sensor, count(*) n from flow group by 1 order by 1")) {
                sensors.add(String.valueOf(r.get("sensor")));
            }
            m.put("sensors", sensors);
            m.put("ports", Rows.query(c, "select dest_port port, count(*) flows from flow group by 1 order by 2 desc, 1 limit 16"));
            Object first = m.get("first");
            Object last = m.get("last");
            if (first instanceof Number f && last instanceof Number l) {
                long fromMicros = Rows.micros(f.doubleValue());
                long width = Math.max(1, (Rows.micros(l.doubleValue()) - fromMicros) / densityBuckets + 1);
                long[] density = new long[densityBuckets];
                for (Map<String, Object> r : Rows.query(c, "select (epoch_us(start_time) - ?) // ? b, count(*) n from flow group by 1",
                        fromMicros, width)) {
                    int b = (int) Math.min(densityBuckets - 1, Math.max(0, ((Number) r.get("b")).longValue()));
                    density[b] += ((Number) r.get("n")).longValue();
                }
                m.put("density", density);
                m.put("density_step", width / 1000.0);
            }
            m.put("home_net", store.homeNet().toString());
            return m;
        });
    }

    private static long[] parseOrNull(String text) {
        if (text == null) {
            return null;
        }
        try {
            return IpAddresses.parse(text);
        } catch (IllegalArgumentException e) {
            return null;
        }
    }
}
