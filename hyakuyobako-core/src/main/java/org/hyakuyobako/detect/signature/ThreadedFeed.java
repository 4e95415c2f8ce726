package org.hyakuyobako.detect.signature;

import java.util.ArrayList;
import java.util.concurrent.ArrayBlockingQueue;
import java.util.function.Consumer;
import org.hyakuyobako.event.Event;

/**
 * The engine on a thread of its own (ADR 0019): the pipeline thread fills batches of messages and
 * hands each over whole, so the two threads meet once per batch rather than once per packet; the
 * engine thread inspects them in order and collects each batch's alerts and evidence in the batch.
 * The pipeline thread emits them when the batch comes back to be filled again, so sinks and
 * correlation are still called from one thread, and at the same points of every run over the same
 * input (a batch is handed over when full): output is deterministic, alerts at most
 * {@code BATCHES × BATCH} messages behind the packets that raised them, all of them by the finish.
 *
 * <p>Batches go by count, not by packet time: captures replayed as fast as they are read have gaps
 * of seconds every few dozen packets (the payload mix: 9,259 gaps of a second or more in its first
 * 300,000 packets), and handing a batch over at each gap cost more than the engine's thread saved.
 * A live packet source, when there is one, will need a hand-over when it is idle instead.
 *
 * <p>Bounded: {@link #BATCHES} batches of {@link #BATCH} messages exist; when all are with the
 * engine the pipeline waits for the oldest. Payloads of mapped captures cross as views (ADR 0018);
 * others are copied into the message ({@link EngineMessage#KEPT_COPY}), and a batch goes as soon
 * as its messages hold {@link #BATCH_BYTES} (copies, HTTP bodies, mail files), so what is in
 * flight stays under {@code BATCHES × (BATCH_BYTES + one message)} whatever the input.
 *
 * <p>Sixteen batches rather than a few: the engine's share of the work differs from one stretch
 * of traffic to the next (payload-heavy connections, then scans and DNS), and with 4 batches of
 * 1,024 the engine thread sat idle 171–198 ms per run of the payload mix while the pipeline
 * worked through a light stretch; with 16, 110–118 ms (wall time 494–535 → 469–490 ms).
 */
final class ThreadedFeed implements EngineFeed {
    static final int BATCH = 1_024;
    static final int BATCHES = 16;
    /** Bytes held by a batch's messages (copied payloads, HTTP bodies, mail files) after which it is handed over unfilled. */
    static final int BATCH_BYTES = 1 << 20;

    private static final class Batch {
        final EngineMessage[] messages;
        int count;
        long heldBytes;
        final ArrayList<Event> out = new ArrayList<>();
        Throwable failure;

        Batch(int size) {
            messages = new EngineMessage[size];
            for (int i = 0; i < size; i++) {
                messages[i] = new EngineMessage();
            }
        }
    }

    /** Tells the engine thread to stop. */
    private static final Batch STOP = new Batch(0);

    private final ArrayBlockingQueue<Batch> toEngine = new ArrayBlockingQueue<>(BATCHES + 1);
    private final ArrayBlockingQueue<Batch> done = new ArrayBlockingQueue<>(BATCHES);
    private final Consumer<Event> emit;
    private Consumer<EngineMessage> engine;
    private Thread thread;
    /** The pipeline thread's batch being filled, or null. */
    private Batch filling;
    private boolean finished;
    /** After {@link #finish}: the one slot inspected at once. */
    private final EngineMessage direct = new EngineMessage();
    /** The engine thread's batch being inspected, where its output goes; null after the finish. */
    private Batch inspecting;
    /** The engine thread's first failure: later batches go back uninspected. */
    private Throwable failure;
    /** Set by {@link #close}: batches still queued go back uninspected. */
    private volatile boolean closed;

    ThreadedFeed(Consumer<Event> emit) {
        this.emit = emit;
        for (int i = 0; i < BATCHES; i++) {
            done.add(new Batch(BATCH));
        }
    }

