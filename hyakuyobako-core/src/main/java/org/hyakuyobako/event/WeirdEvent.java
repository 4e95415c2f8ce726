package org.hyakuyobako.event;

import com.fasterxml.jackson.core.JsonGenerator;
import java.io.IOException;

/**
 * Something malformed or unexpected in a protocol, named as Zeek names its weirds
 * ({@code irc_line_size_exceeded}, {@code irc_invalid_names_line}...): data for detectors and
 * analysts, never a reason to stop parsing.
 */
public record WeirdEvent(long timestampNanos, ConnectionRef conn, String name, String addl, String source) implements ConnectionEvent {
    @Override
    public String eventType() {
        return "weird";
    }

    @Override
    public void writeFields(JsonGenerator g, EveContext context) throws IOException {
        conn.write(g);
        g.writeObjectFieldStart("weird");
        g.writeStringField("name", name);
        JsonFields.optional(g, "addl", addl);
        g.writeStringField("source", source);
        g.writeEndObject();
    }
}
