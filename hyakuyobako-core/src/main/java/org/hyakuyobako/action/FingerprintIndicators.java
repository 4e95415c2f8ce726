package org.hyakuyobako.action;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.hyakuyobako.proto.tls.Ja3Fingerprint;
import org.hyakuyobako.proto.tls.Ja4Fingerprint;

/**
 * JA3 and JA4 indicators: the fingerprints of the TLS hellos judged hosts sent to a C&C endpoint
 * (the store's {@code tls.ja3}, {@code tls.ja4}). A fingerprint names a TLS library and its
 * settings, not a program, so one that any hello in the run sent elsewhere (another server, or a
 * host that is not judged) is left out: it belongs to software the network also uses benignly
 * (Windows' own TLS stack, a browser), and a rule for it would alert on everyone (docs/adr/0023).
 */
final class FingerprintIndicators {
    private FingerprintIndicators() {
    }

    private record Sighting(String host, long ts, String endpoint) {
    }

    static void read(Connection c, Set<String> judged, FindingsReader.Indicators found) throws SQLException {
        if (!hasFingerprintColumns(c)) {
            return;    // a store written before the fingerprints were: nothing to read
        }
        List<FindingsReader.Indicators.Entry> servers = found.addresses().stream()
                .filter(e -> e.role == Indicator.Role.CNC).toList();
        for (String column : List.of("ja3", "ja4")) {
            Map<String, Sighting> candidates = new LinkedHashMap<>();
            for (FindingsReader.Indicators.Entry server : servers) {
                try (PreparedStatement p = c.prepareStatement("select src_ip, " + column + ", ts from tls where dest_ip = ?"
                        + " and (? = 0 or dest_port = ?) and " + column + " is not null order by ts")) {
                    p.setString(1, server.value);
                    p.setInt(2, server.port);
                    p.setInt(3, server.port);
                    try (ResultSet rs = p.executeQuery()) {
                        while (rs.next()) {
                            if (judged.contains(rs.getString(1)) && wellFormed(column, rs.getString(2))) {
                                candidates.putIfAbsent(rs.getString(2), new Sighting(rs.getString(1), nanos(rs.getTimestamp(3)),
                                        server.endpoint()));
                            }
                        }
                    }
                }
            }
            for (Map.Entry<String, Sighting> e : candidates.entrySet()) {
                List<String> hosts = onlyToCnc(c, column, e.getKey(), judged, servers);
                if (hosts == null) {
                    continue;
                }
                Indicator.Kind kind = column.equals("ja3") ? Indicator.Kind.JA3 : Indicator.Kind.JA4;
                Sighting s = e.getValue();
                for (String host : hosts) {
                    found.other(kind, Indicator.Role.CNC, e.getKey(), host, s.ts(), (kind == Indicator.Kind.JA3 ? "JA3" : "JA4")
                            + " of the TLS client of " + s.host() + " to the C&C server " + s.endpoint()
                            + ", sent to no other server in the run");
                }
            }
        }
    }

    /** The judged hosts that sent the fingerprint, when every hello with it went from one of them to a C&C endpoint; else null. */
    private static List<String> onlyToCnc(Connection c, String column, String value, Set<String> judged,
                                          List<FindingsReader.Indicators.Entry> servers) throws SQLException {
        List<String> hosts = new ArrayList<>();
        try (PreparedStatement p = c.prepareStatement("select distinct src_ip, dest_ip, dest_port from tls where " + column + " = ?")) {
            p.setString(1, value);
            try (ResultSet rs = p.executeQuery()) {
                while (rs.next()) {
                    String src = rs.getString(1);
                    String dest = rs.getString(2);
                    int port = rs.getInt(3);
                    boolean toCnc = servers.stream().anyMatch(s -> s.value.equals(dest) && (s.port == 0 || s.port == port));
                    if (!judged.contains(src) || !toCnc) {
                        return null;
                    }
                    if (!hosts.contains(src)) {
                        hosts.add(src);
                    }
                }
            }
        }
        return hosts;
    }

    private static boolean wellFormed(String column, String value) {
        return column.equals("ja3") ? Ja3Fingerprint.HASH.matcher(value).matches() : Ja4Fingerprint.FORMAT.matcher(value).matches();
    }

    private static boolean hasFingerprintColumns(Connection c) throws SQLException {
        try (PreparedStatement p = c.prepareStatement(
                "select count(*) from information_schema.columns where table_name = 'tls' and column_name in ('ja3', 'ja4')")) {
            try (ResultSet rs = p.executeQuery()) {
                return rs.next() && rs.getInt(1) == 2;
            }
        }
    }

    private static long nanos(Timestamp t) {
        return t == null ? 0 : t.getTime() / 1000 * 1_000_000_000L + t.getNanos();
    }
}