    /** Where the engine side emits: into the batch it is inspecting (or at once, after the finish). */
    Consumer<Event> output() {
        return e -> {
            Batch b = inspecting;
            if (b != null) {
                b.out.add(e);
            } else {
                emit.accept(e);
            }
        };
    }

    /** Who inspects the messages (on the engine thread). */
    void inspectWith(Consumer<EngineMessage> inspector) {
        this.engine = inspector;
    }

    @Override
    public boolean copiesPayloads() {
        return !finished;
    }

    @Override
    public EngineMessage next() {
        if (finished) {
            return direct;
        }
        while (filling == null) {
            Batch b = takeBack();
            filling = b;
            emitOutput(b);     // may send messages itself: they go into the new batch
        }
        return filling.messages[filling.count];
    }

    @Override
    public void send() {
        if (finished) {
            engine.accept(direct);
            direct.clear();
            return;
        }
        Batch b = filling;
        b.heldBytes += b.messages[b.count].heldBytes;
        if (++b.count == b.messages.length || b.heldBytes >= BATCH_BYTES) {
            handOver();
        }
    }

    private void handOver() {
        if (thread == null) {
            thread = new Thread(this::inspectBatches, "signature-engine");
            thread.setDaemon(true);
            thread.start();
        }
        Batch b = filling;
        filling = null;
        try {
            toEngine.put(b);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted while handing packets to the signature engine", e);
        }
    }

    /** The oldest batch back from the engine (a fresh one at first), its failure rethrown here. */
    private Batch takeBack() {
        Batch b;
        try {
            b = done.take();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted while waiting for the signature engine", e);
        }
        if (b.failure != null) {
            Throwable t = b.failure;
            close();
            if (t instanceof RuntimeException r) {
                throw r;
            }
            if (t instanceof Error err) {
                throw err;
            }
            throw new IllegalStateException("signature engine failed: " + t, t);
        }
        b.count = 0;
        b.heldBytes = 0;
        return b;
    }

    private void emitOutput(Batch b) {
        if (b.out.isEmpty()) {
            return;
        }
        Event[] out = b.out.toArray(new Event[0]);
        b.out.clear();
        for (Event e : out) {
            emit.accept(e);
        }
    }

    @Override
    public void finish() {
        if (finished) {
            return;
        }
        next().finish();
        send();
        if (filling != null && filling.count > 0) {
            handOver();
        }
        // Every batch back (those never handed over come at once): all output emitted, in order.
        for (int i = filling == null ? 0 : 1; i < BATCHES; i++) {
            emitOutput(takeBack());
        }
        close();
        finished = true;
    }

    /**
     * Stops the engine's thread and waits for it, so nothing inspects with the compiled rules once
     * they are handed back to the rule set (a failed run may leave batches queued: they are skipped).
     */
    @Override
    public void close() {
        closed = true;
        if (thread != null && thread.isAlive()) {
            toEngine.offer(STOP);     // there is always room: the queue holds every batch and one more
            boolean interrupted = false;
            while (thread.isAlive()) {
                try {
                    thread.join();
                } catch (InterruptedException e) {
                    interrupted = true;
                }
            }
            if (interrupted) {
                Thread.currentThread().interrupt();
            }
        }
    }

    /** The engine thread: batches in the order handed over, each back to the pipeline once inspected. */
    private void inspectBatches() {
        while (true) {
            Batch b;
            try {
                b = toEngine.take();
            } catch (InterruptedException e) {
                return;
            }
            if (b == STOP) {
                return;
            }
            inspect(b);
            done.add(b);
        }
    }

    /**
     * One batch, in a method of its own rather than in the thread's loop: a loop that runs for the
     * thread's whole life is compiled on the fly (on-stack replacement) again for every run's new
     * thread, and was deoptimised and recompiled run after run; a method called per batch is
     * compiled once and kept.
     */
    private void inspect(Batch b) {
        inspecting = b;
        for (int i = 0; i < b.count; i++) {
            EngineMessage m = b.messages[i];
            if (failure == null && !closed) {
                try {
                    engine.accept(m);
                } catch (Throwable t) {
                    failure = t;
                }
            }
            m.clear();
        }
        inspecting = null;
        b.failure = failure;
    }
}
