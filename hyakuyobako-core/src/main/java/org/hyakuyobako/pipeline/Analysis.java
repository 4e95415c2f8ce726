package org.hyakuyobako.pipeline;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.hyakuyobako.decode.ArpObserver;
import org.hyakuyobako.decode.DecodedPacket;
import org.hyakuyobako.decode.PacketDecoder;
import org.hyakuyobako.event.Event;
import org.hyakuyobako.event.EveContext;
import org.hyakuyobako.event.FlowEvent;
import org.hyakuyobako.event.StatsEvent;
import org.hyakuyobako.flow.EndReason;
import org.hyakuyobako.flow.Flow;
import org.hyakuyobako.flow.FlowRecord;
import org.hyakuyobako.flow.FlowTable;
import org.hyakuyobako.sink.EventSink;
import org.hyakuyobako.source.CaptureInput;
import org.hyakuyobako.source.InputDiagnostics;
import org.hyakuyobako.source.MergedPacketSource;
import org.hyakuyobako.source.PacketRecord;
import org.hyakuyobako.source.SkipReason;

/**
 * One analysis run, read left to right: merged sources, decoding, flows, per-packet observers
 * (detectors), sinks. The run takes its inputs and sinks as arguments, like a Flink job takes its
 * source and sink, so tests run the same code with their own sinks.
 */
public final class Analysis {
    private static final int PROGRESS_EVERY = 1 << 16;

    private final List<SensorSpec> sensors;
    private final AnalysisOptions options;
    private final List<EventSink> sinks;
    private final List<PacketObserver> observers = new ArrayList<>();
    private final List<FlowObserver> flowObservers = new ArrayList<>();
    private final List<EventObserver> eventObservers = new ArrayList<>();
    private final List<Runnable> atEnd = new ArrayList<>();
    private final List<ArpObserver> arpObservers = new ArrayList<>();
    private final InputDiagnostics diagnostics;
    private final ProgressListener progress;
    private final List<CaptureInput> inputs = new ArrayList<>();
    private final List<CaptureInput> flowFiles = new ArrayList<>();
    private final List<String> fileNames = new ArrayList<>();
    private final List<String> sensorNames = new ArrayList<>();

    public Analysis(List<SensorSpec> sensors, AnalysisOptions options, List<EventSink> sinks,
                    InputDiagnostics diagnostics, ProgressListener progress) {
        this.sensors = List.copyOf(sensors);
        this.options = options;
        this.sinks = List.copyOf(sinks);
        this.diagnostics = diagnostics;
        this.progress = progress;
        int fileId = 0;
        for (int s = 0; s < this.sensors.size(); s++) {
            SensorSpec spec = this.sensors.get(s);
            sensorNames.add(spec.name());
            for (var path : spec.files()) {
                // Firewall logs and flow files (recognised by content) are replayed as flows among the packets.
                if (FlowInputs.isFlowInput(path)) {
                    flowFiles.add(new CaptureInput(path, s, fileId++));
                } else {
                    inputs.add(new CaptureInput(path, s, fileId++));
                }
                fileNames.add(path.toString());
            }
        }
    }

    private LiveFlowInputs live;
    private java.util.function.BooleanSupplier keepListening;

    /**
     * After the files, goes on with records from live listeners (their sensors must be among this
     * run's, with no files) for as long as {@code keepListening} says, then closes them.
     */
    public void addLiveInput(LiveFlowInputs inputs, java.util.function.BooleanSupplier keepListening) {
        this.live = inputs;
        this.keepListening = keepListening;
    }

    /** A stage told of ARP packets, which never become flows (ARP sweeps). */
    public void addArpObserver(ArpObserver observer) {
        arpObservers.add(observer);
    }

    /**
     * Runs when the analysis is over (every stage finished, the summary made) or has failed: a
     * stage hands back what it borrowed for the run (the signature engine's compiled rules, for the
     * next analysis; its thread).
     */
    public void atEnd(Runnable action) {
        atEnd.add(action);
    }

    /** A stage that reads the events (correlation); finished after every packet and flow observer. */
    public void addEventObserver(EventObserver observer) {
        eventObservers.add(observer);
    }

    public void addFlowObserver(FlowObserver observer) {
        flowObservers.add(observer);
    }

    /** Adds a per-packet stage (a detector); call before {@link #run()}. */
    public void addObserver(PacketObserver observer) {
        observers.add(observer);
    }

