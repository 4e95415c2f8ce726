package org.hyakuyobako.web;

import java.sql.Connection;
import java.sql.SQLException;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.hyakuyobako.decode.IpAddresses;

/**
 * {@code GET /api/hosts/{ip}}: everything about one host the analyst pivots on: its country and AS
 * when it is outside, its verdict (C&C with their country and AS) with
 * the ranked evidence behind it (and where in which capture it starts), every evidence line,
 * and its flows, alerts, IRC, DNS and HTTP events, each list capped at {@link #LIMIT} rows with
 * the full count beside it, and the carve command for its packets.
 */
final class HostApi {
    static final int LIMIT = 500;

    private final ResultStore store;

    HostApi(ResultStore store) {
        this.store = store;
    }

    /** @throws IllegalArgumentException when {@code ip} is not an address (the API answers 400) */
    Map<String, Object> get(String ip) throws SQLException {
        String host = canonical(ip);
        return store.read(c -> {
            Map<String, Object> out = new LinkedHashMap<>();
            out.put("host", host);
            out.put("verdict", Rows.first(c, """
                    select v.*, (select string_agg(k.cnc || coalesce(' (' || concat_ws(' ', k.country, 'AS' || k.asn, k.as_org) || ')', ''),
                                                   ' ' order by k.cnc) from verdict_cnc k where k.host = v.host) cnc
                      from verdict v where v.host = ?""", host));
            out.put("location", location(c, host));
            out.put("methods", Rows.query(c, "select method, strength from verdict_method where host = ? order by strength desc", host));
            // Server roles learned from traffic (role events): why its mail, look-ups or connections are not evidence.
            out.put("roles", Rows.query(c, """
                    select json_extract_string(json, '$.role') as role, json_extract_string(json, '$.reason') as reason, ts
                      from event where event_type = 'role' and json_extract_string(json, '$.host') = ? order by ts""", host));
            out.put("ranked_evidence", Rows.query(c, """
                    with raw as (
                        select e.rank, string_agg(distinct f.capture_file || ' @ ' || f.capture_offset, '; ') places
                          from verdict_evidence e, unnest(from_json(e.refs, '["VARCHAR"]')) r(ref)
                          join flow f on r.ref = 'flow:' || f.flow_id
                         where e.host = ? group by e.rank)
                    select e.rank, e.method, e.peer, e.score, e.weighted, e.count, e.first_seen, e.last_seen, e.summary, raw.places
                      from verdict_evidence e left join raw using (rank) where e.host = ? order by e.rank""", host, host));
            // The infection chain's steps (method|peer|packet-time nanos), for the page's chain timeline.
            out.put("chain", Rows.query(c, """
                    select substr(split_part(r.ref, '|', 1), 6) as method,
                           regexp_extract(r.ref, '^step:[^|]*\\|(.*)\\|[0-9]+$', 1) as peer,
                           try_cast(regexp_extract(r.ref, '\\|([0-9]+)$', 1) as bigint) / 1000000.0 as ts
                      from verdict_evidence e, unnest(from_json(e.refs, '["VARCHAR"]')) r(ref)
                     where e.host = ? and e.method = 'chain' and r.ref like 'step:%'
                     order by ts""", host));
            out.put("evidence", section(c, "evidence", "select ts, end_ts, method, peer, score, summary, refs from evidence where host = ?",
                    "ts", host, false));
            out.put("flows", section(c, "flow", "select flow_id, sensor, start_time, end_time, duration, proto, src_ip, src_port, "
                    + "dest_ip, dest_port, app_proto, conn_state, history, pkts_toserver, pkts_toclient, bytes_toserver, bytes_toclient, "
                    + "capture_file, capture_offset, src_country, src_asn, src_as_org, dest_country, dest_asn, dest_as_org "
                    + "from flow where (src_ip = ? or dest_ip = ?)", "start_time", host, true));
            out.put("alerts", section(c, "alert", "select ts, sensor, src_ip, src_port, dest_ip, dest_port, proto, signature_id, rev, "
                    + "signature, category, severity, pcap_file, pcap_offset from alert where (src_ip = ? or dest_ip = ?)", "ts", host, true));
            out.put("irc", section(c, "irc", "select ts, sensor, src_ip, src_port, dest_ip, dest_port, direction, nick, \"user\", \"from\", "
                    + "command, value, addl, channel from irc where (src_ip = ? or dest_ip = ?)", "ts", host, true));
            out.put("dns", section(c, "dns", "select ts, sensor, src_ip, dest_ip, type, rrname, rrtype, rcode, answers from dns "
                    + "where (src_ip = ? or dest_ip = ?)", "ts", host, true));
            out.put("http", section(c, "http", "select ts, sensor, src_ip, dest_ip, dest_port, hostname, url, http_method, user_agent, "
                    + "status, content_type, length, executable from http where (src_ip = ? or dest_ip = ?)", "ts", host, true));
            out.put("tls", section(c, "tls", "select ts, sensor, src_ip, src_port, dest_ip, dest_port, sni, version, subject, issuerdn, "
                    + "ja3, ja3s, ja4 from tls where (src_ip = ? or dest_ip = ?)", "ts", host, true));
            out.put("carve", carve(c, host));
            return out;
        });
    }

