package org.hyakuyobako.pipeline;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;
import java.util.stream.Collectors;
import org.hyakuyobako.detect.Detectors;
import org.hyakuyobako.event.CncEvent;
import org.hyakuyobako.event.GroupEvent;
import org.hyakuyobako.event.SyncEvent;
import org.hyakuyobako.net.HomeNet;
import org.hyakuyobako.simulate.GroundTruth;
import org.hyakuyobako.simulate.Scenario;
import org.hyakuyobako.sink.AsaSyslogSink;
import org.hyakuyobako.testing.EventCollector;
import org.hyakuyobako.testing.Pipelines;
import org.hyakuyobako.testing.SimulatedCaptures;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * The simulator's intranet scenario rendered as the ASA log its firewall would write, then analysed
 * from the log alone: the bots' synchronized contacts with their C&C servers show as they do from
 * the packets (seed 002's Table 1), and the same C&C servers and bot groups are found, though the
 * log carries no payload (connections open while the bots react in step stand in for the commands).
 * Both sides must find something: equal empty results once passed.
 *
 * <p>Mutations this test catches (tried, failed, restored): every firewall-log finding removed
 * (AsaSyslogReader passing on no event); CncInference returning no finding (packets and log then
 * agree on less, which the old comparison accepted).
 */
class SimulatedFirewallLogTest {
    @TempDir
    Path dir;

    @ParameterizedTest
    @ValueSource(longs = {11, 12, 13})
    void theLogAloneYieldsTheGroupsAndCncOfThePackets(long seed) throws IOException {
        Path run = dir.resolve("intranet");
        GroundTruth truth = new Scenario(Scenario.Spec.intranet(seed)).write(run);
        Path log = dir.resolve("asa.log");
        AsaSyslogSink asa = new AsaSyslogSink(log, HomeNet.privateRanges(), "fw1");
        EventCollector packets = SimulatedCaptures.analyse(run, Detectors::addDefaults, List.of(asa));
        asa.close();
        assertTrue(Files.size(log) > 0);
        EventCollector fromLog = Pipelines.run(List.of(log), a -> Detectors.addDefaults(a, Pipelines.options()));

        Set<String> cncFromPackets = cnc(packets);
        Set<String> cncFromLog = cnc(fromLog);
        Set<String> groupsFromPackets = groups(packets);
        Set<String> groupsFromLog = groups(fromLog);
        System.out.printf("seed %d: C&C from packets %s, from the ASA log %s; groups from packets %s, from the log %s%n", seed,
                cncFromPackets, cncFromLog, groupsFromPackets, groupsFromLog);
        assertFalse(cncFromPackets.isEmpty(), "C&C found from the packets");
        assertFalse(groupsFromPackets.isEmpty(), "bot groups found from the packets");
        assertEquals(cncFromPackets, cncFromLog, "the same C&C servers, each with the same bots");
        assertEquals(groupsFromPackets, groupsFromLog, "the same bot groups");
        Set<String> truthCnc = truth.botnets.stream().map(GroundTruth.Botnet::cncIp).collect(Collectors.toCollection(TreeSet::new));
        Set<String> found = fromLog.of(CncEvent.class).stream().map(c -> c.cnc().ip()).collect(Collectors.toCollection(TreeSet::new));
        System.out.println("  truth C&C " + truthCnc + ", from the log " + found);
        assertEquals(truthCnc, found, "from the log, exactly the scenario's C&C servers");

        for (GroundTruth.Botnet b : truth.botnets) {
            Set<String> bots = new TreeSet<>(b.bots());
            Set<String> together = inSyncWith(fromLog, b.cncIp(), bots);
            Set<String> fromPacketsTogether = inSyncWith(packets, b.cncIp(), bots);
            // A log has one line per connection, not per packet: contacts inside a persistent C&C
            // connection (reports, PONGs) are not there, so the log may show fewer bots in step with
            // their C&C; it must never show one the packets do not.
            System.out.printf("  %s (%d bots): in step from the log %s, from the packets %s%n", b.name(), bots.size(), together, fromPacketsTogether);
            assertTrue(cncFromLog.contains(b.cncIp() + ":" + b.cncPort() + " " + bots), b.name() + ": its C&C with exactly its bots, from the log");
            assertEquals(bots, fromPacketsTogether, b.name() + ": every bot in step with its C&C, from the packets");
            assertTrue(together.size() >= 2, b.name() + ": bots in step with their C&C, from the log: " + together);
            assertTrue(fromPacketsTogether.containsAll(together), b.name() + ": " + together + " vs " + fromPacketsTogether);
        }
    }

    /** The same from flow files: the packet path's flows as Zeek conn.log and as Argus CSV, read back alone. */
    @ParameterizedTest
    @ValueSource(strings = {"conn.log", "argus.csv"})
    void flowFilesAloneYieldTheGroupsAndCncOfThePackets(String format) throws IOException {
        Path run = dir.resolve("intranet");
        new Scenario(Scenario.Spec.intranet(11)).write(run);
        Path file = dir.resolve(format);
        org.hyakuyobako.sink.EventSink sink = format.equals("conn.log") ? new org.hyakuyobako.sink.ZeekConnLogSink(file)
                : new org.hyakuyobako.sink.ArgusCsvSink(file);
        EventCollector packets = SimulatedCaptures.analyse(run, Detectors::addDefaults, List.of(sink));
        sink.close();
        EventCollector fromFlows = Pipelines.run(List.of(file), a -> Detectors.addDefaults(a, Pipelines.options()));
        System.out.printf("%s: C&C from packets %s, from the flows alone %s%n", format, cnc(packets), cnc(fromFlows));
        assertEquals(3, cnc(packets).size(), "the scenario's three C&C servers, from the packets");
        assertFalse(groups(packets).isEmpty(), "bot groups from the packets");
        assertEquals(cnc(packets), cnc(fromFlows));
        assertEquals(groups(packets), groups(fromFlows));
    }

    private static Set<String> cnc(EventCollector events) {
        return events.of(CncEvent.class).stream().map(c -> c.cnc().ip() + ":" + c.cnc().port() + " " + new TreeSet<>(c.bots()))
                .collect(Collectors.toCollection(TreeSet::new));
    }

    private static Set<String> groups(EventCollector events) {
        return events.of(GroupEvent.class).stream().map(g -> new TreeSet<>(g.hosts()).toString())
                .collect(Collectors.toCollection(TreeSet::new));
    }

    private static Set<String> inSyncWith(EventCollector events, String cnc, Set<String> bots) {
        return events.of(SyncEvent.class).stream().filter(s -> s.externalIp().equals(cnc))
                .flatMap(s -> s.hosts().stream().map(SyncEvent.Member::host)).filter(bots::contains)
                .collect(Collectors.toCollection(TreeSet::new));
    }
}