    /** Names for the ids events carry. */
    public EveContext context() {
        return new EveContext(sensorNames, fileNames);
    }

    /**
     * The names for the ids a run over these sensors will give (sinks need them before the run),
     * and the run's home net, outside which addresses get a country and AS.
     */
    public static EveContext contextFor(List<SensorSpec> sensors, org.hyakuyobako.net.HomeNet homeNet) {
        EveContext names = contextFor(sensors);
        return new EveContext(names.sensorNames(), names.fileNames(), org.hyakuyobako.net.geo.PeerLocator.bundled(homeNet));
    }

    /** As {@link #contextFor(List, org.hyakuyobako.net.HomeNet)} with the private ranges as home net. */
    public static EveContext contextFor(List<SensorSpec> sensors) {
        List<String> sensorNames = new ArrayList<>();
        List<String> fileNames = new ArrayList<>();
        for (SensorSpec s : sensors) {
            sensorNames.add(s.name());
            for (var path : s.files()) {
                fileNames.add(path.toString());
            }
        }
        return new EveContext(sensorNames, fileNames);
    }

    /**
     * Runs to the end of all inputs. Sinks are flushed, not closed. The stages' end actions
     * ({@link #atEnd}) run whether the run completes or fails (a stage's thread stops either way).
     */
    public AnalysisSummary run() throws IOException {
        try {
            return analyse();
        } finally {
            atEnd.forEach(Runnable::run);
        }
    }

