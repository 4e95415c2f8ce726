package org.hyakuyobako.detect.sync;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;
import java.util.stream.Collectors;
import org.hyakuyobako.correlate.CorrelationConfig;
import org.hyakuyobako.correlate.Correlator;
import org.hyakuyobako.detect.Detectors;
import org.hyakuyobako.detect.role.HostRoleLearner;
import org.hyakuyobako.event.CncEvent;
import org.hyakuyobako.event.RoleEvent;
import org.hyakuyobako.event.VerdictEvent;
import org.hyakuyobako.simulate.CampaignScenario;
import org.hyakuyobako.simulate.EdgeFirewallLog;
import org.hyakuyobako.simulate.GroundTruth;
import org.hyakuyobako.simulate.Scenario;
import org.hyakuyobako.testing.EventCollector;
import org.hyakuyobako.testing.Pipelines;
import org.hyakuyobako.testing.SimulatedCaptures;
import org.hyakuyobako.testing.TestFiles;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

/**
 * The whole analysis (every detector and the correlation, as {@code analyze} runs them) on the
 * campaign simulator's scenarios, 20 seeds each: botnets with IRC, encrypted push (TLS-like and
 * custom binary) and HTTP(S) polling channels, single-command campaigns, scans of random addresses
 * and of the bots' own intranet, per-bot download mirrors, reaction delays jittered by up to
 * 5 s; among management pushes that every host obeys, cron-aligned backup jobs, updaters, a mail
 * relay, a web proxy and chat pushes. Honeypots come as one capture each or merged into one (the
 * home net is inferred, as {@code analyze} does); the intranet as its tap's capture, and as the
 * edge firewall's Cisco ASA log alone (NAT, one-second stamps, no payload).
 *
 * <p>Checked per scenario, and printed: infected-host recall and precision (hosts judged
 * {@code infected}), C&C recall (the true C&C endpoint named in a {@code cnc} event), and the hard
 * line: no {@code cnc} event ever names a node that is not a C&C. Figures in docs/sync.md.
 * {@code HYAKUYOBAKO_CAMPAIGN_SEEDS=N} and {@code HYAKUYOBAKO_CAMPAIGN_FIRST_SEED=N} run other seeds.
 */
class SyncCampaignTest {
    static final int SEEDS = Integer.parseInt(System.getenv().getOrDefault("HYAKUYOBAKO_CAMPAIGN_SEEDS", "20"));
    static final long FIRST_SEED = Long.parseLong(System.getenv().getOrDefault("HYAKUYOBAKO_CAMPAIGN_FIRST_SEED", "1"));

    @TempDir
    Path dir;

    /** What is analysed, with the floors the issue sets for it. */
    enum Setup {
        HONEYPOTS(Scenario.Kind.honeypot, CampaignScenario.Profile.mixed, false, 0.98, 0.98, 0.95),
        INTRANET(Scenario.Kind.intranet, CampaignScenario.Profile.mixed, false, 0.98, 0.98, 0.95),
        INTRANET_ASA_LOG(Scenario.Kind.intranet, CampaignScenario.Profile.mixed, true, 0.9, 0.98, 0.9),
        ENCRYPTED_HONEYPOTS(Scenario.Kind.honeypot, CampaignScenario.Profile.encrypted, false, 0.98, 0.98, 0.95),
        ENCRYPTED_INTRANET(Scenario.Kind.intranet, CampaignScenario.Profile.encrypted, false, 0.98, 0.98, 0.95);

        final Scenario.Kind kind;
        final CampaignScenario.Profile profile;
        final boolean firewallLog;
        final double minRecall;
        final double minPrecision;
        final double minCncRecall;

        Setup(Scenario.Kind kind, CampaignScenario.Profile profile, boolean firewallLog, double minRecall, double minPrecision,
              double minCncRecall) {
            this.kind = kind;
            this.profile = profile;
            this.firewallLog = firewallLog;
            this.minRecall = minRecall;
            this.minPrecision = minPrecision;
            this.minCncRecall = minCncRecall;
        }
    }

    /** Counts over the seeds of one setup. */
    static final class Tally {
        int bots;
        int botsInfected;
        int infectedVerdicts;
        int benignSuspicious;
        int cnc;
        int cncNamed;
        int servers;
        int serversWithRole;
        final List<String> problems = new ArrayList<>();
        final List<String> notes = new ArrayList<>();

        double recall() {
            return bots == 0 ? 1 : botsInfected / (double) bots;
        }

        double precision() {
            return infectedVerdicts == 0 ? 1 : botsInfected / (double) infectedVerdicts;
        }

        double cncRecall() {
            return cnc == 0 ? 1 : cncNamed / (double) cnc;
        }
    }

    static EventCollector analysePackets(Path captures) throws IOException {
        return SimulatedCaptures.analyse(captures, (analysis, options) -> {
            Detectors.addDefaults(analysis, options);
            Correlator.attach(analysis, CorrelationConfig.defaults());
        });
    }

    static EventCollector analyseLog(Path log) throws IOException {
        return Pipelines.run(List.of(log), analysis -> {
            Detectors.addDefaults(analysis, Pipelines.options());
            Correlator.attach(analysis, CorrelationConfig.defaults());
        });
    }

