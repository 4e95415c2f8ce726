package org.hyakuyobako.sink;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.Statement;
import java.util.List;
import java.util.stream.Collectors;
import org.hyakuyobako.correlate.CorrelationConfig;
import org.hyakuyobako.correlate.Correlator;
import org.hyakuyobako.detect.Detectors;
import org.hyakuyobako.event.EveContext;
import org.hyakuyobako.event.EvidenceEvent;
import org.hyakuyobako.event.VerdictEvent;
import org.hyakuyobako.simulate.Scenario;
import org.hyakuyobako.testing.EventCollector;
import org.hyakuyobako.testing.SimulatedCaptures;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The store's finding tables hold what eve.json holds: evidence, verdicts and their parts, C&C, groups. */
class FindingTablesTest {
    @TempDir
    Path dir;

    /** Application events have typed tables that join the flow table on flow_id. */
    @Test
    void applicationEventsJoinTheirFlows() throws Exception {
        Path db = dir.resolve("apps.duckdb");
        try (DuckDbSink store = new DuckDbSink(db, new EveContext(List.of("emotet", "irc", "dns"), List.of()))) {
            org.hyakuyobako.testing.Pipelines.run(List.of(org.hyakuyobako.testing.Corpus.file("ndpi/emotet.pcap"),
                            org.hyakuyobako.testing.Corpus.file("arkime/irc.pcap"), org.hyakuyobako.testing.Corpus.file("arkime/dns-mx.pcap")),
                    a -> {
                        Detectors.addDefaults(a, org.hyakuyobako.testing.Pipelines.options());
                        a.emit(new org.hyakuyobako.event.StatsEvent(0, java.util.Map.of()));
                    }).events.forEach(e -> {
                        try {
                            store.accept(e);
                        } catch (java.io.IOException x) {
                            throw new java.io.UncheckedIOException(x);
                        }
                    });
        }
        try (Connection c = DriverManager.getConnection("jdbc:duckdb:" + db); Statement s = c.createStatement()) {
            ResultSet rs = s.executeQuery("select count(*) from http h join flow f using (flow_id) where h.executable and f.app_proto = 'http'");
            rs.next();
            assertEquals(2, rs.getLong(1), "emotet's two executable downloads");
            rs = s.executeQuery("select mail_from, json_extract_string(attachments, '$[0]') from smtp");
            rs.next();
            assertEquals("raulparedes@wanadoo.fr", rs.getString(1));
            assertTrue(rs.getString(2).endsWith(".xlsm"), rs.getString(2));
            rs = s.executeQuery("select count(*) from irc where command = 'NAMES' and channel = '#moloch-fpc'");
            rs.next();
            assertEquals(1, rs.getLong(1));
            rs = s.executeQuery("select rrtype, json_array_length(answers) from dns where type = 'answer'");
            rs.next();
            assertEquals("MX", rs.getString(1));
            assertEquals(2, rs.getLong(2));
        }
    }

    @Test
    void verdictsEvidenceCncAndGroupsAreQueryableTables() throws Exception {
        Path run = dir.resolve("sim");
        new Scenario(Scenario.Spec.honeypot(21)).write(run);
        Path db = dir.resolve("store.duckdb");
        DuckDbSink store = new DuckDbSink(db, new EveContext(List.of("hp1", "hp2", "hp3", "hp4", "hp5"), List.of()));
        EventCollector out;
        try (store) {
            out = SimulatedCaptures.analyse(run, (analysis, options) -> {
                Detectors.addDefaults(analysis, options);
                Correlator.attach(analysis, CorrelationConfig.defaults());
            }, List.of(store));
        }
        List<VerdictEvent> verdicts = out.of(VerdictEvent.class);
        assertTrue(verdicts.size() >= 3, verdicts.toString());
        try (Connection c = DriverManager.getConnection("jdbc:duckdb:" + db); Statement s = c.createStatement()) {
            ResultSet rs = s.executeQuery("select count(*) from evidence");
            rs.next();
            assertEquals(out.of(EvidenceEvent.class).size(), rs.getLong(1));
            rs = s.executeQuery("select string_agg(host || '=' || verdict, ' ' order by host) from verdict");
            rs.next();
            assertEquals(verdicts.stream().map(v -> v.host() + "=" + v.verdict()).sorted().collect(Collectors.joining(" ")),
                    rs.getString(1));
            rs = s.executeQuery("""
                    select count(distinct v.host) from verdict v
                      join verdict_method m using (host) join verdict_cnc k using (host) join verdict_evidence e using (host)
                     where e.rank = 1 and e.summary is not null and m.strength > 0""");
            rs.next();
            assertEquals(verdicts.size(), rs.getLong(1), "every verdict has methods, a C&C and its evidence");
            rs = s.executeQuery("select count(*) from cnc c join cnc_bot b using (ip, port)");
            rs.next();
            assertTrue(rs.getLong(1) >= 3);
            rs = s.executeQuery("select count(*) from group_host g join group_cnc k using (group_id)");
            rs.next();
            assertTrue(rs.getLong(1) >= 2);
            rs = s.executeQuery("select count(*) from event where event_type in ('evidence', 'verdict', 'cnc', 'group')");
            rs.next();
            assertEquals(0, rs.getLong(1), "findings live in their own tables, not twice");
        }
    }
}
