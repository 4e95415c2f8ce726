package org.hyakuyobako.simulate;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.hyakuyobako.event.FlowEvent;
import org.hyakuyobako.event.StatsEvent;
import org.hyakuyobako.flow.FlowRecord;
import org.hyakuyobako.testing.EventCollector;
import org.hyakuyobako.testing.SimulatedCaptures;

/** A campaign scenario's captures analysed as {@code analyze} would, for the tests to check against its ground truth. */
final class CampaignCaptures {
    final GroundTruth truth;
    final List<FlowRecord> flows;
    final Map<String, Long> counters;

    private CampaignCaptures(GroundTruth truth, List<FlowRecord> flows, Map<String, Long> counters) {
        this.truth = truth;
        this.flows = flows;
        this.counters = counters;
    }

    /** Writes the scenario into {@code dir} and analyses it (flows only, no detectors). */
    static CampaignCaptures of(CampaignScenario.Spec spec, Path dir) throws IOException {
        GroundTruth truth = new CampaignScenario(spec).write(dir);
        EventCollector events = SimulatedCaptures.analyse(dir, (a, o) -> { });
        List<FlowRecord> flows = events.of(FlowEvent.class).stream().map(FlowEvent::flow).toList();
        return new CampaignCaptures(truth, flows, events.of(StatsEvent.class).get(0).counters());
    }

    /** Whether any capture in {@code dir} holds these bytes (ASCII). */
    static boolean anyCaptureContains(Path dir, String text) throws IOException {
        byte[] needle = text.getBytes(StandardCharsets.ISO_8859_1);
        try (Stream<Path> files = Files.list(dir)) {
            for (Path f : files.filter(p -> p.toString().endsWith(".pcap")).toList()) {
                if (indexOf(Files.readAllBytes(f), needle) >= 0) {
                    return true;
                }
            }
        }
        return false;
    }

    private static int indexOf(byte[] hay, byte[] needle) {
        outer:
        for (int i = 0; i + needle.length <= hay.length; i++) {
            for (int j = 0; j < needle.length; j++) {
                if (hay[i + j] != needle[j]) {
                    continue outer;
                }
            }
            return i;
        }
        return -1;
    }

    /** Flows a host opened to this server and port. */
    Stream<FlowRecord> from(String host, String server, int port) {
        return flows.stream().filter(f -> f.srcIp().equals(host) && f.destIp().equals(server) && f.destPort() == port);
    }

    /** Flows a host opened. */
    Stream<FlowRecord> from(String host) {
        return flows.stream().filter(f -> f.srcIp().equals(host));
    }
}
