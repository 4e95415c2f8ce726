package org.hyakuyobako.flow;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.util.List;
import java.util.Map;
import java.util.TreeSet;
import java.util.stream.Collectors;
import org.hyakuyobako.correlate.CorrelationConfig;
import org.hyakuyobako.correlate.Correlator;
import org.hyakuyobako.detect.Detectors;
import org.hyakuyobako.event.FlowEvent;
import org.hyakuyobako.event.VerdictEvent;
import org.hyakuyobako.testing.Corpus;
import org.hyakuyobako.testing.EventCollector;
import org.hyakuyobako.testing.Pipelines;
import org.hyakuyobako.testing.ZeekLog;
import org.junit.jupiter.api.Test;

/**
 * Zeek's vnc-scanner trace and its rfb.log: a scanner opens one VNC session to 10.0.0.149:5900 and
 * gets as far as the version exchange (003.008 both ways) and VNC authentication, which fails. We
 * read no RFB, so the comparison is of the connection: exactly the connections rfb.log lists, each
 * answered and with data both ways (the handshake). One probe of one server is no scan and the
 * probed server is the victim: no verdict for anyone. The RFB fields (versions, authentication)
 * are printed as not compared.
 */
class ZeekRfbLogAgreementTest {
    @Test
    void vncScannerConnectionAgreesWithRfbLog() throws IOException {
        EventCollector out = Pipelines.run(List.of(Corpus.file("zeek/vnc-scanner.pcap")), a -> {
            Detectors.addDefaults(a, Pipelines.options());
            Correlator.attach(a, CorrelationConfig.defaults());
        });
        ZeekLog rfb = ZeekLog.read(Corpus.file("zeek/vnc-scanner.rfb.log"));
        List<FlowRecord> flows = out.of(FlowEvent.class).stream().map(FlowEvent::flow).toList();
        TreeSet<String> expected = rfb.rows().stream().map(r -> r.get("id.orig_h") + ":" + r.get("id.orig_p") + " > " + r.get("id.resp_h")
                + ":" + r.get("id.resp_p")).collect(Collectors.toCollection(TreeSet::new));
        TreeSet<String> ours = flows.stream().map(f -> f.srcIp() + ":" + f.srcPort() + " > " + f.destIp() + ":" + f.destPort())
                .collect(Collectors.toCollection(TreeSet::new));
        assertEquals(expected, ours, "the connections rfb.log lists, oriented as Zeek orients them");
        for (FlowRecord f : flows) {
            assertTrue(f.history().startsWith("ShA") && f.history().contains("D") && f.history().contains("d"),
                    "handshake and data both ways: " + f.history());
        }
        assertEquals(List.of(), out.of(VerdictEvent.class), "one probe of one server: no verdict");
        for (Map<String, String> r : rfb.rows()) {
            System.out.printf("rfb.log fields not compared (no RFB parser): client %s.%s, server %s.%s, auth %s %s%n",
                    r.get("client_major_version"), r.get("client_minor_version"), r.get("server_major_version"),
                    r.get("server_minor_version"), r.get("authentication_method"), r.get("auth"));
        }
    }
}
