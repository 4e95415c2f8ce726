package org.hyakuyobako.sink;

import com.fasterxml.jackson.core.JsonEncoding;
import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonGenerator;
import com.fasterxml.jackson.core.io.CharacterEscapes;
import com.fasterxml.jackson.core.SerializableString;
import java.io.BufferedOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import org.hyakuyobako.event.Event;
import org.hyakuyobako.event.EveContext;
import org.hyakuyobako.event.Timestamps;

/**
 * eve.json: one JSON object per line, written with Jackson's streaming generator. Every string
 * is escaped by Jackson; non-ASCII and HTML-significant characters are escaped too, so a hostile
 * IRC topic cannot break a line or a page that embeds it.
 */
public final class EveJsonSink implements EventSink {
    private final JsonGenerator generator;
    private final OutputStream out;
    private final EveContext context;
    private long written;

    public EveJsonSink(Path file, EveContext context) throws IOException {
        this(new BufferedOutputStream(Files.newOutputStream(file), 1 << 20), context);
    }

    public EveJsonSink(OutputStream out, EveContext context) throws IOException {
        this.out = out;
        this.context = context;
        JsonFactory factory = JsonFactory.builder().build();
        this.generator = factory.createGenerator(out, JsonEncoding.UTF8);
        generator.setCharacterEscapes(new SafeEscapes());
        generator.setRootValueSeparator(null);
        generator.configure(JsonGenerator.Feature.ESCAPE_NON_ASCII, true);
        generator.configure(JsonGenerator.Feature.AUTO_CLOSE_TARGET, true);
    }

    @Override
    public void accept(Event event) throws IOException {
        generator.writeStartObject();
        generator.writeStringField("timestamp", Timestamps.eve(event.timestampNanos()));
        generator.writeStringField("event_type", event.eventType());
        if (event.sensorId() >= 0) {
            generator.writeStringField("sensor", context.sensorName(event.sensorId()));
        }
        event.writeFields(generator, context);
        generator.writeEndObject();
        generator.writeRaw('\n');
        written++;
    }

    public long written() {
        return written;
    }

    @Override
    public void endOfBatch() throws IOException {
        generator.flush();
    }

    @Override
    public void close() throws IOException {
        generator.close();
        out.close();
    }

    /** Escapes {@code < > & ' "} as \\u sequences, as Jackson's HTML-safe mode recommends. */
    private static final class SafeEscapes extends CharacterEscapes {
        private final int[] escapes;

        SafeEscapes() {
            int[] standard = CharacterEscapes.standardAsciiEscapesForJSON();
            standard['<'] = CharacterEscapes.ESCAPE_STANDARD;
            standard['>'] = CharacterEscapes.ESCAPE_STANDARD;
            standard['&'] = CharacterEscapes.ESCAPE_STANDARD;
            standard['\''] = CharacterEscapes.ESCAPE_STANDARD;
            this.escapes = standard;
        }

        @Override
        public int[] getEscapeCodesForAscii() {
            return escapes;
        }

        @Override
        public SerializableString getEscapeSequence(int ch) {
            return null;
        }
    }
}
