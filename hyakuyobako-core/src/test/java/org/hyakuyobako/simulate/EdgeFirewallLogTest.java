package org.hyakuyobako.simulate;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.LocalDateTime;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Collectors;
import org.hyakuyobako.event.FlowEvent;
import org.hyakuyobako.event.StatsEvent;
import org.hyakuyobako.flow.EndReason;
import org.hyakuyobako.flow.FlowRecord;
import org.hyakuyobako.net.HomeNet;
import org.hyakuyobako.sink.AsaSyslogSink;
import org.hyakuyobako.testing.EventCollector;
import org.hyakuyobako.testing.Pipelines;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The intranet's edge-firewall log, rendered from the tap's flows with NAT, read back through the
 * real input path: the same connections come back, with the real (pre-NAT) inside addresses, the
 * long ones once (not once per active-timeout slice), those open at the capture's end still open,
 * and every line in a form our reader parses.
 */
class EdgeFirewallLogTest {
    /** An hour: long-lived connections are sliced at the 30-minute active timeout and still open at the end. */
    static final double HOURS = 1.0;
    private static final Pattern STAMP = Pattern.compile("^(\\w{3} \\d\\d \\d{4} \\d\\d:\\d\\d:\\d\\d) edge-fw : %ASA-\\d-(\\d{6}): ");

    @TempDir
    Path dir;

    /** One connection by its real ends, as both the packets and the log name it. */
    private static String connection(String proto, String insideIp, int insidePort, String outsideIp, int outsidePort) {
        return proto + " " + insideIp + ":" + insidePort + " " + outsideIp + ":" + outsidePort;
    }

    @Test
    void theLogReadBackHasTheCapturesConnectionsWithRealInsideAddresses() throws IOException {
        Path run = dir.resolve("intranet");
        GroundTruth truth = new CampaignScenario(CampaignScenario.Spec.intranet(3).withHours(HOURS)).write(run);
        Path log = dir.resolve("asa.log");
        EventCollector packets = new EventCollector();
        AsaSyslogSink asa = EdgeFirewallLog.write(run.resolve("tap.pcap"), log, truth, List.of(packets));
        HomeNet inside = EdgeFirewallLog.homeNet(truth);

        // What the packets say: each edge-crossing TCP/UDP connection once, and which were still open at the end.
        Map<String, Integer> expected = new TreeMap<>();
        Set<String> openAtEnd = new TreeSet<>();
        int sliced = 0;
        for (FlowRecord f : packets.of(FlowEvent.class).stream().map(FlowEvent::flow).toList()) {
            boolean srcIn = inside.contains(f.srcHi(), f.srcLo());
            if ((f.protocol() != 6 && f.protocol() != 17) || srcIn == inside.contains(f.destHi(), f.destLo())) {
                continue;
            }
            String c = srcIn ? connection(f.protoName(), f.srcIp(), f.srcPort(), f.destIp(), f.destPort())
                    : connection(f.protoName(), f.destIp(), f.destPort(), f.srcIp(), f.srcPort());
            if (f.reason().equals(EndReason.ACTIVE_TIMEOUT.eveName())) {
                sliced++;
                continue;       // the same connection's later slice or end follows
            }
            expected.merge(c, 1, Integer::sum);
            if (f.reason().equals(EndReason.SHUTDOWN.eveName())) {
                openAtEnd.add(c);
            }
        }
        assertTrue(sliced > 0 && !openAtEnd.isEmpty(), "the run has sliced and open connections: " + sliced + ", " + openAtEnd.size());
        assertEquals(expected.values().stream().mapToLong(Integer::longValue).sum(), asa.connectionsBuilt());
        assertEquals(0, asa.connectionsDenied(), "the scenario sends nothing unsolicited to a host without a static mapping");

        EventCollector read = Pipelines.run(List.of(log), a -> { });
        Map<String, Integer> fromLog = new TreeMap<>();
        Set<String> openInLog = new TreeSet<>();
        for (FlowRecord f : read.of(FlowEvent.class).stream().map(FlowEvent::flow).toList()) {
            assertTrue(inside.contains(f.srcHi(), f.srcLo()) != inside.contains(f.destHi(), f.destLo()), "one end inside: " + f);
            boolean srcIn = inside.contains(f.srcHi(), f.srcLo());
            assertFalse(f.srcIp().equals(truth.firewallPublicIp) || f.destIp().equals(truth.firewallPublicIp), "a mapped address: " + f);
            String c = srcIn ? connection(f.protoName(), f.srcIp(), f.srcPort(), f.destIp(), f.destPort())
                    : connection(f.protoName(), f.destIp(), f.destPort(), f.srcIp(), f.srcPort());
            fromLog.merge(c, 1, Integer::sum);
            if (f.reason().equals("firewall open")) {
                openInLog.add(c);
            }
        }
        assertEquals(expected, fromLog, "the same connections, by their real ends, each once");
        assertTrue(openInLog.containsAll(openAtEnd), "open at the capture's end stays open");
        Map<String, Long> counters = read.of(StatsEvent.class).get(0).counters();
        long lines = Files.lines(log).count();
        assertEquals(lines, counters.get("firewall.lines_parsed"), "every line parsed: " + counters);
        assertTrue(counters.keySet().stream().noneMatch(k -> k.startsWith("skipped.")), counters.toString());
        assertLinesInTimeOrderWithTheirFormats(log, truth);
    }

