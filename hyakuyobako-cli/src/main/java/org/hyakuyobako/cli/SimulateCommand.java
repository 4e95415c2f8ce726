package org.hyakuyobako.cli;

import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.Callable;
import org.hyakuyobako.simulate.CampaignScenario;
import org.hyakuyobako.simulate.EdgeFirewallLog;
import org.hyakuyobako.simulate.GroundTruth;
import org.hyakuyobako.simulate.Scenario;
import org.hyakuyobako.sink.AsaSyslogSink;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/** {@code simulate}: multi-sensor botnet captures with a ground-truth JSON, for tests, demos and benchmarks. */
@Command(name = "simulate", mixinStandardHelpOptions = true, sortOptions = false,
        description = {
            "Write simulated captures (one per sensor) and ground-truth.json: botnets,",
            "their reactions to commands, and the benign traffic that fools naive detectors.",
            "Profile classic: the fixed scenario many tests use (IRC, TLS-like push and",
            "HTTP-polling C&C). Profiles mixed and encrypted: the harder campaign",
            "generator, every parameter drawn per seed: IRC, TLS, binary, HTTPS and HTTP",
            "channels (encrypted: no IRC at all), single-command campaigns, bots with",
            "their own targets and mirrors, and look-alikes (management pushes followed by",
            "synchronized fetches, cron-aligned backups, updaters, a mail relay, a web",
            "proxy, chat pushes, Internet scanners). With --asa-log (intranet) the edge",
            "firewall's Cisco ASA syslog is written too, with NAT."
        })
final class SimulateCommand implements Callable<Integer> {
    /** classic: {@link Scenario}; mixed and encrypted: {@link CampaignScenario}'s profiles. */
    enum Profile { classic, mixed, encrypted }

    @Option(names = "--scenario", defaultValue = "honeypot", description = "honeypot or intranet (default: ${DEFAULT-VALUE}).")
    Scenario.Kind scenario;

    @Option(names = "--profile", defaultValue = "classic",
            description = "classic, mixed or encrypted (default: ${DEFAULT-VALUE}; classic is the fixed scenario of the tests).")
    Profile profile;

    @Option(names = "--out", required = true, paramLabel = "DIR", description = "Where the captures and ground-truth.json go.")
    Path out;

    @Option(names = "--seed", defaultValue = "1", description = "Random seed; the same seed gives the same captures (default: ${DEFAULT-VALUE}).")
    long seed;

    @Option(names = "--sensors", description = "Honeypot sensors (default 5; at least 2).")
    Integer sensors;

    @Option(names = "--hosts", description = "Intranet hosts (default 120).")
    Integer hosts;

    @Option(names = "--hours", description = "Length of the simulated time (default 2).")
    Double hours;

    @Option(names = "--background-pps", description = "Profile classic: Internet scanner packets per second over all honeypots (default 2).")
    Double backgroundPps;

    @Option(names = "--merged", description = "Profiles mixed and encrypted, honeypot scenario: all honeypots in one capture, honeypots.pcap.")
    boolean merged;

    @Option(names = "--asa-log", paramLabel = "FILE",
            description = "Profiles mixed and encrypted, intranet scenario: also write the edge firewall's Cisco ASA syslog (with NAT).")
    Path asaLog;

    @Override
    public Integer call() throws Exception {
        if (profile == Profile.classic) {
            if (merged || asaLog != null) {
                throw new UserError("--merged and --asa-log need --profile mixed or encrypted");
            }
            return classic();
        }
        if (backgroundPps != null) {
            throw new UserError("--background-pps is for --profile classic (the campaign profiles draw the scanners' rate per seed)");
        }
        if (merged && scenario != Scenario.Kind.honeypot) {
            throw new UserError("--merged is for the honeypot scenario");
        }
        if (asaLog != null && scenario != Scenario.Kind.intranet) {
            throw new UserError("--asa-log is for the intranet scenario (honeypots have no edge firewall)");
        }
        return campaign();
    }

    private Integer classic() throws Exception {
        Scenario.Spec d = scenario == Scenario.Kind.honeypot ? Scenario.Spec.honeypot(seed) : Scenario.Spec.intranet(seed);
        Scenario.Spec spec = new Scenario.Spec(d.kind(), seed, sensors != null ? sensors : d.sensors(),
                hosts != null ? hosts : d.hosts(), hours != null ? hours : d.hours(),
                backgroundPps != null ? backgroundPps : d.backgroundPps());
        if (spec.kind() == Scenario.Kind.honeypot && spec.sensors() < 2) {
            throw new UserError("--sensors must be at least 2 for the honeypot scenario");
        }
        summary(new Scenario(spec).write(out));
        return 0;
    }

    private Integer campaign() throws Exception {
        CampaignScenario.Spec d = scenario == Scenario.Kind.honeypot ? CampaignScenario.Spec.honeypot(seed)
                : CampaignScenario.Spec.intranet(seed);
        CampaignScenario.Spec spec;
        try {
            spec = new CampaignScenario.Spec(d.kind(), CampaignScenario.Profile.valueOf(profile.name()), seed,
                    sensors != null ? sensors : d.sensors(), hosts != null ? hosts : d.hosts(), hours != null ? hours : d.hours(), merged);
        } catch (IllegalArgumentException e) {
            throw new UserError(e.getMessage());
        }
        GroundTruth truth = new CampaignScenario(spec).write(out);
        summary(truth);
        if (asaLog != null) {
            AsaSyslogSink asa = EdgeFirewallLog.write(out.resolve("tap.pcap"), asaLog, truth, List.of());
            System.out.printf("wrote the edge firewall's ASA log to %s: %,d connections (inside hosts behind %s)%n", asaLog,
                    asa.connectionsBuilt(), truth.firewallPublicIp);
        }
        return 0;
    }

    private void summary(GroundTruth truth) {
        System.out.printf("wrote %d sensor capture(s) and ground-truth.json to %s: %,d packets, %d botnets, %d infected hosts%n",
                truth.sensors.size(), out, truth.packets, truth.botnets.size(), truth.infected().size());
    }
}
