package org.hyakuyobako.flow;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import java.util.TreeMap;
import java.util.stream.Stream;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import org.hyakuyobako.testing.Captures;
import org.hyakuyobako.testing.Corpus;
import org.hyakuyobako.testing.PeerAgreement;
import org.hyakuyobako.testing.ZeekConnRun;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * Flow records agree with Zeek's conn.log baselines: originator (including the flipped case
 * without a SYN), duration, packets and IP bytes each way, sequence-based bytes, conn_state and
 * history.
 *
 * <p>Every conn.log baseline in the corpus ({@code zeek/} and the 65 traces of {@code zeek-conn/})
 * also goes through {@link ZeekConnRun}: our conn.log for the trace against Zeek's, per row and
 * column, printed. Adding a trace is adding a folder. The three {@code zeek/} traces must agree in
 * every row; the rest is held by a floor (measured 2026-12-07, issue 29) that may only rise:
 * today's disagreements are not expectations.
 *
 * <p>Mutations this test catches (tried, failed, restored): see {@link #zeekConnBaselinesAgree}.
 */
class ZeekConnLogAgreementTest {
    @TempDir
    Path scratch;

    /** Traces with a conn.log baseline: zeek-conn/<btest>/ (trace.pcap or .pcapng) and zeek/<trace>.conn.log. */
    static Map<String, Path[]> baselines() throws IOException {
        Map<String, Path[]> cases = new TreeMap<>();
        try (Stream<Path> dirs = Files.list(Corpus.root().resolve("zeek-conn"))) {
            for (Path d : dirs.filter(Files::isDirectory).toList()) {
                Path trace = Files.exists(d.resolve("trace.pcap")) ? d.resolve("trace.pcap") : d.resolve("trace.pcapng");
                assertTrue(Files.isRegularFile(trace) && Files.isRegularFile(d.resolve("conn.log")), d + ": trace and conn.log");
                cases.put("zeek-conn/" + d.getFileName(), new Path[] {trace, d.resolve("conn.log")});
            }
        }
        try (Stream<Path> logs = Files.list(Corpus.root().resolve("zeek"))) {
            for (Path log : logs.filter(f -> f.getFileName().toString().endsWith(".conn.log")).toList()) {
                String trace = log.getFileName().toString().replace(".conn.log", "");
                Path pcap = log.resolveSibling(trace + ".pcap");
                cases.put("zeek/" + trace, new Path[] {Files.exists(pcap) ? pcap : log.resolveSibling(trace + ".pcapng"), log});
            }
        }
        return cases;
    }

    /**
     * Measured when the floors were set: 28/69 traces, 105/341 rows, 2413/3664 fields.
     *
     * <p>Mutations this test catches (tried in ZeekConnLogSink, failed, restored): history written
     * without its last letter; resp_ip_bytes written as resp_bytes (the zeek/ traces and the floor
     * fail; the FlowRecord test above does not see the file).
     */
    @Test
    void zeekConnBaselinesAgree() throws IOException {
        PeerAgreement peer = new PeerAgreement("Zeek conn.log (cases = traces, fields = row columns)");
        Map<String, int[]> perColumn = new TreeMap<>();
        int rows = 0;
        int rowsAgreeing = 0;
        int zeekFolderRows = 0;
        int zeekFolderRowsAgreeing = 0;
        for (Map.Entry<String, Path[]> c : baselines().entrySet()) {
            ZeekConnRun.Result r = ZeekConnRun.compare(c.getValue()[0], c.getValue()[1], scratch);
            peer.add(c.getKey(), r.agrees(), r.fields(), r.fieldsAgreeing(), String.join("; ", r.differences()));
            rows += r.rows();
            rowsAgreeing += r.rowsAgreeing();
            if (c.getKey().startsWith("zeek/")) {
                zeekFolderRows += r.rows();
                zeekFolderRowsAgreeing += r.rowsAgreeing();
            }
            r.perColumn().forEach((k, v) -> {
                int[] t = perColumn.computeIfAbsent(k, x -> new int[2]);
                t[0] += v[0];
                t[1] += v[1];
            });
        }
        peer.print();
        System.out.printf("Zeek conn.log rows: %d/%d agree in every compared column%n", rowsAgreeing, rows);
        perColumn.forEach((k, v) -> System.out.printf("  column %-14s %d/%d%n", k, v[0], v[1]));
        assertTrue(peer.cases() >= 69, "every baseline read: 66 zeek-conn folders and 3 in zeek/: " + peer.cases());
        assertEquals(zeekFolderRows, zeekFolderRowsAgreeing, "the zeek/ traces agree in every row");
        assertTrue(zeekFolderRows > 0);
        int[][] floorAndNow = {{FLOOR_CASES, peer.casesAgreeing()}, {FLOOR_ROWS, rowsAgreeing}, {FLOOR_FIELDS, peer.fieldsAgreeing()}};
        String[] what = {"traces", "rows", "fields"};
        for (int i = 0; i < what.length; i++) {
            assertTrue(floorAndNow[i][1] >= floorAndNow[i][0], what[i] + " agreeing: " + floorAndNow[i][1] + ", below the floor "
                    + floorAndNow[i][0]);
            if (floorAndNow[i][1] > floorAndNow[i][0]) {
                System.out.println("  " + what[i] + " agreeing rose to " + floorAndNow[i][1] + ": raise the floor");
            }
        }
    }

    /** Floors measured when set: they may only rise. */
    private static final int FLOOR_CASES = 28;
    private static final int FLOOR_ROWS = 105;
    private static final int FLOOR_FIELDS = 2413;

    @ParameterizedTest(name = "{0}")
    @ValueSource(strings = {"http-connect-with-smtp", "http-on-irc-port-missing-syn", "irc-starttls"})
    void connLogFieldsAgree(String trace) throws IOException {
        String pcap = Files.exists(Corpus.root().resolve("zeek/" + trace + ".pcap")) ? trace + ".pcap" : trace + ".pcapng";
        List<String[]> expected = new ArrayList<>();
        String[] fields = null;
        for (String line : Files.readAllLines(Corpus.file("zeek/" + trace + ".conn.log"))) {
            if (line.startsWith("#fields")) {
                fields = Arrays.copyOfRange(line.split("\t"), 1, line.split("\t").length);
            } else if (!line.startsWith("#")) {
                expected.add(line.split("\t"));
            }
        }
        List<FlowRecord> ours = Captures.flows(Corpus.file("zeek/" + pcap), FlowConfig.DEFAULT);
        assertEquals(expected.size(), ours.size(), "one flow per conn.log line");
        List<String> names = Arrays.asList(fields);
        for (int i = 0; i < expected.size(); i++) {
            String[] z = expected.get(i);
            FlowRecord f = ours.get(i);
            assertEquals(z[names.indexOf("id.orig_h")], f.srcIp());
            assertEquals(Integer.parseInt(z[names.indexOf("id.orig_p")]), f.srcPort());
            assertEquals(z[names.indexOf("id.resp_h")], f.destIp());
            assertEquals(Integer.parseInt(z[names.indexOf("id.resp_p")]), f.destPort());
            assertEquals(z[names.indexOf("duration")], String.format("%.6f", f.durationNanos() / 1e9));
            assertEquals(Long.parseLong(z[names.indexOf("orig_bytes")]), f.origSeqBytes(), "orig_bytes");
            assertEquals(Long.parseLong(z[names.indexOf("resp_bytes")]), f.respSeqBytes(), "resp_bytes");
            assertEquals(z[names.indexOf("conn_state")], f.connState(), "conn_state");
            assertEquals(z[names.indexOf("history")], f.history(), "history");
            assertEquals(Long.parseLong(z[names.indexOf("orig_pkts")]), f.pktsToServer(), "orig_pkts");
            assertEquals(Long.parseLong(z[names.indexOf("orig_ip_bytes")]), f.origIpBytes(), "orig_ip_bytes");
            assertEquals(Long.parseLong(z[names.indexOf("resp_pkts")]), f.pktsToClient(), "resp_pkts");
            assertEquals(Long.parseLong(z[names.indexOf("resp_ip_bytes")]), f.respIpBytes(), "resp_ip_bytes");
        }
    }
}
