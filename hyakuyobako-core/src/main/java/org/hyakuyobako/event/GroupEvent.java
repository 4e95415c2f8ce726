package org.hyakuyobako.event;

import com.fasterxml.jackson.core.JsonGenerator;
import java.io.IOException;
import java.util.List;

/** A bot group: monitored hosts that obey the same C&C (seed 002's synchronized groups). */
public record GroupEvent(long timestampNanos, String id, List<String> hosts, List<CncEndpoint> cnc) implements Event {
    @Override
    public String eventType() {
        return "group";
    }

    @Override
    public int sensorId() {
        return -1;
    }

    @Override
    public void writeFields(JsonGenerator g, EveContext context) throws IOException {
        g.writeStringField("id", id);
        JsonFields.strings(g, "hosts", hosts);
        JsonFields.endpoints(g, "cnc", cnc);
    }
}
