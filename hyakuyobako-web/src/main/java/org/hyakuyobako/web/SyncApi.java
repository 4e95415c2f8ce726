package org.hyakuyobako.web;

import java.sql.SQLException;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * {@code GET /api/sync}: seed 002's Table 1, synchronized events, filtered by tolerance (default:
 * the tightest the run used), direction ({@code in} / {@code out}, as the sync events name it), a host or external
 * address taking part, and a time window; each event with the hosts that took part, their sensor,
 * ports and offset after the first.
 */
final class SyncApi {
    static final int DEFAULT_LIMIT = 1000;
    static final int MAX_LIMIT = 20_000;

    /** The filters of one request; null where not given. */
    record Filter(Double tolerance, String direction, String address, Double fromMs, Double toMs, int limit) {
    }

    private final ResultStore store;

    SyncApi(ResultStore store) {
        this.store = store;
    }

    Map<String, Object> get(Filter f) throws SQLException {
        return store.read(c -> {
            Map<String, Object> out = new LinkedHashMap<>();
            List<Object> tolerances = new ArrayList<>();
            for (Map<String, Object> row : Rows.query(c, "select distinct tolerance from sync order by tolerance")) {
                tolerances.add(row.get("tolerance"));
            }
            out.put("tolerances", tolerances);
            Double tolerance = f.tolerance() != null ? f.tolerance()
                    : tolerances.isEmpty() ? null : ((Number) tolerances.get(0)).doubleValue();
            out.put("tolerance", tolerance);
            StringBuilder where = new StringBuilder(" where 1 = 1");
            List<Object> params = new ArrayList<>();
            if (tolerance != null) {
                where.append(" and s.tolerance = ?");
                params.add(tolerance);
            }
            if (f.direction() != null) {
                where.append(" and s.direction = ?");
                params.add(f.direction());
            }
            if (f.address() != null) {
                where.append(" and (s.external_ip = ? or exists (select 1 from sync_host x where x.sync_id = s.sync_id and x.host = ?))");
                params.add(f.address());
                params.add(f.address());
            }
            if (f.fromMs() != null) {
                where.append(" and s.ts >= make_timestamp(?)");
                params.add(Rows.micros(f.fromMs()));
            }
            if (f.toMs() != null) {
                where.append(" and s.ts <= make_timestamp(?)");
                params.add(Rows.micros(f.toMs()));
            }
            Object[] p = params.toArray();
            out.put("total", Rows.count(c, "select count(*) from sync s" + where, p));
            List<Map<String, Object>> events = Rows.query(c, "select s.sync_id, s.ts, s.direction, s.external_ip, s.tolerance, s.hosts, "
                    + "s.hosts_omitted from sync s" + where + " order by s.ts, s.sync_id limit " + f.limit(), p);
            attachHosts(c, events);
            out.put("events", events);
            return out;
        });
    }

    /** The listed hosts of each event, in one query over the ids shown. */
    private static void attachHosts(java.sql.Connection c, List<Map<String, Object>> events) throws SQLException {
        if (events.isEmpty()) {
            return;
        }
        Map<Object, List<Map<String, Object>>> byId = new LinkedHashMap<>();
        for (Map<String, Object> e : events) {
            List<Map<String, Object>> members = new ArrayList<>();
            e.put("members", members);
            byId.put(e.get("sync_id"), members);
        }
        // The ids are numbers the store gave us: inlined, one query for the page of events.
        StringBuilder ids = new StringBuilder();
        for (Object id : byId.keySet()) {
            ids.append(ids.length() == 0 ? "" : ",").append(((Number) id).longValue());
        }
        for (Map<String, Object> h : Rows.query(c, "select sync_id, host, sensor, src_port, dest_port, proto, \"offset\" from sync_host "
                + "where sync_id in (" + ids + ") order by sync_id, \"offset\"")) {
            List<Map<String, Object>> members = byId.get(h.remove("sync_id"));
            if (members != null) {
                members.add(h);
            }
        }
    }
}
