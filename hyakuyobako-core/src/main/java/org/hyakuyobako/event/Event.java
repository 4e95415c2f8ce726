package org.hyakuyobako.event;

import com.fasterxml.jackson.core.JsonGenerator;
import java.io.IOException;

/**
 * One line of eve.json. Every event type is a small immutable class that writes its own fields,
 * so output is typed end to end (no maps of maps).
 */
public interface Event {
    /** EVE's {@code event_type}. */
    String eventType();

    /** The event's time, nanoseconds since the epoch (written as {@code timestamp}). */
    long timestampNanos();

    /** The sensor the event belongs to, or -1 when it spans sensors. */
    int sensorId();

    /** Writes the fields after {@code timestamp}, {@code event_type} and {@code sensor}. */
    void writeFields(JsonGenerator g, EveContext context) throws IOException;
}
