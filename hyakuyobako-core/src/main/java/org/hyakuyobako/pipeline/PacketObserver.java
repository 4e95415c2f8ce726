package org.hyakuyobako.pipeline;

import org.hyakuyobako.decode.DecodedPacket;
import org.hyakuyobako.flow.Flow;

/**
 * A per-packet stage after flow accounting (detectors that need packet timing, such as
 * synchronized activity). Called on the analysis thread; must not keep references to the packet
 * or the flow after returning, since both are reused.
 */
public interface PacketObserver {
    void packet(DecodedPacket packet, Flow flow);

    /** The input ended: emit whatever is still pending. */
    default void finish() {
    }
}
