package org.hyakuyobako.pipeline;

import org.hyakuyobako.decode.DecodedPacket;
import org.hyakuyobako.flow.Flow;

/**
 * A per-packet stage after flow accounting (detectors that need packet timing, such as
 * synchronized activity). Called on the analysis thread; must not keep references to the packet
 * or the flow after returning, since both are reused.
 */
public interface PacketObserver {
    void packet(DecodedPacket packet, Flow flow);

    /** The input ended: emit whatever is still pending. */
    default void finish() {
    }

    /** Counters for the run's summary and {@code stats} event ("sync.events_1s" and the like). */
    default java.util.Map<String, Long> counters() {
        return java.util.Map.of();
    }
}
