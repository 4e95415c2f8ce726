package org.hyakuyobako.detect.sync;

import java.util.ArrayDeque;
import java.util.HashMap;
import java.util.Map;
import java.util.function.ObjLongConsumer;

/**
 * Open windows for one tolerance, keyed by (external node, direction), expired in packet-time
 * order: a window opened at t closes once the clock passes t + tolerance. State is bounded by the
 * number of external nodes active within one tolerance, and each packet costs one map look-up.
 */
final class ToleranceTracker {
    final double toleranceSeconds;
    private final long toleranceNanos;
    private final Map<ExternalKey, SyncWindow> open = new HashMap<>();
    private final ArrayDeque<SyncWindow> byStart = new ArrayDeque<>();
    private final ObjLongConsumer<SyncWindow> closed;
    long events;

    /**
     * @param closed told of every window when it closes, with this tracker's tolerance in nanoseconds
     */
    ToleranceTracker(double toleranceSeconds, ObjLongConsumer<SyncWindow> closed) {
        this.toleranceSeconds = toleranceSeconds;
        this.toleranceNanos = Math.round(toleranceSeconds * 1e9);
        this.closed = closed;
    }

    /**
     * The window the packet belongs to, opening one if needed.
     *
     * @param probe a look-up key that may be reused by the caller; a copy is stored
     */
    SyncWindow windowFor(ExternalKey probe, long now) {
        SyncWindow w = open.get(probe);
        if (w == null || now - w.startNanos > toleranceNanos) {
            ExternalKey key = w != null ? w.key : probe.copy();
            // A window that is past its tolerance is superseded now and closes when the clock
            // passes it; its successor reuses the stored key.
            w = new SyncWindow(key, now);
            open.put(key, w);
            byStart.addLast(w);
        }
        return w;
    }

    /** Closes every window the clock has passed. */
    void expire(long now) {
        while (!byStart.isEmpty() && now - byStart.peekFirst().startNanos > toleranceNanos) {
            close(byStart.pollFirst());
        }
    }

    void finish() {
        while (!byStart.isEmpty()) {
            close(byStart.pollFirst());
        }
    }

    private void close(SyncWindow w) {
        if (open.get(w.key) == w) {
            open.remove(w.key);
        }
        if (w.distinctHosts() >= 2) {
            events++;
            closed.accept(w, toleranceNanos);
        }
    }

    int openWindows() {
        return open.size();
    }
}
