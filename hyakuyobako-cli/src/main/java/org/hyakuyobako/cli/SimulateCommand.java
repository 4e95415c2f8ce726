package org.hyakuyobako.cli;

import java.nio.file.Path;
import java.util.concurrent.Callable;
import org.hyakuyobako.simulate.GroundTruth;
import org.hyakuyobako.simulate.Scenario;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/** {@code simulate}: multi-sensor botnet captures with a ground-truth JSON, for tests, demos and benchmarks. */
@Command(name = "simulate", mixinStandardHelpOptions = true, sortOptions = false,
        description = {
            "Write simulated captures (one per sensor) and ground-truth.json: botnets with IRC, encrypted push",
            "and HTTP-polling C&C, their reactions, and the benign traffic that fools naive detectors."
        })
final class SimulateCommand implements Callable<Integer> {
    @Option(names = "--scenario", defaultValue = "honeypot", description = "honeypot or intranet (default: ${DEFAULT-VALUE}).")
    Scenario.Kind scenario;

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

    @Option(names = "--background-pps", description = "Internet scanner packets per second over all honeypots (default 2).")
    Double backgroundPps;

    @Override
    public Integer call() throws Exception {
        Scenario.Spec d = scenario == Scenario.Kind.honeypot ? Scenario.Spec.honeypot(seed) : Scenario.Spec.intranet(seed);
        Scenario.Spec spec = new Scenario.Spec(d.kind(), seed, sensors != null ? sensors : d.sensors(),
                hosts != null ? hosts : d.hosts(), hours != null ? hours : d.hours(),
                backgroundPps != null ? backgroundPps : d.backgroundPps());
        if (spec.kind() == Scenario.Kind.honeypot && spec.sensors() < 2) {
            throw new UserError("--sensors must be at least 2 for the honeypot scenario");
        }
        GroundTruth truth = new Scenario(spec).write(out);
        System.out.printf("wrote %d sensor capture(s) and ground-truth.json to %s: %,d packets, %d botnets, %d infected hosts%n",
                truth.sensors.size(), out, truth.packets, truth.botnets.size(), truth.infected().size());
        return 0;
    }
}
