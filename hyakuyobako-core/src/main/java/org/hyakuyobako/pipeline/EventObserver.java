package org.hyakuyobako.pipeline;

import java.util.Map;
import org.hyakuyobako.event.Event;

/**
 * A stage after the detectors (correlation): sees every event the run emits, in order, and after
 * every detector has finished emits its own conclusions. Never reads packets or flows.
 */
public interface EventObserver {
    void accept(Event event);

    /** All detectors finished: emit what was concluded. */
    default void finish() {
    }

    /** Counters for the run's summary and {@code stats} event. */
    default Map<String, Long> counters() {
        return Map.of();
    }
}
