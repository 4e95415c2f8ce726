package org.hyakuyobako.web;

import java.math.BigDecimal;
import java.math.BigInteger;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.ResultSetMetaData;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * SQL rows as JSON-ready maps, column name to value. Timestamps become milliseconds since the
 * epoch as a double (microseconds kept in the fraction): JavaScript's numbers hold that exactly,
 * nanoseconds since 1970 they do not.
 */
final class Rows {
    private Rows() {
    }

    static List<Map<String, Object>> query(Connection c, String sql, Object... params) throws SQLException {
        try (PreparedStatement p = c.prepareStatement(sql)) {
            for (int i = 0; i < params.length; i++) {
                p.setObject(i + 1, params[i]);
            }
            try (ResultSet rs = p.executeQuery()) {
                return all(rs);
            }
        }
    }

    static Map<String, Object> first(Connection c, String sql, Object... params) throws SQLException {
        List<Map<String, Object>> rows = query(c, sql, params);
        return rows.isEmpty() ? null : rows.get(0);
    }

    static long count(Connection c, String sql, Object... params) throws SQLException {
        Map<String, Object> row = first(c, sql, params);
        Object v = row == null ? null : row.values().iterator().next();
        return v instanceof Number n ? n.longValue() : 0;
    }

    static List<Map<String, Object>> all(ResultSet rs) throws SQLException {
        ResultSetMetaData m = rs.getMetaData();
        int n = m.getColumnCount();
        List<Map<String, Object>> out = new ArrayList<>();
        while (rs.next()) {
            Map<String, Object> row = new LinkedHashMap<>();
            for (int i = 1; i <= n; i++) {
                row.put(m.getColumnLabel(i), value(rs.getObject(i)));
            }
            out.add(row);
        }
        return out;
    }

    static Object value(Object v) {
        if (v instanceof Timestamp t) {
            return millis(t);
        }
        if (v instanceof java.time.LocalDateTime t) {
            java.time.Instant i = t.toInstant(ZoneOffset.UTC);
            return i.getEpochSecond() * 1000.0 + i.getNano() / 1e6;
        }
        if (v instanceof BigInteger b) {
            return b.longValue();
        }
        if (v instanceof BigDecimal b) {
            return b.doubleValue();
        }
        if (v instanceof java.sql.Array a) {
            try {
                return List.of((Object[]) a.getArray());
            } catch (SQLException e) {
                return String.valueOf(a);
            }
        }
        return v;
    }

    /** A store timestamp (UTC wall time) as milliseconds since the epoch. */
    static double millis(Timestamp t) {
        java.time.Instant i = t.toLocalDateTime().toInstant(ZoneOffset.UTC);
        return i.getEpochSecond() * 1000.0 + i.getNano() / 1e6;
    }

    /** Milliseconds since the epoch as the store's microseconds, for {@code make_timestamp}. */
    static long micros(double millis) {
        return Math.round(millis * 1000.0);
    }
}
