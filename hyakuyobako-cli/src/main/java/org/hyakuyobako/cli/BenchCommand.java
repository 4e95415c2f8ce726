package org.hyakuyobako.cli;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.ZonedDateTime;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;
import org.hyakuyobako.bench.BlacklistBenchmark;
import org.hyakuyobako.bench.PeerTimer;
import org.hyakuyobako.bench.PipelineBenchmark;
import org.hyakuyobako.bench.Stage;
import org.hyakuyobako.generate.SyntheticCapture;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/**
 * {@code bench}: throughput and peak heap of each pipeline stage on one and two cores, beside
 * tcpdump and argus on the same files, written as a Markdown table (docs/performance.md).
 */
@Command(name = "bench", mixinStandardHelpOptions = true, sortOptions = false,
        description = {
            "Measure MB/s, packets/s and peak heap for read, read+decode, read+decode+flows, flows plus the",
            "application layer (reassembly, protocol identification, IRC parsing, C&C analysis, channel statistics, session timing) and the",
            "full analyze pipeline, on 1 and 2 threads, beside tcpdump and argus on the same files."
        })
final class BenchCommand implements Callable<Integer> {
    @Option(names = "--file", paramLabel = "FILE", description = "Captures to measure (default: generate two).")
    List<Path> files = new ArrayList<>();

    @Option(names = "--generate-mb", defaultValue = "2200", paramLabel = "MB",
            description = "Total size of the generated captures, split over two files (default: ${DEFAULT-VALUE}).")
    long generateMb;

    @Option(names = "--profile", defaultValue = "mixed", description = "Generator profile: mixed or honeypot (default: ${DEFAULT-VALUE}).")
    SyntheticCapture.Profile profile;

    @Option(names = "--work", defaultValue = "bench-out", paramLabel = "DIR", description = "Where generated captures go (default: ${DEFAULT-VALUE}).")
    Path work;

    @Option(names = "--stages", split = ",", defaultValue = "read,decode,flows,app,analyze", description = "Stages (default: ${DEFAULT-VALUE}).")
    List<Stage> stages;

    @Option(names = "--threads", split = ",", defaultValue = "1,2", description = "Thread counts (default: ${DEFAULT-VALUE}).")
    List<Integer> threads;

    @Option(names = "--no-peers", description = "Do not time tcpdump and argus.")
    boolean noPeers;

    @Option(names = "--blacklist-entries", defaultValue = "0", paramLabel = "N",
            description = "Also load a list of N random addresses/prefixes and look up --blacklist-lookups addresses (0 = skip).")
    int blacklistEntries;

    @Option(names = "--blacklist-lookups", defaultValue = "10000000", paramLabel = "N", description = "Look-ups for the list benchmark (default: ${DEFAULT-VALUE}).")
    long blacklistLookups;

    @Option(names = "--report", paramLabel = "FILE", description = "Append the results as Markdown to this file (e.g. docs/performance.md).")
    Path report;

    @Option(names = "--rules", paramLabel = "DIR",
            description = "Time the signature engine instead: no rules, the bundled ones, 1,000 of DIR's and all of DIR's (e.g. ET Open).")
    Path rules;

    @Option(names = "--rounds", defaultValue = "3", paramLabel = "N",
            description = "With --rules: timed rounds per variant after a warm-up of each; the median is reported (default: ${DEFAULT-VALUE}).")
    int rounds;

    @Option(names = "--input-formats", paramLabel = "N",
            description = "Time the firewall-log and flow-file readers instead, on N generated records each.")
    int inputFormats;

    @Option(names = "--web", paramLabel = "DIR",
            description = "Time the web UI's API instead, over the result directory of an analyze run.")
    Path web;

    @Option(names = "--web-requests", defaultValue = "50", paramLabel = "N", description = "Requests per endpoint for --web (default: ${DEFAULT-VALUE}).")
    int webRequests;

