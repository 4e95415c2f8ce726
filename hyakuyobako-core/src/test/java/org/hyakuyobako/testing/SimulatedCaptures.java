package org.hyakuyobako.testing;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.function.BiConsumer;
import java.util.stream.Stream;
import org.hyakuyobako.net.HomeNet;
import org.hyakuyobako.pipeline.Analysis;
import org.hyakuyobako.pipeline.AnalysisOptions;
import org.hyakuyobako.pipeline.ProgressListener;
import org.hyakuyobako.pipeline.SensorAddressProbe;
import org.hyakuyobako.pipeline.SensorSpec;
import org.hyakuyobako.sink.EventSink;
import org.hyakuyobako.source.InputDiagnostics;

/**
 * Analyses what the simulator wrote (one pcap per sensor) as {@code analyze} would: each file is a
 * sensor, and the home net is the private ranges plus each sensor's own public address.
 */
public final class SimulatedCaptures {
    private SimulatedCaptures() {
    }

    /** Each capture file in the directory (pcap, pcapng) a sensor named after it, in name order. */
    public static List<SensorSpec> sensorsIn(Path captures) throws IOException {
        List<SensorSpec> sensors = new ArrayList<>();
        try (Stream<Path> files = Files.list(captures)) {
            for (Path f : files.filter(p -> p.toString().endsWith(".pcap") || p.toString().endsWith(".pcapng")).sorted().toList()) {
                sensors.add(new SensorSpec(f.getFileName().toString().replaceFirst("\\.pcap(ng)?$", ""), List.of(f)));
            }
        }
        return sensors;
    }

    /** analyze's default home net: the private ranges plus each sensor's own public address. */
    public static HomeNet homeNetOf(List<SensorSpec> sensors) throws IOException {
        return SensorAddressProbe.withSensorAddresses(HomeNet.privateRanges(), sensors);
    }

    public static EventCollector analyse(Path captures, BiConsumer<Analysis, AnalysisOptions> stages) throws IOException {
        return analyse(captures, stages, List.of());
    }

    /** The same, with more sinks beside the collector (a store under test). */
    public static EventCollector analyse(Path captures, BiConsumer<Analysis, AnalysisOptions> stages, List<EventSink> more)
            throws IOException {
        List<SensorSpec> sensors = sensorsIn(captures);
        HomeNet net = homeNetOf(sensors);
        AnalysisOptions options = AnalysisOptions.defaults().withHomeNet(net);
        EventCollector collector = new EventCollector();
        List<EventSink> sinks = new ArrayList<>(more);
        sinks.add(collector);
        Analysis analysis = new Analysis(sensors, options, sinks, InputDiagnostics.silent(), ProgressListener.NONE);
        stages.accept(analysis, options);
        analysis.run();
        return collector;
    }
}
