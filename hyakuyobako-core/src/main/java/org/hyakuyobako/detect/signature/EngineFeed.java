package org.hyakuyobako.detect.signature;

/**
 * How the signature detector's messages reach its engine side: at once on the pipeline thread
 * ({@link DirectFeed}), or in batches to a thread of the engine's own ({@link ThreadedFeed}, ADR
 * 0019). Either way the engine sees every message in the order sent, so its alerts are the same.
 */
interface EngineFeed {
    /** The slot to fill next; filled, it goes with {@link #send}. */
    EngineMessage next();

    /** The slot from {@link #next} is filled: the engine inspects it now or later, in order. */
    void send();

    /**
     * Whether a payload its source will overwrite must be copied into the message (the engine reads
     * it after the pipeline has moved on).
     */
    boolean copiesPayloads();

    /**
     * Sends a {@link EngineMessage.Kind#FINISH}, waits until every message is inspected and their
     * alerts are emitted; messages sent afterwards are inspected at once on the caller's thread.
     */
    void finish();

    /** Stops the engine's thread, if any, whether or not the run got to {@link #finish}. */
    void close();
}