    @Override
    public Integer call() throws Exception {
        if (web != null) {
            var results = org.hyakuyobako.web.WebBenchmark.run(web, webRequests, System.out);
            if (report != null) {
                StringBuilder md = new StringBuilder("\n### Web API over ").append(web).append(", run of ")
                        .append(ZonedDateTime.now().format(DateTimeFormatter.ISO_OFFSET_DATE_TIME))
                        .append("\n\n| endpoint | median ms | p95 ms | max ms | bytes |\n|---|---|---|---|---|\n");
                results.values().forEach(r -> md.append(String.format("| %s | %.1f | %.1f | %.1f | %,d |%n", r.endpoint(), r.medianMs(),
                        r.p95Ms(), r.maxMs(), r.bytes())));
                Files.writeString(report, md.toString(), java.nio.file.StandardOpenOption.CREATE, java.nio.file.StandardOpenOption.APPEND);
            }
            return 0;
        }
        if (inputFormats > 0) {
            var results = org.hyakuyobako.bench.InputFormatBenchmark.run(inputFormats, work, System.out);
            if (report != null) {
                StringBuilder md = new StringBuilder("\n### Input formats, run of ")
                        .append(ZonedDateTime.now().format(DateTimeFormatter.ISO_OFFSET_DATE_TIME)).append("\n\n| reader | per second |\n|---|---|\n");
                results.forEach((k, v) -> md.append(String.format("| %s | %,.0f |%n", k, v)));
                Files.writeString(report, md.toString(), java.nio.file.StandardOpenOption.CREATE, java.nio.file.StandardOpenOption.APPEND);
            }
            return 0;
        }
        if (rules != null) {
            List<Path> inputs = files.isEmpty() ? generate() : files;
            var results = org.hyakuyobako.bench.SignatureBenchmark.run(inputs, rules, System.out, rounds);
            if (report != null) {
                StringBuilder md = new StringBuilder("\n### Signature engine, run of ")
                        .append(ZonedDateTime.now().format(DateTimeFormatter.ISO_OFFSET_DATE_TIME)).append("\n\n")
                        .append("Input: ").append(String.join(", ", inputs.stream().map(p -> p.getFileName().toString()).toList()))
                        .append(String.format("; JVM max heap %d MB.%n%n", Runtime.getRuntime().maxMemory() >> 20))
                        .append(String.format("Median of %d rounds after each variant warmed up on at least 1 GB (whole runs of the input); "
                                + "the first warm-up run builds the rule groups the capture needs, later runs reuse them.%n%n", rounds))
                        .append("The signature engine on a thread of its own (ADR 0019) but in the last row; CPU s is the process's "
                                + "CPU time in the run (all threads, GC and JIT included).\n\n")
                        .append("| rules | loaded | MB/s | packets | alerts | seconds | CPU s | first run s |\n|---|---|---|---|---|---|---|---|\n");
                for (var r : results.values()) {
                    md.append(String.format("| %s | %,d | %.1f | %,d | %,d | %.1f | %.1f | %.1f |%n", r.name(), r.rules(), r.megabytesPerSecond(),
                            r.packets(), r.alerts(), r.nanos() / 1e9, r.cpuNanos() / 1e9, r.firstRunNanos() / 1e9));
                }
                var none = results.get("no rules");
                var whole = results.get("whole rule set");
                var single = results.get(org.hyakuyobako.bench.SignatureBenchmark.WHOLE_ONE_THREAD);
                md.append(String.format("%nWhole rule set: %.1f %% of the no-rule throughput (engine on the analysis thread: %.1f %%); "
                                + "its CPU time %.1f %% of the no-rule run's.%n", 100.0 * none.nanos() / whole.nanos(),
                        100.0 * none.nanos() / single.nanos(), 100.0 * none.cpuNanos() / whole.cpuNanos()));
                Files.writeString(report, md.toString(), java.nio.file.StandardOpenOption.CREATE, java.nio.file.StandardOpenOption.APPEND);
            }
            return 0;
        }
        if (blacklistEntries > 0) {
            BlacklistBenchmark.Result b = BlacklistBenchmark.run(work, blacklistEntries, blacklistLookups);
            String line = String.format("blacklist: %,d entries loaded in %.2f s (%.1f MB of heap); %,d look-ups in %.2f s "
                            + "(%,.0f per second, %,d hits)", b.entries(), b.loadNanos() / 1e9, b.heapBytes() / 1e6, b.lookups(),
                    b.lookupNanos() / 1e9, b.lookupsPerSecond(), b.hits());
            System.out.println(line);
            if (report != null) {
                Files.writeString(report, "\n" + line + "\n", java.nio.file.StandardOpenOption.CREATE,
                        java.nio.file.StandardOpenOption.APPEND);
            }
            if (stages.isEmpty()) {
                return 0;
            }
        }
        List<Path> inputs = files.isEmpty() ? generate() : files;
        long bytes = 0;
        for (Path f : inputs) {
            bytes += Files.size(f);
        }
        System.out.printf("benchmark over %d file(s), %,.1f MB; max heap %d MB; %d cores%n", inputs.size(), bytes / 1e6,
                Runtime.getRuntime().maxMemory() >> 20, Runtime.getRuntime().availableProcessors());
        // One untimed pass warms the page cache and the JIT, so the first stage is not penalised.
        PipelineBenchmark.run(Stage.read, inputs, 1);
        List<PipelineBenchmark.Result> results = new ArrayList<>();
        for (Stage stage : stages) {
            for (int t : threads) {
                PipelineBenchmark.Result r = PipelineBenchmark.run(stage, inputs, t);
                results.add(r);
                System.out.printf("%-8s %d thread(s): %8.1f MB/s %,12.0f packets/s  peak heap %5d MB  (%,d packets, %,d flows, %.1f s)%n",
                        stage, t, r.megabytesPerSecond(), r.packetsPerSecond(), r.peakHeapBytes() >> 20, r.packets(), r.flows(),
                        r.nanos() / 1e9);
            }
        }
        List<PeerTimer.Result> peers = new ArrayList<>();
        if (!noPeers) {
            Files.createDirectories(work);
            peers = PeerTimer.runAll(inputs, work);
            for (PeerTimer.Result p : peers) {
                if (p.skipped() != null) {
                    System.out.println(p.tool() + ": skipped, " + p.skipped());
                } else {
                    System.out.printf("%-8s %8.1f MB/s  (%s, %.1f s)%n", p.tool(), p.megabytesPerSecond(), p.command(), p.nanos() / 1e9);
                }
            }
        }
        if (report != null) {
            writeReport(inputs, bytes, results, peers);
            System.out.println("appended results to " + report);
        }
        return 0;
    }

