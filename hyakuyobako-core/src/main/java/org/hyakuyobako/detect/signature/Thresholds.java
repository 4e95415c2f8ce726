package org.hyakuyobako.detect.signature;

import org.hyakuyobako.detect.LruMap;
import org.hyakuyobako.rules.Rule;
import org.hyakuyobako.rules.ThresholdOption;

/**
 * {@code threshold} and {@code detection_filter} state: matches counted per rule and tracked
 * address in windows of the rule's seconds, on packet time. Bounded: the least recently used
 * trackers go first.
 */
final class Thresholds {
    static final int CAPACITY = 200_000;

    private record Key(long sid, boolean filter, long hi, long lo, long hi2, long lo2) {
    }

    private static final class Window {
        long start;
        long count;
    }

    private final LruMap<Key, Window> windows = new LruMap<>(CAPACITY);
    private long suppressed;

    /** Whether this match of the rule makes an alert. */
    boolean allow(Rule rule, Inspection in) {
        if (rule.detectionFilter != null && !passes(rule, rule.detectionFilter, in, true)) {
            suppressed++;
            return false;
        }
        if (rule.threshold != null && !passes(rule, rule.threshold, in, false)) {
            suppressed++;
            return false;
        }
        return true;
    }

    private boolean passes(Rule rule, ThresholdOption t, Inspection in, boolean filter) {
        Key key = switch (t.track()) {
            case BY_SRC -> new Key(rule.sid, filter, in.srcHi, in.srcLo, 0, 0);
            case BY_DST -> new Key(rule.sid, filter, in.dstHi, in.dstLo, 0, 0);
            case BY_BOTH -> new Key(rule.sid, filter, in.srcHi, in.srcLo, in.dstHi, in.dstLo);
            case BY_RULE -> new Key(rule.sid, filter, 0, 0, 0, 0);
        };
        Window w = windows.get(key);
        long now = in.timestampNanos;
        long span = t.seconds() * 1_000_000_000L;
        if (w == null) {
            w = new Window();
            w.start = now;
            windows.put(key, w);
        } else if (now - w.start >= span) {
            w.start = now;
            w.count = 0;
        }
        w.count++;
        return switch (t.type()) {
            case LIMIT -> w.count <= t.count();
            case THRESHOLD -> w.count % t.count() == 0;
            case BOTH -> w.count == t.count();
            case DETECTION -> w.count > t.count();
        };
    }

    long suppressed() {
        return suppressed;
    }
}