    private static void assertLinesInTimeOrderWithTheirFormats(Path log, GroundTruth truth) throws IOException {
        DateTimeFormatter f = DateTimeFormatter.ofPattern("MMM dd yyyy HH:mm:ss", Locale.ROOT);
        LocalDateTime last = LocalDateTime.MIN;
        Map<String, Long> ids = new TreeMap<>();
        for (String line : Files.readAllLines(log)) {
            Matcher m = STAMP.matcher(line);
            assertTrue(m.find(), line);
            LocalDateTime t = LocalDateTime.parse(m.group(1), f);
            assertFalse(t.isBefore(last), "time order: " + line);
            last = t;
            ids.merge(m.group(2), 1L, Long::sum);
            if (line.contains("Built outbound") && !line.contains("inside:" + truth.staticNat.keySet().iterator().next() + "/")) {
                assertTrue(line.matches(".* to inside:10\\.[0-9.]+/\\d+ \\(" + Pattern.quote(truth.firewallPublicIp) + "/\\d+\\)$"), line);
            }
            if (line.contains("Built inbound")) {
                assertTrue(line.matches(".* to inside:" + Pattern.quote(truth.staticNat.keySet().iterator().next()) + "/25 \\("
                        + Pattern.quote(truth.staticNat.values().iterator().next()) + "/25\\)$"), "inbound only to the relay: " + line);
            }
        }
        assertTrue(ids.keySet().containsAll(List.of("302013", "302014", "302015", "302016", "305011", "305012")), ids.toString());
        assertFalse(ids.containsKey("302020") || ids.containsKey("302021"), "ICMP is not logged");
    }

