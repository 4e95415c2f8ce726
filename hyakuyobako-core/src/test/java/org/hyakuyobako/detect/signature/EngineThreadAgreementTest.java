package org.hyakuyobako.detect.signature;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.Map;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;
import org.hyakuyobako.detect.Detectors;
import org.hyakuyobako.detect.blacklist.Blacklists;
import org.hyakuyobako.detect.irc.BotVocabulary;
import org.hyakuyobako.event.AlertEvent;
import org.hyakuyobako.event.StatsEvent;
import org.hyakuyobako.generate.SyntheticCapture;
import org.hyakuyobako.pipeline.Analysis;
import org.hyakuyobako.pipeline.AnalysisOptions;
import org.hyakuyobako.pipeline.ProgressListener;
import org.hyakuyobako.pipeline.SensorSpec;
import org.hyakuyobako.rules.RuleSet;
import org.hyakuyobako.rules.RuleVariables;
import org.hyakuyobako.sink.EveJsonSink;
import org.hyakuyobako.source.InputDiagnostics;
import org.hyakuyobako.testing.Corpus;
import org.hyakuyobako.testing.EventCollector;
import org.hyakuyobako.testing.Pipelines;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * ADR 0019: the signature engine on a thread of its own raises the same alerts in the same order as
 * on the analysis thread, and the run's other output is the same, only interleaved later — over all
 * of ET Open, on the corpus's captures merged into one run, and on the project's synthetic traffic
 * both mapped (payloads cross as views) and gzipped (payloads copied into the messages).
 */
class EngineThreadAgreementTest {
    static RuleSet et;

    @BeforeAll
    static void load() throws IOException {
        et = RuleSet.load(List.of(Corpus.root().resolve("et-open")), RuleVariables.defaults(Pipelines.options().homeNet()));
    }

    /** A run's events, and its eve.json lines. */
    private record Output(EventCollector events, List<String> eveLines) {
        List<AlertEvent> alerts() {
            return events.of(AlertEvent.class);
        }

        /** Every line but the run's statistics, sorted: the same output whatever its interleaving. */
        List<String> sortedLines() {
            return eveLines.stream().filter(l -> !l.contains("\"event_type\":\"stats\"")).sorted().toList();
        }

        /** The run's counters, but how many rule groups it built (the rule set keeps them for the next run). */
        Map<String, Long> counters() {
            Map<String, Long> c = new java.util.TreeMap<>(events.of(StatsEvent.class).get(0).counters());
            c.remove("signature.rule_groups_built");
            return c;
        }
    }

    private static Output run(List<Path> files, boolean engineThread) throws IOException {
        List<SensorSpec> sensors = new ArrayList<>();
        for (Path f : files) {
            sensors.add(new SensorSpec(f.getFileName().toString(), List.of(f)));
        }
        AnalysisOptions options = Pipelines.options().withSignatureThread(engineThread);
        EventCollector out = new EventCollector();
        ByteArrayOutputStream eve = new ByteArrayOutputStream();
        EveJsonSink json = new EveJsonSink(eve, Analysis.contextFor(sensors));
        Analysis analysis = new Analysis(sensors, options, List.of(out, json), InputDiagnostics.silent(), ProgressListener.NONE);
        Detectors.addDefaults(analysis, options, new Blacklists(), BotVocabulary.bundled(), et);
        analysis.run();
        json.close();
        return new Output(out, List.of(eve.toString(StandardCharsets.UTF_8).split("\n")));
    }

    @Test
    void corpusCapturesMergedGiveTheSameOutput() throws IOException {
        List<Path> files;
        try (Stream<Path> all = Files.walk(Corpus.root())) {
            files = all.filter(p -> p.toString().endsWith(".pcap") || p.toString().endsWith(".pcapng")).sorted().toList();
        }
        assertTrue(files.size() >= 20, "corpus captures: " + files.size());
        Output own = run(files, true);
        Output inline = run(files, false);
        assertTrue(own.alerts().size() >= 10, "alerts: " + own.alerts().size());
        assertTrue(inline.alerts().equals(own.alerts()), "the same alerts in the same order");
        assertTrue(inline.sortedLines().equals(own.sortedLines()), "the same output");
        assertEquals(inline.counters(), own.counters());
    }

    @Test
    void syntheticTrafficMappedAndGzippedGivesTheSameAlerts(@TempDir Path dir) throws IOException {
        Path plain = dir.resolve("mixed.pcap");
        new SyntheticCapture(7, SyntheticCapture.Profile.mixed, 200).write(plain, 24_000_000L);
        Path gz = dir.resolve("mixed.pcap.gz");
        try (var out = new java.util.zip.GZIPOutputStream(Files.newOutputStream(gz))) {
            Files.copy(plain, out);
        }
        Output inline = run(List.of(plain), false);
        Output mapped = run(List.of(plain), true);
        Output gzipped = run(List.of(gz), true);
        List<AlertEvent> alerts = inline.alerts();
        assertTrue(alerts.size() >= 20, "alerts: " + alerts.size());
        assertTrue(alerts.equals(mapped.alerts()), "the same alerts in the same order");
        assertTrue(inline.sortedLines().equals(mapped.sortedLines()), "the same output");
        assertTrue(mapped.counters().get("signature.payloads_in_place") > 0, "mapped payloads cross as views");
        // The gzipped capture's sensor is named after its file; its alerts name sensor and file by id, the same.
        assertTrue(alerts.equals(gzipped.alerts()), "payloads copied into the messages match the same");
        assertEquals(0L, gzipped.counters().get("signature.payloads_in_place"));
    }
}
