package org.hyakuyobako.pipeline;

import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;
import java.util.stream.Collectors;
import org.hyakuyobako.detect.Detectors;
import org.hyakuyobako.event.SyncEvent;
import org.hyakuyobako.net.HomeNet;
import org.hyakuyobako.simulate.GroundTruth;
import org.hyakuyobako.simulate.Scenario;
import org.hyakuyobako.sink.AsaSyslogSink;
import org.hyakuyobako.testing.EventCollector;
import org.hyakuyobako.testing.Pipelines;
import org.hyakuyobako.testing.SimulatedCaptures;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The simulator's intranet scenario rendered as the ASA log its firewall would write, then analysed
 * from the log alone: the bots' synchronized contacts with their C&C server show as they do from the
 * packets (seed 002's Table 1). Groups and C&C inference from logs alone is not built (issue 9).
 */
class SimulatedFirewallLogTest {
    @TempDir
    Path dir;

    @Test
    void botsBehindTheFirewallContactTheirCncTogether() throws IOException {
        Path run = dir.resolve("intranet");
        GroundTruth truth = new Scenario(Scenario.Spec.intranet(11)).write(run);
        Path log = dir.resolve("asa.log");
        AsaSyslogSink asa = new AsaSyslogSink(log, HomeNet.privateRanges(), "fw1");
        EventCollector packets = SimulatedCaptures.analyse(run, Detectors::addDefaults, List.of(asa));
        asa.close();
        assertTrue(Files.size(log) > 0);
        EventCollector fromLog = Pipelines.run(List.of(log), a -> Detectors.addDefaults(a, Pipelines.options()));
        for (GroundTruth.Botnet b : truth.botnets) {
            Set<String> bots = new TreeSet<>(b.bots());
            Set<String> together = fromLog.of(SyncEvent.class).stream().filter(s -> s.externalIp().equals(b.cncIp()))
                    .flatMap(s -> s.hosts().stream().map(SyncEvent.Member::host)).filter(bots::contains)
                    .collect(Collectors.toCollection(TreeSet::new));
            Set<String> fromPackets = packets.of(SyncEvent.class).stream().filter(s -> s.externalIp().equals(b.cncIp()))
                    .flatMap(s -> s.hosts().stream().map(SyncEvent.Member::host)).filter(bots::contains)
                    .collect(Collectors.toCollection(TreeSet::new));
            System.out.printf("botnet %s (C&C %s, %d bots): in sync with it from packets %s, from the ASA log %s%n", b.name(), b.cncIp(),
                    bots.size(), fromPackets, together);
            // ASA times have one-second resolution: a bot whose contact straddles a second boundary may drop out of a window.
            assertTrue(together.size() >= 2 && together.size() * 4 >= fromPackets.size() * 3,
                    b.name() + ": bots seen acting together from the log " + together + ", from the packets " + fromPackets);
        }
    }
}
