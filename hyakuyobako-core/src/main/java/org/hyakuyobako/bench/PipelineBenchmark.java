package org.hyakuyobako.bench;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.stream.Stream;
import org.hyakuyobako.decode.DecodedPacket;
import org.hyakuyobako.decode.PacketDecoder;
import org.hyakuyobako.flow.FlowConfig;
import org.hyakuyobako.flow.FlowRecord;
import org.hyakuyobako.flow.FlowTable;
import org.hyakuyobako.correlate.CorrelationConfig;
import org.hyakuyobako.correlate.Correlator;
import org.hyakuyobako.detect.Detectors;
import org.hyakuyobako.detect.irc.BotVocabulary;
import org.hyakuyobako.event.Event;
import org.hyakuyobako.net.HomeNet;
import org.hyakuyobako.pipeline.Analysis;
import org.hyakuyobako.pipeline.SensorAddressProbe;
import org.hyakuyobako.pipeline.AnalysisOptions;
import org.hyakuyobako.pipeline.ProgressListener;
import org.hyakuyobako.pipeline.SensorSpec;
import org.hyakuyobako.sink.AsyncEventSink;
import org.hyakuyobako.sink.DuckDbSink;
import org.hyakuyobako.sink.EveJsonSink;
import org.hyakuyobako.sink.EventSink;
import org.hyakuyobako.source.CaptureInput;
import org.hyakuyobako.source.InputDiagnostics;
import org.hyakuyobako.source.MergedPacketSource;
import org.hyakuyobako.source.PacketRecord;

/**
 * Times pipeline stages over capture files, in this JVM, and records the peak heap.
 *
 * <p>One thread: all files through one merged pipeline (what {@code analyze} does). Two threads:
 * one pipeline per file on its own thread (sensors are independent until correlation), so the
 * aggregate throughput of a two-core box is measured.
 */
public final class PipelineBenchmark {
    /** One measurement. */
    public record Result(Stage stage, int threads, long packets, long bytes, long nanos, long peakHeapBytes, long flows) {
        public double megabytesPerSecond() {
            return bytes / 1e6 / (nanos / 1e9);
        }

        public double packetsPerSecond() {
            return packets / (nanos / 1e9);
        }
    }

    private PipelineBenchmark() {
    }

    public static Result run(Stage stage, List<Path> files, int threads) throws Exception {
        System.gc();
        long bytes = 0;
        for (Path f : files) {
            bytes += Files.size(f);
        }
        HeapSampler heap = new HeapSampler();
        long start = System.nanoTime();
        long[] counts;
        if (threads <= 1 || files.size() < 2) {
            counts = runOne(stage, files);
        } else {
            counts = new long[2];
            ExecutorService pool = Executors.newFixedThreadPool(threads);
            try {
                List<Future<long[]>> parts = new ArrayList<>();
                for (List<Path> group : split(files, threads)) {
                    parts.add(pool.submit(() -> runOne(stage, group)));
                }
                for (Future<long[]> f : parts) {
                    long[] c = f.get();
                    counts[0] += c[0];
                    counts[1] += c[1];
                }
            } finally {
                pool.shutdown();
            }
        }
        long nanos = System.nanoTime() - start;
        heap.close();
        return new Result(stage, threads, counts[0], bytes, nanos, heap.peakBytes(), counts[1]);
    }

    private static List<List<Path>> split(List<Path> files, int parts) {
        List<List<Path>> groups = new ArrayList<>();
        for (int i = 0; i < parts; i++) {
            groups.add(new ArrayList<>());
        }
        for (int i = 0; i < files.size(); i++) {
            groups.get(i % parts).add(files.get(i));
        }
        groups.removeIf(List::isEmpty);
        return groups;
    }