    private List<Path> generate() throws IOException {
        Files.createDirectories(work);
        List<Path> out = new ArrayList<>();
        for (int i = 0; i < 2; i++) {
            Path f = work.resolve("bench-" + profile + "-" + (i + 1) + ".pcap");
            long target = generateMb * 1_000_000L / 2;
            if (!Files.exists(f) || Math.abs(Files.size(f) - target) > target / 20) {
                System.out.println("generating " + f + " ...");
                new SyntheticCapture(i + 1, profile, 500).write(f, target);
            }
            out.add(f);
        }
        return out;
    }

    private void writeReport(List<Path> inputs, long bytes, List<PipelineBenchmark.Result> results,
                             List<PeerTimer.Result> peers) throws IOException {
        StringBuilder md = new StringBuilder();
        md.append("\n### Run of ").append(ZonedDateTime.now().format(DateTimeFormatter.ISO_OFFSET_DATE_TIME)).append("\n\n");
        md.append(String.format("Input: %d file(s), %,.1f MB (%s), profile `%s`; JVM max heap %d MB; %d cores.%n%n",
                inputs.size(), bytes / 1e6, String.join(", ", inputs.stream().map(p -> p.getFileName().toString()).toList()),
                files.isEmpty() ? profile : "given files", Runtime.getRuntime().maxMemory() >> 20,
                Runtime.getRuntime().availableProcessors()));
        md.append("| stage | threads | MB/s | packets/s | peak heap MB | packets | flows | seconds |\n");
        md.append("|---|---|---|---|---|---|---|---|\n");
        for (PipelineBenchmark.Result r : results) {
            md.append(String.format("| %s | %d | %.1f | %,.0f | %d | %,d | %,d | %.1f |%n", r.stage(), r.threads(),
                    r.megabytesPerSecond(), r.packetsPerSecond(), r.peakHeapBytes() >> 20, r.packets(), r.flows(), r.nanos() / 1e9));
        }
        if (!peers.isEmpty()) {
            md.append("\n| peer | command | MB/s | ratio of our 1-thread flows stage to it |\n|---|---|---|---|\n");
            double ours = results.stream().filter(r -> r.stage() == Stage.flows && r.threads() == 1)
                    .mapToDouble(PipelineBenchmark.Result::megabytesPerSecond).findFirst().orElse(0);
            for (PeerTimer.Result p : peers) {
                if (p.skipped() != null) {
                    md.append("| ").append(p.tool()).append(" | skipped: ").append(p.skipped()).append(" | | |\n");
                } else {
                    md.append(String.format("| %s | `%s` | %.1f | %.2f |%n", p.tool(), p.command(), p.megabytesPerSecond(),
                            ours / p.megabytesPerSecond()));
                }
            }
        }
        Path parent = report.toAbsolutePath().getParent();
        if (parent != null) {
            Files.createDirectories(parent);
        }
        Files.writeString(report, md.toString(), java.nio.file.StandardOpenOption.CREATE, java.nio.file.StandardOpenOption.APPEND);
    }
}
