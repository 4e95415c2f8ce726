package org.hyakuyobako.action;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.Statement;
import java.util.List;
import java.util.Set;
import org.hyakuyobako.sink.StoreSchema;
import org.junit.jupiter.api.Test;

/**
 * Which hello fingerprints become JA3/JA4 indicators, on a store built by hand: only those the
 * judged hosts sent to a C&C and that no other hello in the run has. Mutations seen failing: the
 * "sent elsewhere" check dropped (the shared JA3 and the benign host's JA3 become indicators), the
 * shape check dropped (the injected value becomes one).
 */
class FingerprintIndicatorsTest {
    static final String BOT = "10.0.0.5";
    static final String CNC = "192.0.2.9";
    static final String ONLY_TO_CNC = "51c64c77e60f3980eea90869b68c58a8";
    static final String ALSO_ELSEWHERE = "a0e9f5d64349fb13191bc781f81f42e1";
    static final String ALSO_BENIGN_HOST = "bc6c386f480ee97b9d9e52d472b772d8";
    static final String JA4 = "t12i190600_d83cc789557e_2dae41c691ec";

    @Test
    void onlyFingerprintsSentToTheCncAloneAreIndicators() throws Exception {
        try (Connection c = DriverManager.getConnection("jdbc:duckdb:")) {
            try (Statement s = c.createStatement()) {
                for (String ddl : StoreSchema.DDL) {
                    s.execute(ddl);
                }
            }
            hello(c, BOT, CNC, 443, ONLY_TO_CNC, JA4);
            hello(c, BOT, CNC, 443, ALSO_ELSEWHERE, null);
            hello(c, BOT, "198.51.100.7", 443, ALSO_ELSEWHERE, null);   // the same library to an ordinary server
            hello(c, BOT, CNC, 443, ALSO_BENIGN_HOST, null);
            hello(c, "10.0.0.6", "203.0.113.1", 443, ALSO_BENIGN_HOST, null);   // a host not judged uses it too
            hello(c, BOT, CNC, 443, ONLY_TO_CNC + "\"; sid:1;", null);
            hello(c, BOT, CNC, 8443, "0123456789abcdef0123456789abcdef", null);   // another port: not the C&C endpoint
            FindingsReader.Indicators found = new FindingsReader.Indicators();
            found.address(Indicator.Role.CNC, CNC, 443, "tls", Set.of(BOT));
            FingerprintIndicators.read(c, Set.of(BOT), found);
            List<Indicator> fingerprints = found.sorted().stream()
                    .filter(i -> i.kind() == Indicator.Kind.JA3 || i.kind() == Indicator.Kind.JA4).toList();
            assertEquals(List.of(ONLY_TO_CNC, JA4), fingerprints.stream().map(Indicator::value).toList());
            assertEquals(Set.of(BOT), fingerprints.get(0).hosts());
            assertTrue(fingerprints.get(0).reason().contains("to the C&C server 192.0.2.9:443"), fingerprints.get(0).reason());
        }
    }

    private static void hello(Connection c, String src, String dest, int port, String ja3, String ja4) throws Exception {
        try (PreparedStatement p = c.prepareStatement(
                "insert into tls (ts, src_ip, src_port, dest_ip, dest_port, proto, ja3, ja4) values (now(), ?, 49000, ?, ?, 'TCP', ?, ?)")) {
            p.setString(1, src);
            p.setString(2, dest);
            p.setInt(3, port);
            p.setString(4, ja3);
            p.setString(5, ja4);
            p.executeUpdate();
        }
    }
}
