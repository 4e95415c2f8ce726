package org.hyakuyobako.cli;

import java.io.PrintStream;
import java.nio.file.Path;
import java.util.Map;
import org.hyakuyobako.event.Timestamps;
import org.hyakuyobako.pipeline.AnalysisSummary;
import org.hyakuyobako.source.SkipReason;

/** The short summary {@code analyze} prints: what was read, what came out, what was skipped and why. */
final class SummaryPrinter {
    private SummaryPrinter() {
    }

    static void print(PrintStream out, AnalysisSummary s, Path outDir) {
        out.printf("read %,d packets from %d of %d file(s), %,.1f MB in %.2f s (%.0f MB/s, %,.0f packets/s)%n",
                s.packets(), s.usableInputs().size(), s.inputsGiven(), s.bytesOnDisk() / 1e6,
                s.elapsedNanos() / 1e9, s.megabytesPerSecond(), s.packetsPerSecond());
        if (s.packets() > 0) {
            out.printf("packet time %s to %s%n", Timestamps.eve(s.firstPacketNanos()), Timestamps.eve(s.lastPacketNanos()));
        }
        out.printf("flows: %,d (evicted early: %,d); IP packets: %,d; fragments reassembled: %,d%n",
                s.flows(), s.flowsEvicted(), s.ipPackets(), s.fragmentsReassembled());
        if (s.skipped().isEmpty()) {
            out.println("skipped: nothing");
        } else {
            StringBuilder sb = new StringBuilder("skipped or tolerated:");
            for (Map.Entry<SkipReason, Long> e : s.skipped().entrySet()) {
                sb.append(' ').append(e.getKey().key()).append('=').append(String.format("%,d", e.getValue()));
            }
            out.println(sb);
        }
        if (!s.detectorCounters().isEmpty()) {
            StringBuilder sb = new StringBuilder("detectors:");
            s.detectorCounters().forEach((k, v) -> sb.append(' ').append(k).append('=').append(String.format("%,d", v)));
            out.println(sb);
        }
        out.println("output: " + outDir.resolve("eve.json") + ", " + outDir.resolve("hyakuyobako.duckdb"));
    }
}
