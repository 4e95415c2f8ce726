package org.hyakuyobako.bench;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.hyakuyobako.detect.Detectors;
import org.hyakuyobako.detect.irc.BotVocabulary;
import org.hyakuyobako.event.AlertEvent;
import org.hyakuyobako.event.Event;
import org.hyakuyobako.net.HomeNet;
import org.hyakuyobako.pipeline.Analysis;
import org.hyakuyobako.pipeline.AnalysisOptions;
import org.hyakuyobako.pipeline.ProgressListener;
import org.hyakuyobako.pipeline.SensorAddressProbe;
import org.hyakuyobako.pipeline.SensorSpec;
import org.hyakuyobako.rules.Rule;
import org.hyakuyobako.rules.RuleSet;
import org.hyakuyobako.rules.RuleVariables;
import org.hyakuyobako.sink.EventSink;
import org.hyakuyobako.source.InputDiagnostics;

/**
 * The cost of rules (issue D1's benchmark): the app layer (reassembly, protocol parsers) with no
 * rules, the bundled rules, a 1,000-rule sample of a rule set and the whole set, over the same
 * captures, with the signature engine on a thread of its own as {@code analyze} runs it on two
 * cores (ADR 0019), and the whole set once more with the engine on the analysis thread. Events are
 * counted, not written, so the figure is the engine's. Each run's process CPU time (all threads,
 * the garbage collector's and the JIT's included) is reported beside its wall-clock time, so a
 * faster run on two cores is never mistaken for a cheaper engine.
 *
 * <p>Every variant warms up on at least {@link #WARM_UP_BYTES} of traffic (the JIT compiles each
 * variant's own paths: a variant timed on its first run paid twice its steady cost, and over a
 * 200 MB capture all of ET Open was still getting faster after eight runs, 228 → 524 MB/s, where
 * one run of the 1.1 GB capture is enough), the variants taking turns as in the timed rounds;
 * then the variants take turns for {@code rounds} rounds, so a noisy neighbour slows all of them
 * alike; the median round of each is reported. The figure is a sensor's after its first gigabyte;
 * the first run's time is reported beside it.
 * A rule set's compiled form (rule groups and their prefilters, built on first use) is kept with
 * the rule set for the next analysis in the process, as a sensor builds it once: the warm-up run
 * of a variant builds what the capture needs, and its time is reported beside the median as the
 * cost of a single analysis from cold.
 */
public final class SignatureBenchmark {
    private SignatureBenchmark() {
    }

    /** One variant's figures. */
    public record Result(String name, int rules, long packets, long bytes, long nanos, long cpuNanos, long alerts, long firstRunNanos) {
        public double megabytesPerSecond() {
            return bytes / 1e6 / (nanos / 1e9);
        }
    }

    /** Traffic each variant runs through before the timed rounds (whole runs, at least one). */
    static final long WARM_UP_BYTES = 1_000_000_000L;

    /** The name of the variant with the whole rule set and the engine on the analysis thread. */
    public static final String WHOLE_ONE_THREAD = "whole set, one thread";

    private record Variant(RuleSet rules, boolean engineThread) {
    }

    /** The five variants over the files, three timed rounds; {@code ruleDir} is a rule set such as ET Open. */
    public static Map<String, Result> run(List<Path> files, Path ruleDir, java.io.PrintStream say) throws IOException {
        return run(files, ruleDir, say, 3);
    }

