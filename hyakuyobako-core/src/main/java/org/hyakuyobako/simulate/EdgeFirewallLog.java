package org.hyakuyobako.simulate;

import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.hyakuyobako.net.HomeNet;
import org.hyakuyobako.pipeline.Analysis;
import org.hyakuyobako.pipeline.AnalysisOptions;
import org.hyakuyobako.pipeline.ProgressListener;
import org.hyakuyobako.pipeline.SensorSpec;
import org.hyakuyobako.sink.AsaSyslogSink;
import org.hyakuyobako.sink.EventSink;
import org.hyakuyobako.source.InputDiagnostics;

/**
 * The Cisco ASA log the intranet's edge firewall would have written over the same time as the tap's
 * capture: the capture is analysed into flows by the real pipeline and each flow rendered by
 * {@link AsaSyslogSink#edgeFirewall} with the scenario's NAT (inside hosts behind one PAT address,
 * the mail relay statically mapped). The generator computes no flows of its own.
 */
public final class EdgeFirewallLog {
    /** The device name in each line. */
    public static final String DEVICE = "edge-fw";

    private EdgeFirewallLog() {
    }

    /** The translation the scenario's firewall does, from its ground truth. */
    public static AsaSyslogSink.Nat nat(GroundTruth truth) {
        if (truth.firewallPublicIp == null) {
            throw new IllegalArgumentException("scenario " + truth.scenario + " has no edge firewall (only the intranet has)");
        }
        return new AsaSyslogSink.Nat(truth.firewallPublicIp, truth.staticNat, truth.seed);
    }

    /** The scenario's inside networks. */
    public static HomeNet homeNet(GroundTruth truth) {
        return HomeNet.parse(String.join(",", truth.homeNetworks));
    }

    /**
     * Writes the log of {@code capture} (the scenario's tap.pcap) to {@code log}; {@code more}
     * sinks see the same flows (a test's collector). Returns the sink, closed, for its counts.
     */
    public static AsaSyslogSink write(Path capture, Path log, GroundTruth truth, List<EventSink> more) throws IOException {
        AsaSyslogSink asa = AsaSyslogSink.edgeFirewall(log, homeNet(truth), DEVICE, nat(truth));
        List<EventSink> sinks = new ArrayList<>(more);
        sinks.add(asa);
        AnalysisOptions options = AnalysisOptions.defaults().withHomeNet(homeNet(truth));
        new Analysis(List.of(new SensorSpec("tap", List.of(capture))), options, sinks, InputDiagnostics.silent(), ProgressListener.NONE)
                .run();
        asa.close();
        return asa;
    }
}