    @ParameterizedTest
    @EnumSource(Setup.class)
    void botsAndCncFoundAndNoBenignNodeNamed(Setup setup) throws IOException {
        Tally tally = new Tally();
        for (long seed = FIRST_SEED; seed < FIRST_SEED + SEEDS; seed++) {
            Path run = dir.resolve(setup + "-" + seed);
            CampaignScenario.Spec spec = new CampaignScenario.Spec(setup.kind, setup.profile, seed,
                    CampaignScenario.Spec.DEFAULT_HONEYPOTS, CampaignScenario.Spec.DEFAULT_INTRANET_HOSTS,
                    CampaignScenario.Spec.DEFAULT_HOURS, setup.kind == Scenario.Kind.honeypot && seed % 2 == 0);
            GroundTruth truth = new CampaignScenario(spec).write(run);
            EventCollector out;
            if (setup.firewallLog) {
                Path log = run.resolve("asa.log");
                EdgeFirewallLog.write(run.resolve("tap.pcap"), log, truth, List.of());
                out = analyseLog(log);
            } else {
                out = analysePackets(run);
            }
            score(seed, truth, out, tally);
            TestFiles.deleteRecursively(run);
        }
        System.out.printf("campaign %s over %d seeds: infected-host recall %.3f (%d/%d), precision %.3f, C&C recall %.3f (%d/%d), "
                        + "benign hosts suspicious %d, site servers with their role learned %d/%d; problems: %s; notes: %s%n", setup, SEEDS,
                tally.recall(), tally.botsInfected, tally.bots, tally.precision(), tally.cncRecall(), tally.cncNamed, tally.cnc,
                tally.benignSuspicious, tally.serversWithRole, tally.servers,
                tally.problems.isEmpty() ? "none" : tally.problems, tally.notes.isEmpty() ? "none" : tally.notes);
        assertTrue(tally.problems.isEmpty(), "a node that is no C&C was named, or a site server judged: " + tally.problems);
        assertTrue(tally.recall() >= setup.minRecall, setup + " recall " + tally.recall() + ": " + tally.notes);
        assertTrue(tally.precision() >= setup.minPrecision, setup + " precision " + tally.precision() + ": " + tally.notes);
        assertTrue(tally.cncRecall() >= setup.minCncRecall, setup + " C&C recall " + tally.cncRecall() + ": " + tally.notes);
        // No benign host is judged even suspicious: not the site's servers, not the PCs that use them (a PC's
        // download from the site's update server is its normal use of it).
        assertEquals(0, tally.benignSuspicious, setup + ": benign hosts judged suspicious: " + tally.notes);
        if (!setup.firewallLog) {
            // An edge firewall never sees the PCs use their own servers: roles are learned from packets only.
            assertTrue(tally.serversWithRole >= 0.95 * tally.servers, setup + " roles learned for " + tally.serversWithRole + " of "
                    + tally.servers + " site servers: " + tally.notes);
        }
    }

    static void score(long seed, GroundTruth truth, EventCollector out, Tally tally) {
        Set<String> bots = truth.infected();
        Set<String> infected = new TreeSet<>();
        // The site's servers (mail relay, web proxy, resolver) serve the others: never judged, their role learned.
        Set<String> judged = new TreeSet<>();
        out.of(VerdictEvent.class).forEach(v -> judged.add(v.host()));
        java.util.Map<String, List<String>> roles = HostRoleLearner.of(out.of(RoleEvent.class));
        for (GroundTruth.Benign server : truth.benignHosts) {
            tally.servers++;
            if (judged.contains(server.ip())) {
                tally.problems.add("seed " + seed + ": the " + server.role() + " " + server.ip() + " was judged");
            }
            if (roles.getOrDefault(server.ip(), List.of()).contains(server.role().equals("mail-relay") ? "mail-server" : server.role())) {
                tally.serversWithRole++;
            } else {
                tally.notes.add("seed " + seed + ": the " + server.role() + " " + server.ip() + " has roles " + roles.get(server.ip()));
            }
        }
        for (VerdictEvent v : out.of(VerdictEvent.class)) {
            if (v.verdict().equals("infected")) {
                infected.add(v.host());
            } else if (!bots.contains(v.host())) {
                tally.benignSuspicious++;
                tally.notes.add("seed " + seed + ": " + v.host() + " suspicious " + v.methods());
            }
        }
        tally.bots += bots.size();
        tally.infectedVerdicts += infected.size();
        for (String h : infected) {
            if (bots.contains(h)) {
                tally.botsInfected++;
            } else {
                tally.notes.add("seed " + seed + ": " + h + " infected but clean");
            }
        }
        for (String b : bots) {
            if (!infected.contains(b)) {
                tally.notes.add("seed " + seed + ": bot " + b + " missed");
            }
        }
        Set<String> named = out.of(CncEvent.class).stream().map(c -> c.cnc().ip() + ":" + c.cnc().port())
                .collect(Collectors.toCollection(TreeSet::new));
        Set<String> truthCnc = new TreeSet<>();
        Set<String> truthCncIps = new TreeSet<>();
        for (GroundTruth.Botnet b : truth.botnets) {
            String key = b.cncIp() + ":" + b.cncPort();
            truthCnc.add(key);
            truthCncIps.add(b.cncIp());
            tally.cnc++;
            if (named.contains(key)) {
                tally.cncNamed++;
            } else {
                tally.notes.add("seed " + seed + ": " + b.channel() + " C&C " + key + " (" + b.bots().size() + " bots, "
                        + b.commands() + " command(s)) missed");
            }
        }
        for (String n : named) {
            if (!truthCncIps.contains(n.substring(0, n.lastIndexOf(':')))) {
                String ip = n.substring(0, n.lastIndexOf(':'));
                String role = truth.benign.stream().filter(x -> x.ip().equals(ip)).map(GroundTruth.Benign::role).findFirst()
                        .orElse("not a C&C");
                tally.problems.add("seed " + seed + ": " + n + " named C&C (" + role + ")");
            }
        }
    }
}
