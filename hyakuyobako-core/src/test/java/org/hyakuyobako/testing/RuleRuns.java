package org.hyakuyobako.testing;

import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Path;
import java.util.List;
import org.hyakuyobako.detect.Detectors;
import org.hyakuyobako.detect.blacklist.Blacklists;
import org.hyakuyobako.detect.irc.BotVocabulary;
import org.hyakuyobako.event.AlertEvent;
import org.hyakuyobako.generate.PcapWriter;
import org.hyakuyobako.pipeline.AnalysisOptions;
import org.hyakuyobako.rules.RuleSet;
import org.hyakuyobako.rules.RuleVariables;

/** Rules run over a crafted capture through the whole pipeline (every default detector), in tests. */
public final class RuleRuns {
    private RuleRuns() {
    }

    /** Writes the capture. */
    public interface Script {
        void write(PcapWriter w) throws IOException;
    }

    /** The events of the run; the rules must all load. */
    public static EventCollector run(Path dir, String rules, AnalysisOptions options, Script script) throws IOException {
        return run(dir, rules, options, script, false);
    }

    /**
     * As {@link #run(Path, String, AnalysisOptions, Script)}, the capture gzipped when asked (read as
     * a stream into a buffer that is refilled, instead of mapped).
     */
    public static EventCollector run(Path dir, String rules, AnalysisOptions options, Script script, boolean gzip) throws IOException {
        Path capture = dir.resolve("c" + System.nanoTime() + ".pcap");
        try (PcapWriter w = new PcapWriter(capture, 1)) {
            script.write(w);
        }
        if (gzip) {
            Path gz = dir.resolve(capture.getFileName() + ".gz");
            try (var out = new java.util.zip.GZIPOutputStream(java.nio.file.Files.newOutputStream(gz))) {
                java.nio.file.Files.copy(capture, out);
            }
            java.nio.file.Files.delete(capture);
            capture = gz;
        }
        RuleSet set = new RuleSet();
        set.add("test.rules", rules, RuleVariables.defaults(options.homeNet()));
        assertTrue(set.skipped().isEmpty(), set.skipped().toString());
        return Pipelines.run(List.of(capture), a -> Detectors.addDefaults(a, options, new Blacklists(), BotVocabulary.bundled(), set));
    }

    /** The signature ids of the alerts, sorted. */
    public static List<Long> sids(EventCollector out) {
        return out.of(AlertEvent.class).stream().map(AlertEvent::signatureId).sorted().toList();
    }
}
