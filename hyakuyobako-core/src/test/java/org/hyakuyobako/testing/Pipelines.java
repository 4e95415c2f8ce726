package org.hyakuyobako.testing;

import java.io.IOException;
import java.nio.file.Path;
import java.util.List;
import java.util.function.Consumer;
import org.hyakuyobako.net.HomeNet;
import org.hyakuyobako.pipeline.Analysis;
import org.hyakuyobako.pipeline.AnalysisOptions;
import org.hyakuyobako.pipeline.ProgressListener;
import org.hyakuyobako.pipeline.SensorSpec;
import org.hyakuyobako.source.InputDiagnostics;

/** Runs the analysis pipeline over files in tests, with the stages a test adds, and keeps every event. */
public final class Pipelines {
    private Pipelines() {
    }

    /** One sensor per file, the private ranges as home net; {@code stages} adds detectors to the run. */
    public static EventCollector run(List<Path> files, Consumer<Analysis> stages) throws IOException {
        List<SensorSpec> sensors = files.stream().map(f -> new SensorSpec(f.getFileName().toString(), List.of(f))).toList();
        EventCollector out = new EventCollector();
        Analysis analysis = new Analysis(sensors, options(), List.of(out), InputDiagnostics.silent(), ProgressListener.NONE);
        stages.accept(analysis);
        analysis.run();
        return out;
    }

    public static AnalysisOptions options() {
        return AnalysisOptions.defaults().withHomeNet(HomeNet.privateRanges());
    }
}