    /** @return {packets, flows} */
    private static long[] runOne(Stage stage, List<Path> files) throws IOException {
        if (stage == Stage.analyze) {
            return analyze(files);
        }
        if (stage == Stage.app) {
            return appLayer(files);
        }
        List<CaptureInput> inputs = new ArrayList<>();
        List<String> names = new ArrayList<>();
        for (int i = 0; i < files.size(); i++) {
            inputs.add(new CaptureInput(files.get(i), i, i));
            names.add(files.get(i).toString());
        }
        InputDiagnostics diagnostics = InputDiagnostics.silent();
        PacketDecoder decoder = new PacketDecoder(diagnostics, names, true);
        DecodedPacket decoded = new DecodedPacket();
        FlowTable table = new FlowTable(FlowConfig.DEFAULT);
        long[] sink = new long[1];
        table.addListener((flow, reason) -> sink[0] += FlowRecord.of(flow, reason).pktsToServer());
        long packets = 0;
        long touched = 0;
        try (MergedPacketSource source = new MergedPacketSource(inputs, diagnostics)) {
            PacketRecord r;
            while ((r = source.next()) != null) {
                packets++;
                touched += r.capturedLength;
                if (stage != Stage.read && decoder.decode(r, decoded) && stage == Stage.flows) {
                    table.process(decoded);
                }
            }
        }
        table.flushAll();
        if (touched < 0 || sink[0] < 0) {
            throw new IllegalStateException("unreachable: keeps the JIT from dropping the loop");
        }
        return new long[] {packets, table.flowsEnded()};
    }

    private static long[] appLayer(List<Path> files) throws IOException {
        List<SensorSpec> sensors = new ArrayList<>();
        for (Path f : files) {
            sensors.add(new SensorSpec(f.getFileName().toString(), List.of(f)));
        }
        long[] events = new long[1];
        EventSink counter = new EventSink() {
            @Override
            public void accept(Event event) {
                events[0]++;
            }

            @Override
            public void close() {
            }
        };
        AnalysisOptions options = AnalysisOptions.defaults()
                .withHomeNet(SensorAddressProbe.withSensorAddresses(HomeNet.privateRanges(), sensors));
        Analysis analysis = new Analysis(sensors, options, List.of(counter), InputDiagnostics.silent(), ProgressListener.NONE);
        Detectors.addAppLayer(analysis, options, BotVocabulary.bundled());
        var summary = analysis.run();
        if (events[0] < 0) {
            throw new IllegalStateException("unreachable");
        }
        return new long[] {summary.packets(), summary.flows()};
    }

    private static long[] analyze(List<Path> files) throws IOException {
        Path dir = Files.createTempDirectory("hyakuyobako-bench");
        try {
            List<SensorSpec> sensors = new ArrayList<>();
            for (Path f : files) {
                sensors.add(new SensorSpec(f.getFileName().toString(), List.of(f)));
            }
            HomeNet homeNet = SensorAddressProbe.withSensorAddresses(HomeNet.privateRanges(), sensors);
            List<EventSink> sinks = List.of(
                    new AsyncEventSink(List.of(new EveJsonSink(dir.resolve("eve.json"), Analysis.contextFor(sensors, homeNet))), AsyncEventSink.DEFAULT_CAPACITY),
                    new AsyncEventSink(List.of(new DuckDbSink(dir.resolve("store.duckdb"), Analysis.contextFor(sensors, homeNet))), AsyncEventSink.DEFAULT_CAPACITY));
            AnalysisOptions options = AnalysisOptions.defaults().withHomeNet(homeNet);
            Analysis analysis = new Analysis(sensors, options, sinks, InputDiagnostics.silent(), ProgressListener.NONE);
            Detectors.addDefaults(analysis, options);
            Correlator.attach(analysis, CorrelationConfig.defaults());
            var summary = analysis.run();
            for (EventSink s : sinks) {
                s.close();
            }
            return new long[] {summary.packets(), summary.flows()};
        } finally {
            try (Stream<Path> s = Files.walk(dir)) {
                s.sorted(Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
            }
        }
    }
}