    /** The host's own country and AS when it is outside (a C&C server's page), as its flows have them; null inside. */
    private static Map<String, Object> location(Connection c, String host) throws SQLException {
        return Rows.first(c, """
                select country, asn, as_org from (
                    select src_country country, src_asn asn, src_as_org as_org from flow where src_ip = ? and (src_country is not null or src_asn is not null)
                    union all
                    select dest_country, dest_asn, dest_as_org from flow where dest_ip = ? and (dest_country is not null or dest_asn is not null)
                ) limit 1""", host, host);
    }

    /** One list: at most {@link #LIMIT} rows in time order, and how many there are in all. */
    private static Map<String, Object> section(Connection c, String table, String select, String order, String host,
                                               boolean bothSides) throws SQLException {
        Object[] params = bothSides ? new Object[] {host, host} : new Object[] {host};
        Map<String, Object> s = new LinkedHashMap<>();
        // Two queries: a count and a top-N sort are each cheaper than one window over every row.
        s.put("total", Rows.count(c, "select count(*) from (" + select + ")", params));
        s.put("rows", Rows.query(c, select + " order by " + order + " limit " + LIMIT, params));
        s.put("table", table);
        return s;
    }

    /** The command that writes this host's packets into one pcapng (the captures as analyze read them). */
    private static Map<String, Object> carve(Connection c, String host) throws SQLException {
        // One scan for the files of each sensor and the host's time span.
        List<Map<String, Object>> files = Rows.query(c, """
                select sensor, string_agg(distinct capture_file, ',' order by capture_file) files,
                       min(start_time) first_start, max(end_time) last_end from flow
                 where (src_ip = ? or dest_ip = ?) and capture_file is not null group by sensor order by sensor""", host, host);
        Map<String, Object> span = null;
        for (Map<String, Object> f : files) {
            double first = ((Number) f.remove("first_start")).doubleValue();
            double last = ((Number) f.remove("last_end")).doubleValue();
            if (span == null) {
                span = new LinkedHashMap<>(Map.of("from", first, "to", last));
            } else {
                span.put("from", Math.min((double) span.get("from"), first));
                span.put("to", Math.max((double) span.get("to"), last));
            }
        }
        if (span != null) {
            span.put("from", isoTime((double) span.get("from")));
            span.put("to", isoTime((double) span.get("to")));
        }
        StringBuilder cmd = new StringBuilder("./hyakuyobako carve --host ").append(host);
        if (span != null && span.get("from") != null) {
            cmd.append(" --from ").append(span.get("from")).append(" --to ").append(span.get("to"));
        }
        for (Map<String, Object> f : files) {
            cmd.append(" --sensor ").append(ShellWords.quote(f.get("sensor") + "=" + f.get("files")));
        }
        cmd.append(" --out ").append(ShellWords.quote(host.replace(':', '_') + ".pcapng"));
        Map<String, Object> out = new LinkedHashMap<>();
        out.put("command", cmd.toString());
        out.put("sensors", files);
        return out;
    }

    /** Milliseconds since 1970 as the ISO-8601 time {@code carve} takes, to the microsecond. */
    private static String isoTime(double millis) {
        long micros = Math.round(millis * 1000);
        return java.time.Instant.ofEpochSecond(Math.floorDiv(micros, 1_000_000L), Math.floorMod(micros, 1_000_000L) * 1000L).toString();
    }

    /** The address in its canonical text form, as the store writes it. */
    static String canonical(String ip) {
        long[] a = IpAddresses.parse(ip);
        return IpAddresses.format(a[0], a[1]);
    }
}
