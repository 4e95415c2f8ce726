package org.hyakuyobako.detect.signature;

import java.util.function.Consumer;

/** Inspects each message on the pipeline thread as it is sent (one core, or tests that want it so). */
final class DirectFeed implements EngineFeed {
    private final EngineMessage slot = new EngineMessage();
    private final Consumer<EngineMessage> engine;

    DirectFeed(Consumer<EngineMessage> engine) {
        this.engine = engine;
    }

    @Override
    public EngineMessage next() {
        return slot;
    }

    @Override
    public void send() {
        engine.accept(slot);
        slot.clear();
    }

    @Override
    public boolean copiesPayloads() {
        return false;     // inspected before the source moves on
    }

    @Override
    public void finish() {
        slot.finish();
        send();
    }

    @Override
    public void close() {
    }
}
