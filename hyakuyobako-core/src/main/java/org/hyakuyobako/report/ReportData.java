package org.hyakuyobako.report;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.sql.Timestamp;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.hyakuyobako.net.geo.PeerLocation;

/** What the report shows, read from the DuckDB store with plain SQL (the tables of docs/schema.md). */
final class ReportData {
    /** @param explanation the verdict in one sentence (null in stores written before explanations) */
    record Verdict(String host, String verdict, double score, long first, long last, String stages, String groups,
                   List<String> methods, List<String> cnc, String explanation) {
    }

    /** @param rawData where the flows behind it start: capture file and byte offset, for Wireshark or {@code carve} */
    record Evidence(String host, int rank, String method, String peer, double score, double weighted, long count,
                    long first, long last, String summary, String rawData) {
    }

    /** @param location country and AS ("CA AS14061 DigitalOcean, LLC"), "" when inside or unknown */
    record Cnc(String ip, int port, String proto, double score, List<String> bots, String evidence, String location) {
    }

    record SyncRow(long id, long ts, String direction, String external, double tolerance, List<String> hosts) {
    }

    /** One flow of a monitored host: its remote address, whether it went out, its port and sensor. */
    record Contact(long ts, String sensor, String remote, boolean outbound, int port) {
    }

    final Map<String, Long> stats = new LinkedHashMap<>();
    final List<Verdict> verdicts = new ArrayList<>();
    final List<Evidence> evidence = new ArrayList<>();
    final List<Cnc> cnc = new ArrayList<>();
    final Map<String, List<String>> groups = new LinkedHashMap<>();
    final List<SyncRow> sync = new ArrayList<>();
    /** Scans and floods, one line each, largest first: kind, who, what, how many, the rule or rate. */
    final List<String[]> scans = new ArrayList<>();
    final List<String[]> floods = new ArrayList<>();
    static final int MAX_SCANS = 50;
    long runFirst;
    long runLast;

    static final int MAX_SYNC_ROWS = 300;
    static final List<String> STATS = List.of("capture.files", "capture.packets", "capture.bytes_on_disk", "flow.records",
            "correlation.hosts_with_evidence");

    static ReportData read(Connection c) throws SQLException {
        ReportData d = new ReportData();
        try (Statement s = c.createStatement()) {
            for (String key : STATS) {
                try (ResultSet rs = s.executeQuery("select json_extract(json, '$.stats.\"" + key
                        + "\"')::BIGINT from event where event_type = 'stats' limit 1")) {
                    if (rs.next() && rs.getObject(1) != null) {
                        d.stats.put(key, rs.getLong(1));
                    }
                }
            }
            try (ResultSet rs = s.executeQuery("select min(start_time), max(end_time) from flow")) {
                if (rs.next() && rs.getTimestamp(1) != null) {
                    d.runFirst = nanos(rs.getTimestamp(1));
                    d.runLast = nanos(rs.getTimestamp(2));
                }
            }
            try (ResultSet rs = s.executeQuery("""
                    select v.host, v.verdict, v.score, v.first_seen, v.last_seen, v.stages, v.groups,
                           (select string_agg(m.method, ',' order by m.strength desc) from verdict_method m where m.host = v.host),
                           (select string_agg(k.cnc, ' ') from verdict_cnc k where k.host = v.host), v.explanation
                      from verdict v order by v.score desc, v.host""")) {
                while (rs.next()) {
                    d.verdicts.add(new Verdict(rs.getString(1), rs.getString(2), rs.getDouble(3), nanos(rs.getTimestamp(4)),
                            nanos(rs.getTimestamp(5)), rs.getString(6), rs.getString(7), split(rs.getString(8), ","),
                            split(rs.getString(9), " "), rs.getString(10)));
                }
            }
            // References "flow:<id>" resolve to the capture file and offset of the flow's first packet.
            try (ResultSet rs = s.executeQuery("""
                    with raw as (
                        select e.host, e.rank, string_agg(distinct f.capture_file || ' @ ' || f.capture_offset, '; ') places
                          from verdict_evidence e, unnest(from_json(e.refs, '["VARCHAR"]')) r(ref)
                          join flow f on r.ref = 'flow:' || f.flow_id
                         group by e.host, e.rank)
                    select e.host, e.rank, e.method, e.peer, e.score, e.weighted, e.count, e.first_seen, e.last_seen, e.summary,
                           raw.places
                      from verdict_evidence e left join raw using (host, rank) order by e.host, e.rank""")) {
                while (rs.next()) {
                    d.evidence.add(new Evidence(rs.getString(1), rs.getInt(2), rs.getString(3), rs.getString(4), rs.getDouble(5),
                            rs.getDouble(6), rs.getLong(7), nanos(rs.getTimestamp(8)), nanos(rs.getTimestamp(9)), rs.getString(10),
                            rs.getString(11)));
                }
            }
            try (ResultSet rs = s.executeQuery("""
                    select c.ip, c.port, c.proto, max(c.score), string_agg(distinct b.host, ' ' order by b.host), min(c.evidence),
                           max(c.country), max(c.asn), max(c.as_org)
                      from cnc c left join cnc_bot b using (ip, port) group by c.ip, c.port, c.proto order by 4 desc""")) {
                while (rs.next()) {
                    long asn = rs.getLong(8);
                    String location = new PeerLocation(rs.getString(7), rs.wasNull() ? 0 : (int) asn, rs.getString(9)).label();
                    d.cnc.add(new Cnc(rs.getString(1), rs.getInt(2), rs.getString(3), rs.getDouble(4), split(rs.getString(5), " "),
                            rs.getString(6), location));
                }
            }
            try (ResultSet rs = s.executeQuery("select group_id, string_agg(host, ' ' order by host) from group_host group by 1 order by 1")) {
                while (rs.next()) {
                    d.groups.put(rs.getString(1), split(rs.getString(2), " "));
                }
            }
            try (ResultSet rs = s.executeQuery("""
                    select ts, json_extract_string(json, '$.scan.scanner'), json_extract_string(json, '$.scan.direction'),
                           json_extract_string(json, '$.scan.kind'), coalesce(json_extract_string(json, '$.scan.service'),
                           json_extract_string(json, '$.scan.target')), json_extract(json, '$.scan.targets')::INTEGER t,
                           json_extract(json, '$.scan.ports')::INTEGER p, json_extract_string(json, '$.scan.rule')
                      from event where event_type = 'scan' order by greatest(t, p) desc, ts""" + " limit " + MAX_SCANS)) {
                while (rs.next()) {
                    d.scans.add(new String[] {rs.getString(1), rs.getString(2), rs.getString(3), rs.getString(4), rs.getString(5),
                        rs.getString(6), rs.getString(7), rs.getString(8)});
                }
            }
            try (ResultSet rs = s.executeQuery("""
                    select ts, json_extract_string(json, '$.dos.kind'), json_extract_string(json, '$.dos.target'),
                           json_extract(json, '$.dos.packets')::BIGINT n, json_extract(json, '$.dos.peak_per_s')::BIGINT,
                           json_extract(json, '$.dos.monitored_sources')::VARCHAR
                      from event where event_type = 'dos' order by n desc""" + " limit " + MAX_SCANS)) {
                while (rs.next()) {
                    d.floods.add(new String[] {rs.getString(1), rs.getString(2), rs.getString(3), rs.getString(4), rs.getString(5),
                        rs.getString(6)});
                }
            }
            try (ResultSet rs = s.executeQuery("""
                    select s.sync_id, s.ts, s.direction, s.external_ip, s.tolerance,
                           string_agg(h.host || ' (' || h.sensor || ', +' || round(h."offset", 3) || ' s)', '; ' order by h."offset")
                      from sync s join sync_host h using (sync_id)
                     where s.tolerance = (select min(tolerance) from sync)
                     group by all order by s.ts""" + " limit " + MAX_SYNC_ROWS)) {
                while (rs.next()) {
                    d.sync.add(new SyncRow(rs.getLong(1), nanos(rs.getTimestamp(2)), rs.getString(3), rs.getString(4),
                            rs.getDouble(5), split(rs.getString(6), "; ")));
                }
            }
        }
        return d;
    }

