package org.hyakuyobako.pipeline;

import java.util.Map;
import org.hyakuyobako.flow.FlowListener;

/**
 * A per-flow stage (detectors that judge finished flows: blacklists, and later scans, spam and
 * DoS). Told of every flow as it ends, then of the end of the input.
 */
public interface FlowObserver extends FlowListener {
    /** The input ended, all flows have been told: emit what is pending. */
    default void finish() {
    }

    /** Counters for the run's summary and {@code stats} event. */
    default Map<String, Long> counters() {
        return Map.of();
    }
}
