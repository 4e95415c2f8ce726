package org.hyakuyobako.rules;

import java.util.List;

/** A buffer with the transforms applied to it, as one rule's options name it: the unit options are grouped by. */
public record BufferRef(Buffer buffer, List<Transform> transforms) {
    public static final BufferRef PAYLOAD = new BufferRef(Buffer.PAYLOAD, List.of());

    public static BufferRef of(Buffer buffer) {
        return buffer == Buffer.PAYLOAD ? PAYLOAD : new BufferRef(buffer, List.of());
    }
}
