package org.hyakuyobako.detect.signature;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import org.hyakuyobako.detect.Detectors;
import org.hyakuyobako.detect.irc.BotVocabulary;
import org.hyakuyobako.pipeline.Analysis;
import org.hyakuyobako.pipeline.AnalysisOptions;
import org.hyakuyobako.pipeline.ProgressListener;
import org.hyakuyobako.pipeline.SensorSpec;
import org.hyakuyobako.rules.RuleSet;
import org.hyakuyobako.rules.RuleVariables;
import org.hyakuyobako.source.InputDiagnostics;
import org.hyakuyobako.testing.Corpus;
import org.hyakuyobako.testing.EventCollector;
import org.hyakuyobako.testing.Pipelines;
import org.junit.jupiter.api.Test;

/**
 * ADR 0019: the engine's thread ends with its run, whether the run completes or fails half-way,
 * so a sensor that runs analysis after analysis (the web UI, a failed file among many) leaves no
 * thread behind holding the compiled rules.
 */
class EngineThreadLifecycleTest {
    private static long engineThreads() {
        return Thread.getAllStackTraces().keySet().stream()
                .filter(t -> t.getName().equals("signature-engine") && t.isAlive()).count();
    }

    private static Analysis analysis(RuleSet rules, EventCollector out) {
        var file = Corpus.file("slips/test-cc-capture-1.pcap");
        AnalysisOptions options = Pipelines.options().withSignatureThread(true);
        Analysis a = new Analysis(List.of(new SensorSpec("s", List.of(file))), options, List.of(out),
                InputDiagnostics.silent(), ProgressListener.NONE);
        Detectors.addAppLayer(a, options, BotVocabulary.bundled(), rules);
        return a;
    }

    @Test
    void theEngineThreadEndsWithItsRunCompletedOrFailed() throws Exception {
        RuleSet rules = RuleSet.bundled(RuleVariables.defaults(Pipelines.options().homeNet()));
        long before = engineThreads();
        analysis(rules, new EventCollector()).run();
        assertEquals(before, engineThreads(), "a completed run leaves no engine thread");

        Analysis failing = analysis(rules, new EventCollector());
        int[] packets = {0};
        failing.addObserver((p, f) -> {
            if (++packets[0] == 5_000) {
                throw new IllegalStateException("a stage failed");
            }
        });
        assertThrows(IllegalStateException.class, failing::run);
        assertTrue(packets[0] >= 5_000, "the run got far enough to hand batches to the engine");
        assertEquals(before, engineThreads(), "a failed run stops its engine thread too");

        // The rule set is whole again for the next run, which finds the same alerts as the first.
        EventCollector first = new EventCollector();
        analysis(rules, first).run();
        EventCollector again = new EventCollector();
        analysis(rules, again).run();
        assertEquals(first.of(org.hyakuyobako.event.AlertEvent.class), again.of(org.hyakuyobako.event.AlertEvent.class));
    }
}
