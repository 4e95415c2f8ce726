package org.hyakuyobako.pipeline;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.hyakuyobako.detect.Detectors;
import org.hyakuyobako.event.EvidenceEvent;
import org.hyakuyobako.event.FlowEvent;
import org.hyakuyobako.event.ScanEvent;
import org.hyakuyobako.event.SyncEvent;
import org.hyakuyobako.testing.Corpus;
import org.hyakuyobako.testing.EventCollector;
import org.hyakuyobako.testing.Pipelines;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Firewall logs and flow files given to an analysis like captures: recognised by content, replayed
 * as flows in packet time, and the detectors that need only flows find what they find in packets.
 */
class FlowInputsAnalysisTest {
    @TempDir
    Path dir;

    @Test
    void anAsaLogShowsInsideHostsContactingOneNodeTogether() throws IOException {
        StringBuilder log = new StringBuilder();
        int id = 1;
        // Three inside hosts behind the firewall reach the same outside node in the same second, five times, a minute apart.
        for (int round = 0; round < 5; round++) {
            String time = String.format("May 01 2024 10:%02d:00", round);
            for (int host = 1; host <= 3; host++) {
                int port = 40_000 + round * 10 + host;
                log.append(time).append(" fw1 : %ASA-6-302013: Built outbound TCP connection ").append(id)
                        .append(" for outside:192.0.2.66/8080 (192.0.2.66/8080) to inside:10.0.0.").append(host).append('/').append(port)
                        .append(" (203.0.113.5/").append(port).append(")\n");
                log.append(time).append(" fw1 : %ASA-6-302014: Teardown TCP connection ").append(id++)
                        .append(" for outside:192.0.2.66/8080 to inside:10.0.0.").append(host).append('/').append(port)
                        .append(" duration 0:00:00 bytes 300 TCP FINs\n");
            }
        }
        Path file = dir.resolve("asa.log");
        Files.writeString(file, log);
        EventCollector out = Pipelines.run(List.of(file), a -> Detectors.addDefaults(a, Pipelines.options()));
        List<FlowEvent> flows = out.of(FlowEvent.class);
        assertEquals(15, flows.size(), "every joined connection is a flow record");
        assertEquals("10.0.0.1", flows.get(0).flow().srcIp(), "the inside host opened it (an outbound connection)");
        assertTrue(flows.get(0).flow().flowId() >= FlowInputs.FIRST_ID);
        List<SyncEvent> sync = out.of(SyncEvent.class);
        assertTrue(sync.stream().anyMatch(s -> s.externalIp().equals("192.0.2.66") && s.hosts().size() == 3),
                "the three hosts behind the firewall are monitored hosts acting together: " + sync);
    }

    @Test
    void aScannerInTheFirewallsDenialsIsFound() throws IOException {
        StringBuilder log = new StringBuilder();
        for (int port = 1; port <= 40; port++) {
            log.append(String.format("May 01 2024 10:00:%02d fw1 : %%ASA-4-106023: Deny tcp src outside:198.51.100.99/%d dst inside:10.0.0.%d/445 by access-group \"outside_in\" [0x0, 0x0]%n",
                    port % 60, 50_000 + port, port));
        }
        Path file = dir.resolve("denials.log");
        Files.writeString(file, log);
        EventCollector out = Pipelines.run(List.of(file), a -> Detectors.addDefaults(a, Pipelines.options()));
        assertTrue(out.of(ScanEvent.class).stream().anyMatch(s -> s.scanner().equals("198.51.100.99") && s.kind().equals("horizontal")),
                "a sweep of port 445 across 40 inside hosts, refused by the ACL: " + out.of(ScanEvent.class));
    }

    @Test
    void aZeekConnLogScanIsFoundMergedWithACapture() throws IOException {
        StringBuilder conn = new StringBuilder("#separator \\x09\n#path\tconn\n#fields\tts\tuid\tid.orig_h\tid.orig_p\tid.resp_h\tid.resp_p"
                + "\tproto\tservice\tduration\torig_bytes\tresp_bytes\tconn_state\tlocal_orig\tlocal_resp\tmissed_bytes\thistory\torig_pkts"
                + "\torig_ip_bytes\tresp_pkts\tresp_ip_bytes\ttunnel_parents\n");
        // 10.9.9.9 probes 60 ports of 198.51.100.20 in a minute, every probe unanswered (S0).
        for (int port = 1; port <= 60; port++) {
            conn.append(1_300_000_000 + port).append(".000000\tC").append(port).append("\t10.9.9.9\t5").append(1000 + port)
                    .append("\t198.51.100.20\t").append(port).append("\ttcp\t-\t-\t-\t-\tS0\tT\tF\t0\tS\t1\t44\t0\t0\t-\n");
        }
        Path file = dir.resolve("conn.log");
        Files.writeString(file, conn);
        EventCollector out = Pipelines.run(List.of(file, Corpus.file("arkime/irc.pcap")), a -> Detectors.addDefaults(a, Pipelines.options()));
        assertTrue(out.of(ScanEvent.class).stream().anyMatch(s -> s.scanner().equals("10.9.9.9")), out.of(ScanEvent.class).toString());
        assertTrue(out.of(EvidenceEvent.class).stream().anyMatch(e -> e.method().equals("scan") && e.host().equals("10.9.9.9")));
        assertTrue(out.of(FlowEvent.class).size() > 60, "the capture's flows and the log's together");
    }
}
