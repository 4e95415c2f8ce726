package org.hyakuyobako.flow;

/**
 * Told when a flow record is complete. The flow object is reused afterwards: read what you need
 * during the call (for instance with {@link FlowRecord#of}).
 */
@FunctionalInterface
public interface FlowListener {
    void flowEnded(Flow flow, EndReason reason);
}
