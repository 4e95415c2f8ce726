package org.hyakuyobako.web;

import java.sql.Connection;
import java.sql.SQLException;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * {@code GET /api/overview}: what the run found, in one answer the overview page draws: the run's
 * counters, verdicts (strongest first, with methods and C&C), C&C servers with their bots,
 * country and autonomous system, bot groups, and counts of what the other pages list.
 */
final class OverviewApi {
    private final ResultStore store;

    OverviewApi(ResultStore store) {
        this.store = store;
    }

    Map<String, Object> get() throws SQLException {
        return store.read(c -> {
            Map<String, Object> out = new LinkedHashMap<>();
            out.put("run", run(c));
            out.put("counts", counts(c));
            out.put("verdicts", Rows.query(c, """
                    select v.host, v.verdict, v.score, v.first_seen, v.last_seen, v.stages, v.groups, v.evidence_items,
                           (select string_agg(m.method, ',' order by m.strength desc) from verdict_method m where m.host = v.host) methods,
                           (select string_agg(k.cnc, ' ' order by k.cnc) from verdict_cnc k where k.host = v.host) cnc
                      from verdict v order by v.score desc, v.host"""));
            out.put("cnc", Rows.query(c, """
                    select c.ip, c.port, c.proto, max(c.score) score, min(c.ts) ts,
                           string_agg(distinct b.host, ' ' order by b.host) bots, min(c.evidence) evidence,
                           max(c.country) country, max(c.asn) asn, max(c.as_org) as_org
                      from cnc c left join cnc_bot b using (ip, port) group by c.ip, c.port, c.proto order by score desc, c.ip"""));
            out.put("groups", Rows.query(c, """
                    select g.group_id, string_agg(distinct g.host, ' ' order by g.host) hosts,
                           (select string_agg(distinct k.ip || ':' || k.port, ' ') from group_cnc k where k.group_id = g.group_id) cnc
                      from group_host g group by g.group_id order by g.group_id"""));
            return out;
        });
    }

    private static Map<String, Object> run(Connection c) throws SQLException {
        Map<String, Object> run = new LinkedHashMap<>();
        for (Map<String, Object> row : Rows.query(c, "select key, value from run order by key")) {
            run.put(String.valueOf(row.get("key")), row.get("value"));
        }
        Map<String, Object> span = Rows.first(c, "select min(start_time) first, max(end_time) last from flow");
        if (span != null) {
            run.putAll(span);
        }
        // Every counter of the run (packets, flows, skipped input by reason, ...), as eve.json's stats event has them.
        Map<String, Object> stats = Rows.first(c, "select json_extract(json, '$.stats')::VARCHAR stats from event where event_type = 'stats' limit 1");
        run.put("stats", stats == null ? Map.of() : Json.parseObject((String) stats.get("stats")));
        return run;
    }

    private static Map<String, Object> counts(Connection c) throws SQLException {
        Map<String, Object> n = new LinkedHashMap<>();
        n.put("flows", Rows.count(c, "select count(*) from flow"));
        n.put("sensors", Rows.count(c, "select count(distinct sensor) from flow"));
        n.put("infected", Rows.count(c, "select count(*) from verdict where verdict = 'infected'"));
        n.put("suspicious", Rows.count(c, "select count(*) from verdict where verdict = 'suspicious'"));
        n.put("cnc", Rows.count(c, "select count(distinct (ip, port)) from cnc"));
        n.put("groups", Rows.count(c, "select count(distinct group_id) from group_host"));
        n.put("sync_events", Rows.count(c, "select count(*) from sync"));
        n.put("alerts", Rows.count(c, "select count(*) from alert"));
        n.put("evidence", Rows.count(c, "select count(*) from evidence"));
        return n;
    }
}
