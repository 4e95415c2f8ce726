package org.hyakuyobako.detect.sync;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.util.ArrayList;
import java.util.List;
import org.hyakuyobako.event.CncEvent;
import org.hyakuyobako.event.EvidenceEvent;
import org.hyakuyobako.event.SyncEvent;
import org.hyakuyobako.net.HomeNet;
import org.hyakuyobako.pipeline.Analysis;
import org.hyakuyobako.pipeline.AnalysisOptions;
import org.hyakuyobako.pipeline.ProgressListener;
import org.hyakuyobako.pipeline.SensorSpec;
import org.hyakuyobako.source.InputDiagnostics;
import org.hyakuyobako.testing.Corpus;
import org.hyakuyobako.testing.EventCollector;
import org.junit.jupiter.api.Test;

/**
 * Real captures of the corpus, each as a sensor of its own and all merged on packet time: they
 * hold scans, spam and malware from single hosts, but no botnet whose bots act in step, so the
 * detector must report synchronized packets where they exist and never a C&C or a group.
 */
class SyncOnCorpusTest {
    private static final String[] CAPTURES = {
        "ndpi/emotet.pcap", "ndpi/malware.pcap", "ndpi/synscan.pcap", "ndpi/smtp.pcap", "ndpi/exe_download.pcap",
        "ndpi/http_connect.pcap", "ndpi/bad-dns-traffic.pcap", "ndpi/tcp_scan.pcapng", "zeek/irc-353.pcap",
        "zeek/irc-starttls.pcap", "zeek/http-connect-with-smtp.pcap", "zeek/contentline-irc-5k-line.pcap"
    };

    @Test
    void realCapturesMergedAsSensorsGiveNoCnc() throws IOException {
        List<SensorSpec> sensors = new ArrayList<>();
        for (String c : CAPTURES) {
            sensors.add(new SensorSpec(c, List.of(Corpus.file(c))));
        }
        EventCollector out = new EventCollector();
        HomeNet net = HomeNet.privateRanges();
        Analysis analysis = new Analysis(sensors, AnalysisOptions.defaults().withHomeNet(net), List.of(out),
                InputDiagnostics.silent(), ProgressListener.NONE);
        SyncDetector sync = new SyncDetector(SyncConfig.defaults(List.of(1.0, 10.0)), net, analysis::emit);
        analysis.addObserver(sync);
        analysis.addFlowObserver(sync);
        analysis.run();
        assertEquals(List.of(), out.of(CncEvent.class));
        assertEquals(List.of(), out.of(EvidenceEvent.class));
        // synscan.pcap's scanner sweeps many hosts of one network: packets to one external node
        // from two monitored hosts within a second do occur in the corpus.
        for (SyncEvent e : out.of(SyncEvent.class)) {
            assertTrue(e.hosts().size() >= 2);
        }
    }
}