    private AnalysisSummary analyse() throws IOException {
        long started = System.nanoTime();
        FlowTable flows = new FlowTable(options.flows());
        // Observers first: they may complete the flow (its app_proto) before its record is written.
        for (FlowObserver o : flowObservers) {
            flows.addListener(o);
        }
        flows.addListener(this::flowEnded);
        PacketDecoder decoder = new PacketDecoder(diagnostics, fileNames, options.verifyChecksums());
        if (!arpObservers.isEmpty()) {
            decoder.setArpObserver((t, sensor, opcode, sender, target) -> {
                for (ArpObserver o : arpObservers) {
                    o.arp(t, sensor, opcode, sender, target);
                }
            });
        }
        DecodedPacket decoded = new DecodedPacket();
        FlowInputs flowInputs = new FlowInputs();
        for (CaptureInput in : flowFiles) {
            flowInputs.read(in.path(), in.sensorId(), in.fileId(), diagnostics);
        }
        flowInputs.sort();
        FlowReplay replay = new FlowReplay(observers, flowObservers, this::emit);
        long[] perSensor = new long[sensors.size()];
        long packets = 0;
        long first = Long.MAX_VALUE;
        long last = Long.MIN_VALUE;
        long totalBytes;
        List<String> usable = new ArrayList<>();
        try (MergedPacketSource source = new MergedPacketSource(inputs, diagnostics)) {
            totalBytes = source.totalBytesOnDisk();
            for (CaptureInput in : source.openedInputs()) {
                usable.add(in.displayName());
            }
            PacketRecord r;
            while ((r = source.next()) != null) {
                packets++;
                perSensor[r.sensorId]++;
                long ts = r.timestampNanos;
                for (FlowRecord rec; (rec = flowInputs.nextUntil(ts)) != null; ) {
                    replay.replay(rec);
                }
                if (ts < first) {
                    first = ts;
                }
                if (ts > last) {
                    last = ts;
                }
                if (decoder.decode(r, decoded)) {
                    Flow f = flows.process(decoded);
                    for (int i = 0; i < observers.size(); i++) {
                        observers.get(i).packet(decoded, f);
                    }
                }
                if ((packets & (PROGRESS_EVERY - 1)) == 0) {
                    progress.progress(source.bytesOnDiskRead(), totalBytes, packets);
                }
            }
            progress.progress(totalBytes, totalBytes, packets);
            for (FlowRecord rec; (rec = flowInputs.nextUntil(Long.MAX_VALUE)) != null; ) {
                replay.replay(rec);
            }
        } catch (UncheckedIOException e) {
            throw e.getCause();
        }
        long liveFirst = Long.MAX_VALUE;
        long liveLast = Long.MIN_VALUE;
        if (live != null) {
            // Live records come in the order the devices send them (a connection when it ends):
            // replayed as they arrive, the detectors' windows tolerate the disorder of a few seconds.
            try {
                while (keepListening.getAsBoolean()) {
                    FlowRecord rec = live.poll(200);
                    if (rec != null) {
                        replay.replay(rec);
                        liveFirst = Math.min(liveFirst, rec.startNanos());
                        liveLast = Math.max(liveLast, rec.endNanos());
                    }
                }
                live.close();
                for (FlowRecord rec; (rec = live.poll(0)) != null; ) {
                    replay.replay(rec);
                    liveFirst = Math.min(liveFirst, rec.startNanos());
                    liveLast = Math.max(liveLast, rec.endNanos());
                }
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                live.close();
            }
            for (SensorSpec s : sensors) {
                if (s.files().isEmpty()) {
                    usable.add(s.name());
                }
            }
        }
        first = Math.min(first, liveFirst);
        last = Math.max(last, liveLast);
        for (CaptureInput in : flowFiles) {
            usable.add(in.displayName());
        }
        if (!flowInputs.isEmpty()) {
            first = Math.min(first, flowInputs.firstStart());
            last = Math.max(last, flowInputs.lastEnd());
        }
        decoder.fragments().finish();
        diagnostics.count(SkipReason.FRAGMENT_DROPPED, decoder.fragments().fragmentsDropped());
        flows.flushAll();
        // A detector may watch both packets and flows: it finishes once.
        java.util.Set<Object> finished = java.util.Collections.newSetFromMap(new java.util.IdentityHashMap<>());
        for (PacketObserver o : observers) {
            if (finished.add(o)) {
                o.finish();
            }
        }
        for (FlowObserver o : flowObservers) {
            if (finished.add(o)) {
                o.finish();
            }
        }
        for (EventObserver o : eventObservers) {
            o.finish();
        }
        diagnostics.count(SkipReason.FLOW_EVICTED, flows.flowsEvicted());
        Map<String, Long> detectorCounters = new LinkedHashMap<>();
        for (PacketObserver o : observers) {
            detectorCounters.putAll(o.counters());
        }
        for (FlowObserver o : flowObservers) {
            detectorCounters.putAll(o.counters());
        }
        for (EventObserver o : eventObservers) {
            detectorCounters.putAll(o.counters());
        }
        detectorCounters.putAll(flowInputs.counters());
        detectorCounters.put("flow_inputs.replayed", replay.replayed());
        if (live != null) {
            detectorCounters.putAll(live.counters());
        }
        long elapsed = System.nanoTime() - started;
        long listeners = live == null ? 0 : sensors.stream().filter(x -> x.files().isEmpty()).count();
        AnalysisSummary summary = new AnalysisSummary(usable, inputs.size() + flowFiles.size() + (int) listeners, packets, totalBytes,
                decoder.ipPackets(), flows.flowsEnded() + replay.replayed(), flows.flowsEvicted(), perSensor,
                first == Long.MAX_VALUE ? 0 : first, last == Long.MIN_VALUE ? 0 : last, elapsed,
                diagnostics.nonZero(), decoder.fragments().datagramsReassembled(), decoder.fragments().overlaps(),
                detectorCounters);
        emit(statsEvent(summary));
        for (EventSink s : sinks) {
            s.endOfBatch();
        }
        return summary;
    }

    private void flowEnded(Flow flow, EndReason reason) {
        emit(new FlowEvent(FlowRecord.of(flow, reason)));
    }

    /** Sends an event to every sink. Detectors call this through their emitter. */
    public void emit(Event event) {
        try {
            for (EventSink s : sinks) {
                s.accept(event);
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        for (int i = 0; i < eventObservers.size(); i++) {
            eventObservers.get(i).accept(event);
        }
    }

    private static StatsEvent statsEvent(AnalysisSummary s) {
        Map<String, Long> counters = new LinkedHashMap<>();
        counters.put("capture.files", (long) s.usableInputs().size());
        counters.put("capture.packets", s.packets());
        counters.put("capture.bytes_on_disk", s.bytesOnDisk());
        counters.put("decoder.ipv4_ipv6", s.ipPackets());
        counters.put("decoder.fragments_reassembled", s.fragmentsReassembled());
        counters.put("decoder.fragment_overlaps", s.fragmentOverlaps());
        counters.put("flow.records", s.flows());
        counters.put("flow.evicted", s.flowsEvicted());
        for (Map.Entry<SkipReason, Long> e : s.skipped().entrySet()) {
            counters.put("skipped." + e.getKey().key(), e.getValue());
        }
        counters.putAll(s.detectorCounters());
        return new StatsEvent(s.lastPacketNanos(), counters);
    }
}
