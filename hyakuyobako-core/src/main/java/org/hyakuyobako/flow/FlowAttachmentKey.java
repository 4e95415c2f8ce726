package org.hyakuyobako.flow;

import java.util.concurrent.atomic.AtomicInteger;

/**
 * Names one kind of state a pipeline stage keeps per connection on the {@link Flow} itself
 * ({@link Flow#attach}), so the stage finds it on every packet without a map look-up by boxed
 * flow id. Keys are few and fixed: each is created once, in a {@code static final} field of the
 * stage's class, and every key widens each flow's table by one slot.
 */
public final class FlowAttachmentKey {
    private static final AtomicInteger COUNT = new AtomicInteger();

    final int index;
    private final String name;

    private FlowAttachmentKey(String name) {
        this.name = name;
        this.index = COUNT.getAndIncrement();
    }

    public static FlowAttachmentKey create(String name) {
        return new FlowAttachmentKey(name);
    }

    /** Keys created so far: the size a flow's table grows to at once. */
    static int count() {
        return COUNT.get();
    }

    @Override
    public String toString() {
        return name;
    }
}
