package org.hyakuyobako.correlate;

import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import org.hyakuyobako.detect.Detectors;
import org.hyakuyobako.event.Endpoints;
import org.hyakuyobako.event.VerdictEvent;
import org.hyakuyobako.simulate.CampaignScenario;
import org.hyakuyobako.simulate.GroundTruth;
import org.hyakuyobako.simulate.Scenario;
import org.hyakuyobako.testing.EventCollector;
import org.hyakuyobako.testing.SimulatedCaptures;
import org.hyakuyobako.testing.TestFiles;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

/**
 * Infection chains on the campaign simulator's infection stories (seeds 1-10 per setup): on
 * honeypots an attacker exploits SMB, then has the honeypot fetch the bot by FTP through a bind
 * shell's script, by HTTP from a mirror a PowerShell cradle names, or pushes it over a raw
 * connection; on an intranet a browser fetches the bot, which then reaches its C&C. Among them the
 * honeypots' exploit attempts that lead to nothing, updaters that fetch executables, and the
 * intranet's servers.
 *
 * <p>Checked and printed per setup: each story's bot is judged with a {@code chain} item, and the
 * chain names the story's download source or attacker (on an intranet it may instead tell of an
 * update the bot's C&C had it fetch, also a true story; counted); no host that is not a bot has a
 * chain; a honeypot story's chain begins with its attacker's exploit or shell. Mutations this test catches: chains linked on time alone (an exploit attempt
 * before an unrelated download), named addresses ignored (the cradle's mirror is not the
 * attacker), a chain named after the wrong link.
 */
class InfectionChainCampaignTest {
    static final int SEEDS = 10;

    @TempDir
    Path dir;

    enum Setup {
        HONEYPOTS(Scenario.Kind.honeypot, 0.95),
        INTRANET(Scenario.Kind.intranet, 0.9);

        final Scenario.Kind kind;
        final double minChained;

        Setup(Scenario.Kind kind, double minChained) {
            this.kind = kind;
            this.minChained = minChained;
        }
    }

    @ParameterizedTest
    @EnumSource(Setup.class)
    void everyStoryIsOneChainNamingItsSource(Setup setup) throws IOException {
        int stories = 0;
        int chained = 0;
        Map<String, Integer> byHow = new TreeMap<>();
        Map<String, Integer> chainedByHow = new TreeMap<>();
        List<String> problems = new ArrayList<>();
        List<String> missed = new ArrayList<>();
        List<String> retold = new ArrayList<>();
        for (long seed = 1; seed <= SEEDS; seed++) {
            Path run = dir.resolve(setup + "-" + seed);
            CampaignScenario.Spec spec = new CampaignScenario.Spec(setup.kind, CampaignScenario.Profile.mixed, seed,
                    CampaignScenario.Spec.DEFAULT_HONEYPOTS, CampaignScenario.Spec.DEFAULT_INTRANET_HOSTS,
                    CampaignScenario.Spec.DEFAULT_HOURS, false);
            GroundTruth truth = new CampaignScenario(spec).write(run);
            EventCollector out = SimulatedCaptures.analyse(run, (analysis, options) -> {
                Detectors.addDefaults(analysis, options);
                Correlator.attach(analysis, CorrelationConfig.defaults());
            });
            Map<String, VerdictEvent> verdicts = new TreeMap<>();
            out.of(VerdictEvent.class).forEach(v -> verdicts.put(v.host(), v));
            // A honeypot in two botnets has two stories: its chain may tell either.
            Map<String, java.util.Set<String>> sources = new TreeMap<>();
            Map<String, java.util.Set<String>> storyAttackers = new TreeMap<>();
            for (GroundTruth.Infection story : truth.infections) {
                if (story.attacker() != null) {
                    storyAttackers.computeIfAbsent(story.host(), k -> new java.util.TreeSet<>()).add(story.attacker());
                }
            }
            for (GroundTruth.Infection story : truth.infections) {
                java.util.Set<String> s = sources.computeIfAbsent(story.host(), k -> new java.util.TreeSet<>());
                s.add(story.source());
                if (story.attacker() != null) {
                    s.add(story.attacker());
                }
            }
            for (GroundTruth.Infection story : truth.infections) {
                stories++;
                byHow.merge(story.how(), 1, Integer::sum);
                VerdictEvent v = verdicts.get(story.host());
                VerdictEvent.Item chain = v == null ? null
                        : v.evidence().stream().filter(i -> i.method().equals("chain")).findFirst().orElse(null);
                if (chain == null) {
                    missed.add("seed " + seed + " " + story.how() + " " + story.host() + (v == null ? " (no verdict)" : " " + v.methods()));
                    continue;
                }
                String source = Endpoints.address(chain.peer());
                boolean right = sources.get(story.host()).contains(source);
                if (right && story.attacker() != null && storyAttackers.get(story.host()).stream().noneMatch(a ->
                        chain.references().stream().anyMatch(r -> r.startsWith("step:exploit|" + a + "|") || r.startsWith("step:shell|" + a + "|")))) {
                    // The story begins with its attacker: an exploit attempt from anyone else that happened to come first is no link.
                    problems.add("seed " + seed + " " + story.how() + " " + story.host() + ": chain does not begin with the attacker "
                            + story.attacker() + ": " + chain.references());
                    continue;
                }
                if (!right && setup.kind == Scenario.Kind.intranet && truth.infected().contains(story.host())) {
                    // An intranet bot's chain may tell of the update its C&C had it fetch later: a true story too.
                    retold.add("seed " + seed + " " + story.host() + ": " + chain.summary());
                    continue;
                }
                if (right) {
                    chained++;
                    chainedByHow.merge(story.how(), 1, Integer::sum);
                } else {
                    problems.add("seed " + seed + " " + story.how() + " " + story.host() + ": chain names " + chain.peer() + ", source was "
                            + story.source() + ": " + chain.summary());
                }
            }
            for (VerdictEvent v : verdicts.values()) {
                boolean hasChain = v.evidence().stream().anyMatch(i -> i.method().equals("chain"));
                if (hasChain && !truth.infected().contains(v.host())) {
                    problems.add("seed " + seed + " " + v.host() + " is no bot but has a chain: " + v.explanation());
                }
            }
            TestFiles.deleteRecursively(run);
        }
        double share = stories == 0 ? 1 : chained / (double) stories;
        System.out.printf("infection chains, %s over %d seeds: %d of %d stories chained to their source (%.3f), by kind %s of %s;"
                        + " chains of a later update instead: %d; problems: %s; missed: %s%n", setup, SEEDS, chained, stories, share,
                chainedByHow, byHow, retold.size(), problems.isEmpty() ? "none" : problems, missed.isEmpty() ? "none" : missed);
        assertTrue(stories > 0, "the scenarios tell infection stories");
        assertTrue(problems.isEmpty(), String.join("\n", problems));
        assertTrue(share >= setup.minChained, setup + ": " + chained + "/" + stories + " chained; missed " + missed);
    }
}
