package org.hyakuyobako.correlate;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Path;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;
import java.util.stream.Collectors;
import org.hyakuyobako.detect.Detectors;
import org.hyakuyobako.event.Endpoints;
import org.hyakuyobako.event.VerdictEvent;
import org.hyakuyobako.simulate.GroundTruth;
import org.hyakuyobako.simulate.Scenario;
import org.hyakuyobako.testing.Corpus;
import org.hyakuyobako.testing.EventCollector;
import org.hyakuyobako.testing.Pipelines;
import org.hyakuyobako.testing.SimulatedCaptures;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Verdicts end to end: every detector and the correlation over simulated scenarios (precision,
 * recall and C&C recall printed and held to a floor) and over the benign corpus captures (no verdict).
 */
class VerdictEndToEndTest {
    @TempDir
    Path dir;

    private static List<VerdictEvent> verdicts(EventCollector out) {
        return out.of(VerdictEvent.class);
    }

    @Test
    void simulatedScenariosPrecisionRecallAndCnc() throws IOException {
        int tp = 0;
        int fp = 0;
        int fn = 0;
        int cncFound = 0;
        int cncTotal = 0;
        List<Scenario.Spec> specs = List.of(Scenario.Spec.intranet(11), Scenario.Spec.intranet(12), Scenario.Spec.intranet(13),
                Scenario.Spec.honeypot(11), Scenario.Spec.honeypot(12));
        for (Scenario.Spec spec : specs) {
            Path run = dir.resolve(spec.kind() + "-" + spec.seed());
            GroundTruth truth = new Scenario(spec).write(run);
            EventCollector out = SimulatedCaptures.analyse(run, (analysis, options) -> {
                Detectors.addDefaults(analysis, options);
                Correlator.attach(analysis, CorrelationConfig.defaults());
            });
            Set<String> infected = verdicts(out).stream().filter(v -> v.verdict().equals("infected")).map(VerdictEvent::host)
                    .collect(Collectors.toCollection(TreeSet::new));
            Set<String> cnc = verdicts(out).stream().filter(v -> v.verdict().equals("infected")).flatMap(v -> v.cnc().stream())
                    .map(Endpoints::address).collect(Collectors.toSet());
            Set<String> bots = truth.infected();
            int t = (int) infected.stream().filter(bots::contains).count();
            tp += t;
            fp += infected.size() - t;
            fn += bots.size() - t;
            for (GroundTruth.Botnet b : truth.botnets) {
                cncTotal++;
                if (cnc.contains(b.cncIp())) {
                    cncFound++;
                }
            }
        }
        double precision = tp / (double) Math.max(1, tp + fp);
        double recall = tp / (double) Math.max(1, tp + fn);
        System.out.printf("verdicts over %d simulated scenarios: precision %.3f, recall %.3f, C&C recall %d/%d%n",
                specs.size(), precision, recall, cncFound, cncTotal);
        assertTrue(precision >= 0.95, "precision " + precision);
        assertTrue(recall >= 0.9, "recall " + recall);
        assertTrue(cncFound >= 0.9 * cncTotal, "C&C recall " + cncFound + "/" + cncTotal);
    }

    /** Captures of malicious activity: the host behind it is judged, at least suspicious, for the right reason. */
    @org.junit.jupiter.params.ParameterizedTest
    @org.junit.jupiter.params.provider.CsvSource({
        "ndpi/synscan.pcap, 172.16.0.8, scan",
        "ndpi/tcp_scan.pcapng, 192.168.1.178, scan",
        "ppa/portscan.pcap, 10.100.25.14, scan",
        "slips/test12-icmp-portscan.pcap, 192.168.1.109, scan",
        "slips/test8-malicious-arpscan.pcap, 192.168.1.247, scan",
        "zeek/nmap-vsn.pcap, 192.168.1.71, scan",
        "ndpi/emotet.pcap, 10.2.25.102, spam",
        "ndpi/emotet.pcap, 10.4.25.101, download",
        "ndpi/exe_download.pcap, 10.9.25.101, download",
        "ndpi/bad-dns-traffic.pcap, 192.168.43.91, dns"
    })
    void maliciousCorpusCapturesNameTheirHost(String capture, String host, String method) throws IOException {
        EventCollector out = Pipelines.run(List.of(Corpus.file(capture)), a -> {
            Detectors.addDefaults(a, Pipelines.options());
            Correlator.attach(a, CorrelationConfig.defaults());
        });
        VerdictEvent v = verdicts(out).stream().filter(x -> x.host().equals(host)).findFirst()
                .orElseThrow(() -> new AssertionError(capture + ": no verdict for " + host + " in " + verdicts(out)));
        assertTrue(v.methods().containsKey(method), v.toString());
        assertTrue(v.score() >= CorrelationConfig.defaults().suspicious(), v.toString());
    }

    /**
     * nDPI's emotet.pcap: the spam bot (one malspam mail: a looked-up public HELO, a macro workbook
     * declared as a plain one, a clear-text login) and the host that fetched the DLL and then talks
     * TLS to a kit-certificate server by address are both judged infected, that server its C&C.
     */
    @Test
    void emotetsSpamBotAndLoaderAreInfected() throws IOException {
        EventCollector out = Pipelines.run(List.of(Corpus.file("ndpi/emotet.pcap")), a -> {
            Detectors.addDefaults(a, Pipelines.options());
            Correlator.attach(a, CorrelationConfig.defaults());
        });
        java.util.Map<String, VerdictEvent> byHost = new java.util.HashMap<>();
        verdicts(out).forEach(v -> byHost.put(v.host(), v));
        assertEquals("infected", byHost.get("10.2.25.102").verdict(), byHost.toString());
        assertEquals("infected", byHost.get("10.4.25.101").verdict(), byHost.toString());
        assertTrue(byHost.get("10.4.25.101").cnc().contains("138.197.147.101:443"), byHost.get("10.4.25.101").toString());
        assertEquals(2, byHost.size(), "no one else: " + byHost.keySet());
    }

    /** Captures of benign activity, benign IRC on odd ports and a periodic but harmless poller: no verdict at all. */
    @Test
    void benignCorpusCapturesGiveNoVerdict() throws IOException {
        for (String capture : List.of("arkime/irc.pcap", "arkime/irc-cap-req.pcap", "zeek/irc-353.pcap", "zeek/irc-starttls.pcap",
                "zeek/contentline-irc-5k-line.pcap", "zeek/http-on-irc-port-missing-syn.pcapng", "ndpi/smtp.pcap",
                "ppa/dns_query_nonexistent.pcapng", "slips/test-cc-capture-1.pcap")) {
            EventCollector out = Pipelines.run(List.of(Corpus.file(capture)), a -> {
                Detectors.addDefaults(a, Pipelines.options());
                Correlator.attach(a, CorrelationConfig.defaults());
            });
            assertEquals(List.of(), verdicts(out), capture);
        }
    }
}
