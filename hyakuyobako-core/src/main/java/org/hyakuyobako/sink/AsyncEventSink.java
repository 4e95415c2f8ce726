package org.hyakuyobako.sink;

import java.io.IOException;
import java.util.List;
import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.BlockingQueue;
import org.hyakuyobako.event.Event;

/**
 * Runs slow sinks (JSON serialisation, DuckDB appends) on their own thread, so the packet thread
 * only hands over immutable events: on a two-core box, analysis and output overlap.
 *
 * <p>The queue is bounded: when the writers fall behind, the packet thread waits (back-pressure)
 * instead of buffering without limit. Events keep their order. A writer failure is rethrown on
 * the packet thread at the next call. Targets are used, flushed and closed on the writer thread
 * only, since some (DuckDB's appender) are confined to one thread.
 */
public final class AsyncEventSink implements EventSink {
    /**
     * Events queued per writer. Bounded by count, so it must stay small enough that a queue full of
     * large events (sync rows listing many hosts, a few KB each) cannot crowd the heap: 8,192 events
     * are at most some tens of MB, and still let the writer work in long runs.
     */
    public static final int DEFAULT_CAPACITY = 8_192;

    private static final Object FLUSH = new Object();
    private static final Object STOP = new Object();

    private final List<EventSink> targets;
    private final BlockingQueue<Object> queue;
    private final Thread writer;
    private volatile Throwable failure;

    public AsyncEventSink(List<EventSink> targets, int capacity) {
        this.targets = List.copyOf(targets);
        this.queue = new ArrayBlockingQueue<>(capacity);
        this.writer = new Thread(this::drain, "hyakuyobako-sink-writer");
        writer.setDaemon(true);
        writer.start();
    }

    @Override
    public void accept(Event event) throws IOException {
        put(event);
    }

    @Override
    public void endOfBatch() throws IOException {
        put(FLUSH);
    }

    private void put(Object item) throws IOException {
        rethrow();
        try {
            queue.put(item);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IOException("interrupted while writing events", e);
        }
    }

    private void rethrow() throws IOException {
        Throwable t = failure;
        if (t != null) {
            throw t instanceof IOException io ? io : new IOException("event writer failed: " + t, t);
        }
    }

    private void drain() {
        try {
            while (true) {
                Object item = queue.take();
                if (item == STOP) {
                    closeTargets();
                    return;
                }
                if (item == FLUSH) {
                    for (EventSink s : targets) {
                        s.endOfBatch();
                    }
                } else {
                    for (EventSink s : targets) {
                        s.accept((Event) item);
                    }
                }
            }
        } catch (Throwable t) {
            failure = t;
            closeTargets();
            // Keep draining so the packet thread is never blocked on a full queue.
            while (true) {
                try {
                    if (queue.take() == STOP) {
                        return;
                    }
                } catch (InterruptedException e) {
                    return;
                }
            }
        }
    }

    private void closeTargets() {
        for (EventSink s : targets) {
            try {
                s.close();
            } catch (IOException | RuntimeException e) {
                if (failure == null) {
                    failure = e;
                }
            }
        }
    }

    /** Writes everything still queued, closes the targets, and reports a writer failure if any. */
    @Override
    public void close() throws IOException {
        try {
            queue.put(STOP);
            writer.join();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        rethrow();
    }
}
