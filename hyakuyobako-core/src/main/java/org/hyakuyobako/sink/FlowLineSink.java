package org.hyakuyobako.sink;

import java.io.BufferedWriter;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import org.hyakuyobako.event.Event;
import org.hyakuyobako.event.FlowEvent;
import org.hyakuyobako.flow.FlowRecord;

/**
 * A text file with a header and one line per flow (Zeek conn.log, Argus CSV): the writing, flushing
 * and closing, so a format only says how one flow is written.
 */
abstract class FlowLineSink implements EventSink {
    private final BufferedWriter out;

    FlowLineSink(Path file, String header) throws IOException {
        out = Files.newBufferedWriter(file, StandardCharsets.UTF_8);
        out.write(header);
    }

    /** One flow's line, with its line end. */
    abstract String line(FlowRecord f);

    @Override
    public final void accept(Event event) throws IOException {
        if (event instanceof FlowEvent fe) {
            out.write(line(fe.flow()));
        }
    }

    @Override
    public final void endOfBatch() throws IOException {
        out.flush();
    }

    @Override
    public final void close() throws IOException {
        out.close();
    }
}
