package org.hyakuyobako.correlate;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
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
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

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

    /**
     * Each scenario on its own (a pooled figure let one scenario's C&C go missing behind the others):
     * exactly the scenario's bots judged infected, and every botnet's C&C named.
     *
     * <p>Mutations this test catches (tried in Correlator, failed, restored): verdicts of hosts ending
     * in 5 removed (one bot per intranet scenario); every verdict's C&C list emptied.
     */
    @ParameterizedTest(name = "{0}")
    @MethodSource("scenarios")
    void simulatedScenarioPrecisionRecallAndCnc(Scenario.Spec spec) throws IOException {
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
        Set<String> falseAlarms = new TreeSet<>(infected);
        falseAlarms.removeAll(bots);
        Set<String> missed = new TreeSet<>(bots);
        missed.removeAll(infected);
        List<String> cncMissed = truth.botnets.stream().map(GroundTruth.Botnet::cncIp).filter(ip -> !cnc.contains(ip)).toList();
        System.out.printf("%s-%d: %d bots, %d judged infected, false alarms %s, missed %s, C&C missed %s%n", spec.kind(), spec.seed(),
                bots.size(), infected.size(), falseAlarms, missed, cncMissed);
        assertTrue(bots.size() > 0, "the scenario has bots");
        assertEquals(Set.of(), falseAlarms, "no benign host judged infected");
        assertEquals(Set.of(), missed, "every bot judged infected");
        assertEquals(List.of(), cncMissed, "every botnet's C&C named");
    }

    static List<Scenario.Spec> scenarios() {
        return List.of(Scenario.Spec.intranet(11), Scenario.Spec.intranet(12), Scenario.Spec.intranet(13),
                Scenario.Spec.honeypot(11), Scenario.Spec.honeypot(12));
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
     * nDPI's emotet.pcap, whose README names four infected hosts. The spam bot (one malspam mail: a
     * looked-up public HELO, a macro workbook declared as a plain one, a clear-text login) and the
     * host that fetched the DLL and then talks TLS to a kit-certificate server by address are judged
     * infected, that server its C&C. The other two infected hosts are not found yet: a known gap,
     * printed, never asserted as "no verdict" (finding them is right). Any verdict on a host the
     * README does not name infected fails.
     *
     * <p>Mutations this test catches (tried in Correlator, failed, restored): the loader's verdict
     * removed (an infected corpus host skipped); every verdict's C&C list emptied.
     */
    @Test
    void emotetsSpamBotAndLoaderAreInfected() throws IOException {
        EventCollector out = Pipelines.run(List.of(Corpus.file("ndpi/emotet.pcap")), a -> {
            Detectors.addDefaults(a, Pipelines.options());
            Correlator.attach(a, CorrelationConfig.defaults());
        });
        Map<String, VerdictEvent> byHost = new HashMap<>();
        verdicts(out).forEach(v -> byHost.put(v.host(), v));
        assertEquals("infected", byHost.get("10.2.25.102") == null ? null : byHost.get("10.2.25.102").verdict(), byHost.toString());
        assertEquals("infected", byHost.get("10.4.25.101") == null ? null : byHost.get("10.4.25.101").verdict(), byHost.toString());
        assertTrue(byHost.get("10.4.25.101").cnc().contains("138.197.147.101:443"), byHost.get("10.4.25.101").toString());
        Set<String> notInfected = new TreeSet<>(byHost.keySet());
        notInfected.removeAll(EMOTET_INFECTED);
        assertEquals(Set.of(), notInfected, "verdicts only on the hosts the corpus README names infected");
        Set<String> gap = new TreeSet<>(EMOTET_INFECTED);
        gap.removeAll(byHost.keySet());
        System.out.println("emotet.pcap: infected hosts judged " + new TreeSet<>(byHost.keySet()) + "; known gap (README infected, no verdict yet): "
                + gap);
    }

    /** The infected hosts of emotet.pcap, from ../shared/corpus/README.md. */
    private static final Set<String> EMOTET_INFECTED = Set.of("10.2.25.102", "10.3.29.101", "10.4.25.101", "10.4.20.102");

    /** Captures of benign activity, benign IRC on odd ports and a periodic but harmless poller: no verdict at all. */
    @Test
    void benignCorpusCapturesGiveNoVerdict() throws IOException {
        for (String capture : List.of("arkime/irc.pcap", "arkime/irc-cap-req.pcap", "zeek/irc-353.pcap", "zeek/irc-starttls.pcap",
                "zeek/contentline-irc-5k-line.pcap", "zeek/http-on-irc-port-missing-syn.pcapng", "ndpi/smtp.pcap",
                "ppa/dns_query_nonexistent.pcapng", "slips/test-cc-capture-1.pcap", "ppa/mail_sender_client_1.pcapng")) {
            EventCollector out = Pipelines.run(List.of(Corpus.file(capture)), a -> {
                Detectors.addDefaults(a, Pipelines.options());
                Correlator.attach(a, CorrelationConfig.defaults());
            });
            assertEquals(List.of(), verdicts(out), capture);
        }
    }

    /**
     * Slips' SSH brute force: nmap's ssh-brute tries 40 passwords for one user against
     * 147.32.80.37 on 902/TCP (README beside the capture). Every connection is the attacker's to
     * that port, and at least 40 exchanged data both ways (the login attempts). The victim gets no
     * verdict. We have no brute-force method yet: a verdict on the attacker is not required, and its
     * absence is printed as a known gap (asserting "none" would forbid finding it).
     */
    @Test
    void sshBruteForceConnectionsAndNoVerdictOnTheVictim() throws IOException {
        EventCollector out = Pipelines.run(List.of(Corpus.file("slips/malicious-ssh-bruteforce.pcap")), a -> {
            Detectors.addDefaults(a, Pipelines.options());
            Correlator.attach(a, CorrelationConfig.defaults());
        });
        List<org.hyakuyobako.flow.FlowRecord> flows = out.of(org.hyakuyobako.event.FlowEvent.class).stream()
                .map(org.hyakuyobako.event.FlowEvent::flow).toList();
        assertTrue(flows.size() >= 40, "connections: " + flows.size());
        assertTrue(flows.stream().allMatch(f -> f.srcIp().equals("147.32.80.40") && f.destIp().equals("147.32.80.37")
                && f.destPort() == 902), "only the attacker's connections to 902");
        long attempts = flows.stream().filter(f -> f.history() != null && f.history().contains("D") && f.history().contains("d")).count();
        assertTrue(attempts >= 40, "connections with data both ways (login attempts): " + attempts);
        assertTrue(verdicts(out).stream().noneMatch(v -> v.host().equals("147.32.80.37")), "no verdict on the victim");
        if (verdicts(out).stream().noneMatch(v -> v.host().equals("147.32.80.40"))) {
            System.out.println("malicious-ssh-bruteforce.pcap: known gap: no verdict on the brute-forcing host 147.32.80.40");
        }
    }
}
