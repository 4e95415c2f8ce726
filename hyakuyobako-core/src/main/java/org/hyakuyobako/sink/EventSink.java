package org.hyakuyobako.sink;

import java.io.IOException;
import org.hyakuyobako.event.Event;

/**
 * Where events go: eve.json, the DuckDB store, and later the report and the web UI. A sink is
 * given events in the order they are produced and told when a batch ends, so it can flush (the
 * Disruptor's endOfBatch idea) without flushing per event.
 */
public interface EventSink extends AutoCloseable {
    void accept(Event event) throws IOException;

    /** A natural pause in the stream (end of an input chunk): a good moment to flush buffers. */
    default void endOfBatch() throws IOException {
    }

    @Override
    void close() throws IOException;
}
