package org.hyakuyobako.pipeline;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.io.OutputStream;
import java.nio.ByteOrder;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;
import org.hyakuyobako.detect.Detectors;
import org.hyakuyobako.detect.blacklist.BlacklistLoader;
import org.hyakuyobako.detect.blacklist.Blacklists;
import org.hyakuyobako.event.EvidenceEvent;
import org.hyakuyobako.generate.FrameBuilder;
import org.hyakuyobako.generate.PcapWriter;
import org.hyakuyobako.net.HomeNet;
import org.hyakuyobako.simulate.CampaignScenario;
import org.hyakuyobako.simulate.GroundTruth;
import org.hyakuyobako.source.InputDiagnostics;
import org.hyakuyobako.testing.Captures;
import org.hyakuyobako.testing.Corpus;
import org.hyakuyobako.testing.EventCollector;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * The default home net: each sensor's own public hosts chosen by role, never the peer of a
 * two-party capture. Mutations caught: choosing by share of packets (the IRC server of a two-party
 * capture becomes monitored and the DROP list test fails), not subtracting chosen honeypots from
 * the sources (the C&C of a merged capture is chosen).
 */
class HomeNetInferenceTest {
    static final long S = 1_000_000_000L;

    @TempDir
    Path dir;

    private static SensorAddressProbe.Inference infer(Path... files) {
        List<SensorSpec> sensors = new ArrayList<>();
        for (Path f : files) {
            sensors.add(new SensorSpec(f.getFileName().toString(), List.of(f)));
        }
        return SensorAddressProbe.infer(HomeNet.privateRanges(), sensors);
    }

    /** Two-party IRC captures: the private host stays the monitored host, the server is its peer. */
    @ParameterizedTest
    @ValueSource(strings = {"arkime/irc.pcap", "arkime/irc-cap-req.pcap"})
    void aTwoPartyCaptureKeepsThePrivateHost(String capture) {
        SensorAddressProbe.Inference i = infer(Corpus.file(capture));
        assertEquals(HomeNet.privateRanges().toString(), i.homeNet().toString(), i.toString());
        assertEquals(List.of(), i.added());
    }

    /** A DROP list naming the IRC server gives blacklist evidence against the private host with the default home net. */
    @Test
    void aDropListNamingTheIrcServerIsEvidence() throws IOException {
        Path capture = Corpus.file("arkime/irc.pcap");
        Path drop = dir.resolve("DROP.txt");
        Files.writeString(drop, "; Spamhaus DROP List\n38.229.70.0/24 ; SBL999\n");
        Blacklists lists = new Blacklists();
        new BlacklistLoader(lists, w -> { }).load(drop);
        SensorAddressProbe.Inference i = infer(capture);
        List<SensorSpec> sensors = List.of(new SensorSpec("irc", List.of(capture)));
        AnalysisOptions options = AnalysisOptions.defaults().withHomeNet(i.homeNet());
        EventCollector out = new EventCollector();
        Analysis analysis = new Analysis(sensors, options, List.of(out), InputDiagnostics.silent(), ProgressListener.NONE);
        Detectors.addDefaults(analysis, options, lists);
        analysis.run();
        List<EvidenceEvent> blacklist = out.of(EvidenceEvent.class).stream().filter(e -> e.method().equals("blacklist")).toList();
        assertFalse(blacklist.isEmpty(), "blacklist evidence expected");
        assertTrue(blacklist.stream().allMatch(e -> e.host().equals("10.180.156.249") && e.peer().startsWith("38.229.70.20")),
                blacklist.toString());
    }

    /** Honeypots receive connections from many sources: each is taken, with the reason. */
    @Test
    void honeypotsAreTakenForTheConnectionsTheyReceive() {
        SensorAddressProbe.Inference i = infer(Path.of("../examples/honeypot-a.pcap"), Path.of("../examples/honeypot-b.pcapng"));
        assertEquals(List.of("203.0.113.10", "198.51.100.20"), i.added().stream().map(SensorAddressProbe.Inferred::address).toList());
        assertTrue(i.added().get(0).reason().startsWith("receives connections opened by"), i.added().toString());
        assertEquals(List.of(), i.warnings());
    }

    /**
     * Several honeypots in one merged capture, their bots connecting to a C&C they share: every
     * honeypot is taken, the C&C (whose connections the honeypots opened) never.
     */
    @ParameterizedTest
    @ValueSource(longs = {2, 4, 6})
    void everyHoneypotOfAMergedCaptureAndNoCnc(long seed) throws IOException {
        Path run = dir.resolve("merged-" + seed);
        GroundTruth truth = new CampaignScenario(CampaignScenario.Spec.honeypot(seed).withMergedHoneypots(true)).write(run);
        SensorAddressProbe.Inference i = infer(run.resolve("honeypots.pcap"));
        Set<String> added = new TreeSet<>(i.added().stream().map(SensorAddressProbe.Inferred::address).toList());
        assertEquals(new TreeSet<>(truth.hosts), added, i.toString());
        for (GroundTruth.Botnet b : truth.botnets) {
            assertFalse(added.contains(b.cncIp()), b.cncIp());
        }
    }

    /**
     * A public client and a public server, each in every packet: the one that opens the
     * connections is taken (a bot opens its C&C channel), with a warning that it was a guess.
     */
    @Test
    void aPublicTwoPartyCaptureTakesTheOpenerAndWarns() throws IOException {
        Path file = dir.resolve("two.pcap");
        int client = Captures.ip("198.51.100.7");
        int server = Captures.ip("203.0.113.9");
        FrameBuilder f = new FrameBuilder();
        try (OutputStream os = Files.newOutputStream(file);
             PcapWriter w = new PcapWriter(os, 1, ByteOrder.LITTLE_ENDIAN, false, 65_535, false)) {
            for (int c = 0; c < 3; c++) {
                long t = (1_700_000_000L + c * 60) * S;
                int port = 40_000 + c;
                int n = f.tcp4(client, server, port, 6667, 1, 0, FrameBuilder.SYN, 1024, null, 0);
                w.write(t, f.frame(), n, n);
                n = f.tcp4(server, client, 6667, port, 1, 2, FrameBuilder.SYN | FrameBuilder.ACK, 1024, null, 0);
                w.write(t + S / 10, f.frame(), n, n);
                n = f.tcp4(client, server, port, 6667, 2, 2, FrameBuilder.ACK, 1024, null, 0);
                w.write(t + S / 5, f.frame(), n, n);
            }
        }
        SensorAddressProbe.Inference i = infer(file);
        assertEquals(List.of("198.51.100.7"), i.added().stream().map(SensorAddressProbe.Inferred::address).toList());
        assertEquals(1, i.warnings().size(), i.warnings().toString());
        assertTrue(i.warnings().get(0).contains("203.0.113.9"), i.warnings().toString());
    }
}