    /** The minutes in which the given hosts opened the most flows, busiest first: (minute start, flows). */
    static List<long[]> busiestMinutes(Connection c, List<String> hosts, int limit) throws SQLException {
        List<long[]> out = new ArrayList<>();
        if (hosts.isEmpty()) {
            return out;
        }
        String marks = String.join(",", java.util.Collections.nCopies(hosts.size(), "?"));
        String sql = "select time_bucket(interval 1 minute, start_time) m, count(*) n from flow where src_ip in (" + marks
                + ") group by m order by n desc, m limit " + limit;
        try (PreparedStatement p = c.prepareStatement(sql)) {
            for (int i = 0; i < hosts.size(); i++) {
                p.setString(1 + i, hosts.get(i));
            }
            try (ResultSet rs = p.executeQuery()) {
                while (rs.next()) {
                    out.add(new long[] {nanos(rs.getTimestamp(1)), rs.getLong(2)});
                }
            }
        }
        return out;
    }

    /** Flows of the given hosts in a time window: what the pictures draw. */
    static List<Contact> contacts(Connection c, List<String> hosts, long from, long to, int limit) throws SQLException {
        List<Contact> out = new ArrayList<>();
        if (hosts.isEmpty()) {
            return out;
        }
        String marks = String.join(",", java.util.Collections.nCopies(hosts.size(), "?"));
        String sql = "select start_time, sensor, src_ip, dest_ip, dest_port from flow where start_time between ? and ?"
                + " and (src_ip in (" + marks + ") or dest_ip in (" + marks + ")) order by start_time limit " + limit;
        try (PreparedStatement p = c.prepareStatement(sql)) {
            p.setTimestamp(1, timestamp(from));
            p.setTimestamp(2, timestamp(to));
            for (int i = 0; i < hosts.size(); i++) {
                p.setString(3 + i, hosts.get(i));
                p.setString(3 + hosts.size() + i, hosts.get(i));
            }
            try (ResultSet rs = p.executeQuery()) {
                while (rs.next()) {
                    String src = rs.getString(3);
                    boolean outbound = hosts.contains(src);
                    out.add(new Contact(nanos(rs.getTimestamp(1)), rs.getString(2), outbound ? rs.getString(4) : src, outbound,
                            rs.getInt(5)));
                }
            }
        }
        return out;
    }

    private static List<String> split(String s, String sep) {
        return s == null || s.isEmpty() ? List.of() : List.of(s.split(java.util.regex.Pattern.quote(sep)));
    }

    static long nanos(Timestamp t) {
        if (t == null) {
            return 0;
        }
        java.time.Instant i = t.toLocalDateTime().toInstant(java.time.ZoneOffset.UTC);
        return i.getEpochSecond() * 1_000_000_000L + i.getNano();
    }

    private static Timestamp timestamp(long nanos) {
        java.time.LocalDateTime t = java.time.LocalDateTime.ofEpochSecond(Math.floorDiv(nanos, 1_000_000_000L),
                (int) Math.floorMod(nanos, 1_000_000_000L), java.time.ZoneOffset.UTC);
        return Timestamp.valueOf(t);
    }
}