    /** The five variants over the files, {@code rounds} timed rounds after each warmed up on {@link #WARM_UP_BYTES}. */
    public static Map<String, Result> run(List<Path> files, Path ruleDir, java.io.PrintStream say, int rounds) throws IOException {
        List<SensorSpec> sensors = new ArrayList<>();
        long bytes = 0;
        for (Path f : files) {
            sensors.add(new SensorSpec(f.getFileName().toString(), List.of(f)));
            bytes += Files.size(f);
        }
        HomeNet net = SensorAddressProbe.withSensorAddresses(HomeNet.privateRanges(), sensors);
        RuleVariables vars = RuleVariables.defaults(net);
        long loadStart = System.nanoTime();
        RuleSet all = RuleSet.load(List.of(ruleDir), vars);
        say.printf("rule set %s: %s in %.2f s%n", ruleDir, all.summary(), (System.nanoTime() - loadStart) / 1e9);
        RuleSet sample = new RuleSet();
        List<Rule> rules = all.rules();
        int step = Math.max(1, rules.size() / 1_000);
        List<Rule> picked = new ArrayList<>();
        for (int i = 0; i < rules.size() && picked.size() < 1_000; i += step) {
            picked.add(rules.get(i));     // every n-th rule: all files and slots in proportion
        }
        sample.addAll(picked);
        Map<String, Variant> variants = new LinkedHashMap<>();
        variants.put("no rules", new Variant(new RuleSet(), true));
        variants.put("bundled rules", new Variant(RuleSet.bundled(vars), true));
        variants.put("1,000 sampled rules", new Variant(sample, true));
        variants.put("whole rule set", new Variant(all, true));
        variants.put(WHOLE_ONE_THREAD, new Variant(all, false));
        Map<String, Long> firstRun = new LinkedHashMap<>();
        long warmUpRuns = Math.max(1, (WARM_UP_BYTES + bytes - 1) / Math.max(1, bytes));
        for (long run = 0; run < warmUpRuns; run++) {
            for (Map.Entry<String, Variant> v : variants.entrySet()) {
                long start = System.nanoTime();
                once(sensors, net, v.getValue());     // page cache and JIT warm-up, per variant; builds its rule groups
                firstRun.putIfAbsent(v.getKey(), System.nanoTime() - start);
            }
        }
        say.printf("warm-up: %d run(s) of each variant (%.1f GB each)%n", warmUpRuns, warmUpRuns * bytes / 1e9);
        Map<String, List<Result>> timed = new LinkedHashMap<>();
        for (int round = 0; round < Math.max(1, rounds); round++) {
            for (Map.Entry<String, Variant> v : variants.entrySet()) {
                long cpu = processCpuNanos();
                long start = System.nanoTime();
                long[] counts = once(sensors, net, v.getValue());
                long nanos = System.nanoTime() - start;
                timed.computeIfAbsent(v.getKey(), k -> new ArrayList<>())
                        .add(new Result(v.getKey(), v.getValue().rules().rules().size(), counts[0], bytes, nanos,
                                processCpuNanos() - cpu, counts[1], firstRun.get(v.getKey())));
            }
        }
        Map<String, Result> out = new LinkedHashMap<>();
        for (Map.Entry<String, List<Result>> e : timed.entrySet()) {
            List<Result> runs = new ArrayList<>(e.getValue());
            runs.sort(java.util.Comparator.comparingLong(Result::nanos));
            Result r = runs.get(runs.size() / 2);
            say.printf("%-21s %6d rules: %8.1f MB/s  (%,d packets, %,d alerts, median of %d: %.2f s, CPU %.2f s; runs %s; first run %.2f s)%n", r.name(),
                    r.rules(), r.megabytesPerSecond(), r.packets(), r.alerts(), runs.size(), r.nanos() / 1e9, r.cpuNanos() / 1e9,
                    e.getValue().stream().map(x -> String.format("%.1f", x.megabytesPerSecond())).toList(), r.firstRunNanos() / 1e9);
            out.put(e.getKey(), r);
        }
        Result none = out.get("no rules");
        Result whole = out.get("whole rule set");
        Result single = out.get(WHOLE_ONE_THREAD);
        say.printf("whole rule set: %.1f %% of the no-rule throughput (CPU time: %.1f %% of the no-rule run's); "
                        + "engine on the analysis thread: %.1f %%%n", 100.0 * none.nanos() / whole.nanos(),
                100.0 * none.cpuNanos() / whole.cpuNanos(), 100.0 * none.nanos() / single.nanos());
        return out;
    }

    /** CPU time of every thread of the process so far (0 where the JVM cannot tell). */
    private static long processCpuNanos() {
        if (java.lang.management.ManagementFactory.getOperatingSystemMXBean() instanceof com.sun.management.OperatingSystemMXBean os) {
            return Math.max(0, os.getProcessCpuTime());
        }
        return 0;
    }

    private static long[] once(List<SensorSpec> sensors, HomeNet net, Variant variant) throws IOException {
        RuleSet rules = variant.rules();
        long[] alerts = new long[1];
        EventSink counter = new EventSink() {
            @Override
            public void accept(Event event) {
                if (event instanceof AlertEvent) {
                    alerts[0]++;
                }
            }

            @Override
            public void close() {
            }
        };
        AnalysisOptions options = AnalysisOptions.defaults().withHomeNet(net).withSignatureThread(variant.engineThread());
        Analysis analysis = new Analysis(sensors, options, List.of(counter), InputDiagnostics.silent(), ProgressListener.NONE);
        Detectors.addAppLayer(analysis, options, BotVocabulary.bundled(), rules);
        var summary = analysis.run();
        return new long[] {summary.packets(), alerts[0]};
    }
}
