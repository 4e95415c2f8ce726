package org.hyakuyobako.event;

import com.fasterxml.jackson.core.JsonGenerator;
import java.io.IOException;
import java.util.Collection;

/** Small writing helpers shared by the event types. */
public final class JsonFields {
    private JsonFields() {
    }

    /** {@code "name": "value"}, left out when the value is unknown (null), as EVE does. */
    public static void optional(JsonGenerator g, String name, String value) throws IOException {
        if (value != null) {
            g.writeStringField(name, value);
        }
    }

    /** {@code "name": ["a", "b"]} */
    public static void strings(JsonGenerator g, String name, Collection<String> values) throws IOException {
        g.writeArrayFieldStart(name);
        for (String v : values) {
            g.writeString(v);
        }
        g.writeEndArray();
    }

    /** {@code "name": [{"ip": .., "port": .., "proto": ..}]} */
    public static void endpoints(JsonGenerator g, String name, Collection<CncEndpoint> values) throws IOException {
        g.writeArrayFieldStart(name);
        for (CncEndpoint c : values) {
            g.writeStartObject();
            g.writeStringField("ip", c.ip());
            g.writeNumberField("port", c.port());
            g.writeStringField("proto", c.proto());
            g.writeEndObject();
        }
        g.writeEndArray();
    }
}
