package org.hyakuyobako.cli;

import java.nio.file.Path;
import java.util.concurrent.Callable;
import org.hyakuyobako.generate.SyntheticCapture;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/** {@code generate}: writes synthetic captures of a chosen size, for benchmarks and examples. */
@Command(name = "generate", mixinStandardHelpOptions = true, sortOptions = false,
        description = "Write a synthetic pcap (TCP sessions, DNS, ICMP, scans) of about the given size.")
final class GenerateCommand implements Callable<Integer> {
    @Option(names = "--out", paramLabel = "FILE", description = "The pcap to write (.gz to compress).")
    Path out;

    @Option(names = "--example", paramLabel = "DIR",
            description = "Instead, write the bundled two-honeypot example (honeypot-a.pcap, honeypot-b.pcapng) into DIR.")
    Path example;

    @Option(names = "--size-mb", defaultValue = "100", paramLabel = "MB", description = "Target size in 10^6 bytes (default: ${DEFAULT-VALUE}).")
    long sizeMb;

    @Option(names = "--seed", defaultValue = "1", description = "Random seed; the same seed gives the same file (default: ${DEFAULT-VALUE}).")
    long seed;

    @Option(names = "--profile", defaultValue = "mixed",
            description = "mixed (about 1,000 B/packet: sessions with payload) or honeypot (about 95 B/packet, probes and short flows) (default: ${DEFAULT-VALUE}).")
    SyntheticCapture.Profile profile;

    @Option(names = "--hosts", defaultValue = "200", description = "Monitored hosts (default: ${DEFAULT-VALUE}).")
    int hosts;

    @Override
    public Integer call() throws Exception {
        if (example != null) {
            new org.hyakuyobako.generate.ExampleScenario().write(example);
            System.out.println("wrote " + example.resolve("honeypot-a.pcap") + " and " + example.resolve("honeypot-b.pcapng"));
            return 0;
        }
        if (out == null) {
            throw new UserError("generate needs --out FILE (or --example DIR)");
        }
        SyntheticCapture.Result r = new SyntheticCapture(seed, profile, hosts).write(out, sizeMb * 1_000_000L);
        System.out.printf("wrote %s: %,d packets, %,d bytes, %,d flows%n", out, r.packets(), r.bytes(), r.sessions());
        return 0;
    }
}
