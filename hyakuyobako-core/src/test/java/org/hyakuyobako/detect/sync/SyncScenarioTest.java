package org.hyakuyobako.detect.sync;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Collectors;
import org.hyakuyobako.event.CncEvent;
import org.hyakuyobako.event.EvidenceEvent;
import org.hyakuyobako.event.GroupEvent;
import org.hyakuyobako.event.SyncEvent;
import org.hyakuyobako.simulate.GroundTruth;
import org.hyakuyobako.simulate.Scenario;
import org.hyakuyobako.testing.EventCollector;
import org.hyakuyobako.testing.SimulatedCaptures;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

/**
 * The synchronized-activity detector on simulated honeypot and intranet scenarios over many seeds:
 * every bot and every C&C found (encrypted, polling and IRC on arbitrary ports), no benign shared
 * node reported as C&C, infected-host precision at least 0.95. Figures are printed per scenario.
 */
class SyncScenarioTest {
    static final int SEEDS = 20;

    @TempDir
    Path dir;

    static EventCollector analyse(Path captures, List<Double> tolerances) throws IOException {
        return SimulatedCaptures.analyse(captures, (analysis, options) -> {
            SyncDetector sync = new SyncDetector(SyncConfig.defaults(tolerances), options.homeNet(), analysis::emit);
            analysis.addObserver(sync);
            analysis.addFlowObserver(sync);
        });
    }

    /** Five honeypots (three infected, one doubly), two honeypots (both in all three botnets), an intranet. */
    enum Setup { HONEYPOTS_5, HONEYPOTS_2, INTRANET }

    private static Scenario.Spec spec(Setup setup, long seed) {
        return switch (setup) {
            case HONEYPOTS_5 -> Scenario.Spec.honeypot(seed);
            case HONEYPOTS_2 -> {
                Scenario.Spec d = Scenario.Spec.honeypot(seed);
                // All three botnets share both bots, so their reactions overlap: give it 4 hours.
                yield new Scenario.Spec(d.kind(), seed, 2, 2, 4.0, d.backgroundPps());
            }
            case INTRANET -> Scenario.Spec.intranet(seed);
        };
    }

    @ParameterizedTest
    @EnumSource(Setup.class)
    void findsEveryBotAndCncAndNoBenignNodeAcrossSeeds(Setup kind) throws IOException {
        int truePositives = 0;
        int falsePositives = 0;
        int infected = 0;
        int cncTotal = 0;
        int cncFound = 0;
        List<String> problems = new ArrayList<>();
        // HYAKUYOBAKO_SYNC_FIRST_SEED=N runs other seeds (the default set is what CI runs).
        String first = System.getenv("HYAKUYOBAKO_SYNC_FIRST_SEED");
        long firstSeed = first == null ? 1 : Long.parseLong(first);
        for (long seed = firstSeed; seed < firstSeed + SEEDS; seed++) {
            Path run = dir.resolve(kind + "-" + seed);
            GroundTruth truth = new Scenario(spec(kind, seed)).write(run);
            EventCollector out = analyse(run, List.of(1.0, 10.0));

            Set<String> flagged = out.of(EvidenceEvent.class).stream().map(EvidenceEvent::host).collect(Collectors.toSet());
            Set<String> truthInfected = truth.infected();
            infected += truthInfected.size();
            for (String h : flagged) {
                if (truthInfected.contains(h)) {
                    truePositives++;
                } else {
                    falsePositives++;
                    problems.add("seed " + seed + ": " + h + " flagged but clean");
                }
            }
            for (String h : truthInfected) {
                if (!flagged.contains(h)) {
                    problems.add("seed " + seed + ": bot " + h + " missed");
                }
            }
            Map<String, CncEvent> found = new HashMap<>();
            for (CncEvent c : out.of(CncEvent.class)) {
                found.put(c.cnc().ip() + ":" + c.cnc().port(), c);
            }
            Set<String> benign = truth.benign.stream().map(GroundTruth.Benign::ip).collect(Collectors.toSet());
            Set<String> truthCnc = new HashSet<>();
            for (GroundTruth.Botnet b : truth.botnets) {
                cncTotal++;
                String key = b.cncIp() + ":" + b.cncPort();
                truthCnc.add(key);
                CncEvent c = found.get(key);
                if (c != null && c.bots().containsAll(b.bots())) {
                    cncFound++;
                    // The bots' reactions are named: every simulated botnet scans or spams.
                    if (c.reactions().stream().noneMatch(r -> r.kind().equals("scan") || r.kind().equals("spam"))) {
                        problems.add("seed " + seed + ": " + key + " has no named scan or spam reaction: " + c.reactions());
                    }
                } else {
                    problems.add("seed " + seed + ": " + b.channel() + " C&C " + key + " "
                            + (c == null ? "missed" : "found with bots " + c.bots() + " instead of " + b.bots()));
                }
            }
            for (String key : found.keySet()) {
                if (!truthCnc.contains(key)) {
                    String ip = key.substring(0, key.lastIndexOf(':'));
                    problems.add("seed " + seed + ": " + key + " reported as C&C" + (benign.contains(ip) ? " (a benign shared node)" : ""));
                }
            }
            assertTrue(out.of(SyncEvent.class).size() > 0);
            assertEquals(out.of(GroupEvent.class).isEmpty(), found.isEmpty());
        }
        double precision = truePositives + falsePositives == 0 ? 1 : truePositives / (double) (truePositives + falsePositives);
        double recall = truePositives / (double) infected;
        System.out.printf("sync %s over %d seeds: infected-host precision %.3f, recall %.3f; C&C recall %d/%d; problems: %s%n",
                kind, SEEDS, precision, recall, cncFound, cncTotal, problems.isEmpty() ? "none" : problems);
        assertTrue(precision >= 0.95, "precision " + precision + ": " + problems);
        assertEquals(infected, truePositives, "every infected host found: " + problems);
        assertEquals(cncTotal, cncFound, "every C&C found with its bots: " + problems);
        assertTrue(problems.isEmpty(), problems.toString());
    }

    @Test
    void syncEventsFollowSeed002sTable() throws IOException {
        Path run = dir.resolve("table");
        new Scenario(Scenario.Spec.honeypot(3)).write(run);
        EventCollector out = analyse(run, List.of(1.0, 10.0));
        List<SyncEvent> events = out.of(SyncEvent.class);
        long oneSecond = events.stream().filter(e -> e.tolerance() == 1.0).count();
        long tenSeconds = events.stream().filter(e -> e.tolerance() == 10.0).count();
        assertTrue(oneSecond > 0 && tenSeconds > 0);
        for (SyncEvent e : events) {
            assertTrue(e.direction().equals("in") || e.direction().equals("out"));
            assertTrue(e.hosts().size() + e.hostsOmitted() >= 2, "two or more hosts");
            assertEquals(e.hosts().size(), e.hosts().stream().map(SyncEvent.Member::host).distinct().count(), "hosts once each");
            for (SyncEvent.Member m : e.hosts()) {
                long offset = m.firstNanos() - e.timestampNanos();
                assertTrue(offset >= 0 && offset <= (long) (e.tolerance() * 1e9), "within the tolerance");
            }
        }
    }
}
