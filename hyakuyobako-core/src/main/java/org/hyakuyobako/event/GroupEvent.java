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
        g.writeArrayFieldStart("hosts");
        for (String h : hosts) {
            g.writeString(h);
        }
        g.writeEndArray();
        g.writeArrayFieldStart("cnc");
        for (CncEndpoint c : cnc) {
            g.writeStartObject();
            g.writeStringField("ip", c.ip());
            g.writeNumberField("port", c.port());
            g.writeStringField("proto", c.proto());
            g.writeEndObject();
        }
        g.writeEndArray();
    }
}
