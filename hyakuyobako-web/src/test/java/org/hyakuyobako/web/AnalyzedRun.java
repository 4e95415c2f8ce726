package org.hyakuyobako.web;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.hyakuyobako.correlate.CorrelationConfig;
import org.hyakuyobako.correlate.Correlator;
import org.hyakuyobako.detect.Detectors;
import org.hyakuyobako.net.HomeNet;
import org.hyakuyobako.pipeline.Analysis;
import org.hyakuyobako.pipeline.AnalysisOptions;
import org.hyakuyobako.pipeline.ProgressListener;
import org.hyakuyobako.pipeline.SensorSpec;
import org.hyakuyobako.sink.DuckDbSink;
import org.hyakuyobako.source.InputDiagnostics;
import org.hyakuyobako.testing.EventCollector;
import org.hyakuyobako.testing.SimulatedCaptures;

/**
 * A result directory as {@code analyze --out} leaves it (the store with its {@code run} table),
 * made from the captures in a directory, each a sensor, with every default detector and the
 * correlation: what {@code serve} is pointed at.
 */
final class AnalyzedRun {
    final Path dir;
    final EventCollector events;
    final HomeNet homeNet;

    private AnalyzedRun(Path dir, EventCollector events, HomeNet homeNet) {
        this.dir = dir;
        this.events = events;
        this.homeNet = homeNet;
    }

    static AnalyzedRun of(Path captures, Path out) throws IOException {
        List<SensorSpec> sensors = SimulatedCaptures.sensorsIn(captures);
        HomeNet net = SimulatedCaptures.homeNetOf(sensors);
        AnalysisOptions options = AnalysisOptions.defaults().withHomeNet(net);
        Files.createDirectories(out);
        EventCollector collector = new EventCollector();
        try (DuckDbSink store = new DuckDbSink(out.resolve(ResultStore.FILE), Analysis.contextFor(sensors, net))) {
            store.recordRun("home_net", net.toString());
            Analysis analysis = new Analysis(sensors, options, List.of(store, collector), InputDiagnostics.silent(), ProgressListener.NONE);
            Detectors.addDefaults(analysis, options);
            Correlator.attach(analysis, CorrelationConfig.defaults());
            analysis.run();
        }
        return new AnalyzedRun(out, collector, net);
    }
}