    @Test
    void connectionsOfAllKindsAreRenderedAsTheDeviceLogsThem() throws IOException {
        Path log = dir.resolve("unit.log");
        HomeNet inside = HomeNet.parse("10.1.0.0/16");
        AsaSyslogSink asa = AsaSyslogSink.edgeFirewall(log, inside, "fw", new AsaSyslogSink.Nat("203.0.113.2", Map.of("10.1.0.5",
                "203.0.113.9"), 42));
        long s = 1_209_369_600L * 1_000_000_000L;
        long sec = 1_000_000_000L;
        List<FlowRecord> flows = new ArrayList<>();
        flows.add(SyntheticFlows.tcp(1, "10.1.0.20", 51515, "198.51.100.7", 443, s, s + 2 * sec, "SF", "ShADadFf", "closed", 300));
        flows.add(SyntheticFlows.tcp(2, "10.1.0.21", 40000, "198.51.100.8", 445, s + sec, s + sec, "S0", "S", "timeout", 0));
        flows.add(SyntheticFlows.tcp(3, "10.1.0.21", 40001, "198.51.100.9", 445, s + sec, s + sec, "REJ", "Sr", "closed", 0));
        flows.add(SyntheticFlows.tcp(4, "10.1.0.21", 40002, "198.51.100.9", 139, s + sec, s + sec, "RSTO", "ShR", "closed", 0));
        flows.add(SyntheticFlows.tcp(5, "192.0.2.50", 3333, "10.1.0.5", 25, s + 3 * sec, s + 4 * sec, "SF", "ShADadFf", "closed", 900));
        flows.add(SyntheticFlows.tcp(6, "192.0.2.51", 3334, "10.1.0.30", 3389, s + 5 * sec, s + 5 * sec, "S0", "S", "timeout", 0));
        flows.add(SyntheticFlows.tcp(7, "10.1.0.22", 50000, "198.51.100.10", 443, s, s + 1800 * sec, "S1", "ShAD", "active_timeout", 100));
        flows.add(SyntheticFlows.tcp(7, "10.1.0.22", 50000, "198.51.100.10", 443, s + 1800 * sec, s + 3000 * sec, "SF", "ShADFf",
                "closed", 50));
        flows.add(SyntheticFlows.tcp(8, "10.1.0.23", 50001, "198.51.100.11", 443, s + 10 * sec, s + 3590 * sec, "S1", "ShAD", "shutdown", 70));
        flows.add(SyntheticFlows.tcp(9, "10.1.0.23", 50002, "10.1.0.24", 445, s + 10 * sec, s + 11 * sec, "SF", "ShADadFf", "closed", 70));
        flows.add(SyntheticFlows.udp(10, "10.1.0.23", 50003, "198.51.100.53", 53, s + 20 * sec, s + 20 * sec, 80));
        flows.add(SyntheticFlows.udp(11, "10.1.0.23", 123, "198.51.100.123", 123, s + 30 * sec, s + 30 * sec, 96));
        flows.add(SyntheticFlows.tcp(12, "10.1.0.25", 50004, "198.51.100.12", 80, s + 3599 * sec, s + 3600 * sec, "SF", "ShADadFf",
                "closed", 10));
        for (FlowRecord f : flows) {
            asa.accept(new FlowEvent(f));
        }
        asa.close();
        String text = Files.readString(log);
        assertEquals(10, asa.connectionsBuilt(), "internal-to-internal not logged, slices merged, one denial");
        assertEquals(1, asa.connectionsDenied());
        assertTrue(text.contains(": Built dynamic TCP translation from inside:10.1.0.20/51515 to outside:203.0.113.2/"), text);
        assertTrue(text.matches("(?s).*Built outbound TCP connection \\d+ for outside:198\\.51\\.100\\.7/443 \\(198\\.51\\.100\\.7/443\\) "
                + "to inside:10\\.1\\.0\\.20/51515 \\(203\\.0\\.113\\.2/\\d+\\)\n.*"), text);
        assertTrue(text.matches("(?s).*Teardown TCP connection \\d+ for outside:198\\.51\\.100\\.7/443 to inside:10\\.1\\.0\\.20/51515 "
                + "duration 0:00:02 bytes 300 TCP FINs\n.*"), text);
        assertTrue(text.contains("to inside:10.1.0.21/40000 duration 0:00:30 bytes 0 SYN Timeout"), text);
        assertTrue(text.contains("to inside:10.1.0.21/40001 duration 0:00:00 bytes 0 TCP Reset-O"), text);
        assertTrue(text.contains("to inside:10.1.0.21/40002 duration 0:00:00 bytes 0 TCP Reset-I"), text);
        assertTrue(text.contains("Built inbound TCP connection") && text.contains("for outside:192.0.2.50/3333 (192.0.2.50/3333) to inside:10.1.0.5/25 "
                + "(203.0.113.9/25)"), text);
        assertTrue(text.contains("%ASA-4-106023: Deny tcp src outside:192.0.2.51/3334 dst inside:203.0.113.2/3389 by access-group "
                + "\"outside_access_in\" [0x0, 0x0]"), text);
        assertEquals(1, count(text, "inside:10.1.0.22/50000 ("), "one Built for the sliced connection");
        assertTrue(text.contains("to inside:10.1.0.22/50000 duration 0:50:00 bytes 150 TCP FINs"), text);
        assertTrue(text.contains("inside:10.1.0.23/50001 (") && !text.contains("to inside:10.1.0.23/50001 duration"), "open at the end");
        assertFalse(text.contains("10.1.0.24"), "internal to internal is not logged");
        assertTrue(text.contains("to inside:10.1.0.23/50003 duration 0:00:00 bytes 80\n"), "DNS torn down at its answer: " + text);
        assertTrue(text.contains("to inside:10.1.0.23/123 duration 0:02:00 bytes 96\n"), "UDP torn down by the idle timer: " + text);
        assertTrue(text.contains("inside:10.1.0.25/50004 (") && !text.contains("Teardown dynamic TCP translation from inside:10.1.0.25/50004"),
                "the translation outlives the capture: no 305012");

        EventCollector read = Pipelines.run(List.of(log), a -> { });
        List<FlowRecord> back = read.of(FlowEvent.class).stream().map(FlowEvent::flow).toList();
        assertEquals(11, back.size(), "ten connections and the denial: " + back);
        Map<String, String> states = back.stream().collect(Collectors.toMap(f -> f.srcIp() + "/" + f.srcPort(), FlowRecord::reason));
        assertEquals("firewall open", states.get("10.1.0.23/50001"));
        assertEquals("firewall closed", states.get("10.1.0.22/50000"));
        assertEquals("firewall deny 106023", states.get("192.0.2.51/3334"));
        assertTrue(read.of(StatsEvent.class).get(0).counters().keySet().stream().noneMatch(k -> k.startsWith("skipped.")));
    }

    @Test
    void thePlainRenderingIsAsBefore() throws IOException {
        Path log = dir.resolve("plain.log");
        AsaSyslogSink asa = new AsaSyslogSink(log, HomeNet.privateRanges(), "fw1");
        long s = 1_209_369_600L * 1_000_000_000L;
        asa.accept(new FlowEvent(SyntheticFlows.tcp(1, "10.1.0.20", 51515, "198.51.100.7", 443, s, s + 65_000_000_000L, "S0", "S",
                "timeout", 12)));
        asa.close();
        assertEquals("Apr 28 2008 08:00:00 fw1 : %ASA-6-302013: Built outbound TCP connection 1 for outside:198.51.100.7/443 "
                + "(198.51.100.7/443) to inside:10.1.0.20/51515 (10.1.0.20/51515)\n"
                + "Apr 28 2008 08:01:05 fw1 : %ASA-6-302014: Teardown TCP connection 1 for outside:198.51.100.7/443 to inside:10.1.0.20/51515 "
                + "duration 0:01:05 bytes 12 TCP FINs\n", Files.readString(log));
    }

    private static int count(String text, String part) {
        int n = 0;
        for (int i = text.indexOf(part); i >= 0; i = text.indexOf(part, i + 1)) {
            n++;
        }
        return n;
    }
}
