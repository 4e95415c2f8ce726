package org.hyakuyobako.simulate;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.stream.Collectors;
import org.hyakuyobako.flow.FlowRecord;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Across seeds 1–20 the campaign generator covers what it promises — single-command campaigns,
 * every reaction kind (each visible in its bots' traffic), every channel kind, two-bot botnets —
 * and draws its parameters per seed instead of repeating them.
 */
class CampaignVarietyTest {
    static final int SEEDS = 20;
    /** Ports the scan reactions use. */
    static final Set<Integer> SCAN_PORTS = Set.of(445, 135, 139, 22, 23, 3389, 1433, 80);

    @TempDir
    Path dir;

    @Test
    void honeypotSeedsCoverEveryReactionKindEachSeenInTheBotsTraffic() throws IOException {
        Set<String> kinds = new TreeSet<>();
        Set<String> channels = new TreeSet<>();
        int singleCommand = 0;
        int botnets = 0;
        List<Double> baseDelays = new ArrayList<>();
        Map<String, Integer> unseen = new TreeMap<>();
        for (long seed = 1; seed <= SEEDS; seed++) {
            CampaignScenario.Spec spec = seed % 2 == 0 ? CampaignScenario.Spec.honeypot(seed)
                    : CampaignScenario.Spec.encrypted(Scenario.Kind.honeypot, seed);
            CampaignCaptures c = CampaignCaptures.of(spec, dir.resolve("s" + seed));
            for (GroundTruth.Botnet b : c.truth.botnets) {
                botnets++;
                channels.add(b.channel());
                baseDelays.add(b.baseDelaySeconds());
                singleCommand += b.commands() == 1 ? 1 : 0;
                assertTrue(b.baseDelaySeconds() >= 0.2 && b.baseDelaySeconds() <= 3 && b.jitterSeconds() >= 0.2 && b.jitterSeconds() <= 5,
                        b.toString());
                for (String reaction : b.reactions()) {
                    kinds.add(reaction);
                    if (!seenInTraffic(c, b, reaction)) {
                        unseen.merge(reaction, 1, Integer::sum);
                    }
                }
            }
        }
        assertEquals(EnumSet.allOf(CommandedReaction.class).stream().map(CommandedReaction::label).collect(Collectors.toCollection(TreeSet::new)),
                kinds, "every reaction kind across seeds 1–" + SEEDS);
        assertEquals(Set.of("irc", "tls", "binary", "https", "http"), channels);
        assertTrue(singleCommand >= 2, "single-command campaigns: " + singleCommand + " of " + botnets);
        assertTrue(new TreeSet<>(baseDelays).size() == baseDelays.size(), "base delays are drawn per botnet");
        assertTrue(unseen.isEmpty(), "reactions not found in their bots' traffic: " + unseen);
    }

    /** A reaction of this kind by at least one bot of the botnet, in the flows. */
    private static boolean seenInTraffic(CampaignCaptures c, GroundTruth.Botnet b, String reaction) {
        for (String bot : b.bots()) {
            List<FlowRecord> out = c.from(bot).toList();
            boolean seen = switch (reaction) {
                case "scan-sequential", "scan-random", "scan-intranet" -> out.stream()
                        .filter(f -> f.protocol() == 6 && SCAN_PORTS.contains(f.destPort()) && f.respSeqBytes() == 0 && f.origSeqBytes() == 0)
                        .count() >= ScanCommand.MIN_RANDOM - 1;
                case "spam" -> out.stream().anyMatch(f -> f.destPort() == 25);
                case "ddos" -> out.stream().collect(Collectors.groupingBy(FlowRecord::destIp, Collectors.summingLong(FlowRecord::pktsToServer)))
                        .values().stream().anyMatch(n -> n >= FloodCommand.MIN_SECONDS * FloodCommand.MIN_RATE / 2);
                default -> out.stream().anyMatch(f -> f.destPort() == 80 && f.respSeqBytes() >= DownloadCommand.MIN_SIZE);
            };
            if (seen) {
                return true;
            }
        }
        return false;
    }

    @Test
    void intranetSeedsHaveTwoBotBotnetsDoubleInfectionsAndDrawnLayouts() throws IOException {
        int pairs = 0;
        Set<String> layouts = new TreeSet<>();
        Set<Integer> sizes = new TreeSet<>();
        for (long seed = 1; seed <= SEEDS; seed++) {
            GroundTruth t = new CampaignScenario(CampaignScenario.Spec.intranet(seed).withHours(0.25)).write(dir.resolve("i" + seed));
            layouts.add(t.homeNetworks.size() + " " + t.homeNetworks.get(0).replaceAll(".*/", "/"));
            for (GroundTruth.Botnet b : t.botnets) {
                sizes.add(b.bots().size());
                pairs += b.bots().size() == 2 ? 1 : 0;
                assertTrue(b.bots().size() == 2 || b.bots().size() >= 3 && b.bots().size() <= 8, b.toString());
            }
            assertTrue(t.botnets.size() >= 2 && t.botnets.size() <= 3, t.botnets.toString());
        }
        assertTrue(pairs >= 1 && pairs <= SEEDS / 2, "two-bot botnets in about one scenario in four: " + pairs);
        assertTrue(sizes.size() >= 4, "botnet sizes vary: " + sizes);
        assertTrue(layouts.size() >= 2, "the intranet layout is drawn per seed: " + layouts);
    }
}
