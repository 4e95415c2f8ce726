package org.hyakuyobako.sink;

import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.SplittableRandom;
import org.hyakuyobako.decode.IpAddresses;
import org.hyakuyobako.decode.IpProtocol;
import org.hyakuyobako.event.EveContext;
import org.hyakuyobako.event.FlowEvent;
import org.hyakuyobako.flow.FlowRecord;
import org.hyakuyobako.net.HomeNet;
import org.hyakuyobako.net.geo.PeerLocator;
import org.junit.jupiter.api.Test;

/**
 * What the country and AS cost per flow on the eve.json writer, the stage that pays for them:
 * the same flows (honeypot-like: a random outside source probing an inside address) written with
 * the lookups and with a home net that covers everything (no lookups), rounds interleaved, medians
 * compared. Printed for docs/performance.md; the bound only catches a lookup gone badly wrong,
 * since these machines are shared and noisy.
 */
class FlowLocationCostTest {
    private static final int FLOWS = 200_000;
    private static final int ROUNDS = 7;

    private static List<FlowEvent> flows() {
        SplittableRandom r = new SplittableRandom(27);
        List<FlowEvent> list = new ArrayList<>(FLOWS);
        for (int i = 0; i < FLOWS; i++) {
            long src = IpAddresses.v4Lo(r.nextInt());
            long dest = IpAddresses.v4Lo(0x0A00_0000 | r.nextInt(1 << 16));
            list.add(new FlowEvent(new FlowRecord(i, 0, IpProtocol.TCP, 1024 + r.nextInt(60000), 445, 1_600_000_000_000_000_000L + i,
                    1_600_000_000_000_000_000L + i, 0, 1, 1, 60, 54, 40, 40, 0, 0, "REJ", "Sr", 0x02, 0x14, "closed", "timeout", null,
                    0, 0, 0, src, 0, dest)));
        }
        return list;
    }

    private static long writeNanos(List<FlowEvent> flows, EveContext context, OutputStream out) throws IOException {
        long start = System.nanoTime();
        try (EveJsonSink sink = new EveJsonSink(out, context)) {
            for (FlowEvent f : flows) {
                sink.accept(f);
            }
        }
        return System.nanoTime() - start;
    }

    @Test
    void locationsCostLittlePerFlow() throws IOException {
        List<FlowEvent> flows = flows();
        EveContext located = new EveContext(List.of("s"), List.of(), PeerLocator.bundled(HomeNet.privateRanges()));
        EveContext notLocated = new EveContext(List.of("s"), List.of(), PeerLocator.bundled(HomeNet.parse("0.0.0.0/0,::/0")));
        ByteArrayOutputStream sample = new ByteArrayOutputStream();
        writeNanos(flows.subList(0, 100), located, sample);
        assertTrue(sample.toString(StandardCharsets.UTF_8).contains("\"src_as\":{\"number\":"), "the flows do get locations");

        long[] with = new long[ROUNDS];
        long[] without = new long[ROUNDS];
        writeNanos(flows, located, OutputStream.nullOutputStream()); // warm-up of both paths
        writeNanos(flows, notLocated, OutputStream.nullOutputStream());
        for (int i = 0; i < ROUNDS; i++) {
            without[i] = writeNanos(flows, notLocated, OutputStream.nullOutputStream());
            with[i] = writeNanos(flows, located, OutputStream.nullOutputStream());
        }
        Arrays.sort(with);
        Arrays.sort(without);
        double withNs = (double) with[ROUNDS / 2] / FLOWS;
        double withoutNs = (double) without[ROUNDS / 2] / FLOWS;
        System.out.printf("FlowLocationCostTest: eve.json flow writing %.0f ns/flow without locations, %.0f ns/flow with"
                + " (ratio %.2f, +%.0f ns per located flow), medians of %d rounds of %,d flows%n",
                withoutNs, withNs, withNs / withoutNs, withNs - withoutNs, ROUNDS, FLOWS);
        assertTrue(withNs < 3 * withoutNs, "a lookup costs more than twice a whole flow record");
    }
}
