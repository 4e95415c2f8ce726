package org.hyakuyobako.event;

import com.fasterxml.jackson.core.JsonGenerator;
import java.io.IOException;
import java.util.Map;

/**
 * End-of-run counters as an EVE {@code stats} event: what was read, what was skipped and why.
 *
 * @param counters flat dotted names ("capture.packets", "skipped.truncated_record") to values
 */
public record StatsEvent(long timestampNanos, Map<String, Long> counters) implements Event {
    @Override
    public String eventType() {
        return "stats";
    }

    @Override
    public int sensorId() {
        return -1;
    }

    @Override
    public void writeFields(JsonGenerator g, EveContext context) throws IOException {
        g.writeObjectFieldStart("stats");
        for (Map.Entry<String, Long> e : counters.entrySet()) {
            g.writeNumberField(e.getKey(), e.getValue());
        }
        g.writeEndObject();
    }
}
