package org.hyakuyobako.pipeline;

import java.util.List;
import java.util.Map;
import org.hyakuyobako.source.SkipReason;

/**
 * What a run did, for the closing summary and the {@code stats} event.
 *
 * @param usableInputs files that could be read as captures
 * @param packetsPerSensor packets read, by sensor id
 */
public record AnalysisSummary(
        List<String> usableInputs,
        int inputsGiven,
        long packets,
        long bytesOnDisk,
        long ipPackets,
        long flows,
        long flowsEvicted,
        long[] packetsPerSensor,
        long firstPacketNanos,
        long lastPacketNanos,
        long elapsedNanos,
        Map<SkipReason, Long> skipped,
        long fragmentsReassembled,
        long fragmentOverlaps,
        Map<String, Long> detectorCounters) {

    /** Megabytes (10^6) per second of on-disk input. */
    public double megabytesPerSecond() {
        return elapsedNanos == 0 ? 0 : bytesOnDisk / 1e6 / (elapsedNanos / 1e9);
    }

    public double packetsPerSecond() {
        return elapsedNanos == 0 ? 0 : packets / (elapsedNanos / 1e9);
    }
}
