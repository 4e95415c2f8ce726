package org.hyakuyobako.source;

import java.io.PrintStream;
import java.util.EnumMap;
import java.util.Map;
import java.util.concurrent.atomic.AtomicLongArray;

/**
 * Counts everything that was skipped or tolerated, by reason, and prints a one-line message with
 * file and byte offset for the first occurrences of each reason (then counts silently).
 *
 * <p>Like Agrona's DistinctErrorLog: each distinct problem is reported a bounded number of times,
 * so a damaged 4 GB file cannot flood the terminal, but nothing goes uncounted.
 */
public final class InputDiagnostics {
    /** How many messages per reason are printed before the rest are only counted. */
    public static final int MESSAGES_PER_REASON = 5;

    private final AtomicLongArray counts = new AtomicLongArray(SkipReason.values().length);
    private final AtomicLongArray printed = new AtomicLongArray(SkipReason.values().length);
    private final PrintStream out;

    public InputDiagnostics(PrintStream out) {
        this.out = out;
    }

    /** A diagnostics object that prints nothing (benchmarks, probes). */
    public static InputDiagnostics silent() {
        return new InputDiagnostics(null);
    }

    /** Counts {@code n} occurrences of a reason without a message (per-packet decode counters). */
    public void count(SkipReason reason, long n) {
        counts.addAndGet(reason.ordinal(), n);
    }

    /**
     * Counts one occurrence and prints a one-line message such as
     * {@code hyakuyobako: warning: a.pcap: offset 1234: truncated_record: needs 1514 bytes, 200 remain}.
     */
    public void report(SkipReason reason, String file, long offset, String detail) {
        report(reason, 1, file, offset, detail);
    }

    /** As {@link #report(SkipReason, String, long, String)}, counting {@code n}. */
    public void report(SkipReason reason, long n, String file, long offset, String detail) {
        counts.addAndGet(reason.ordinal(), n);
        if (out == null) {
            return;
        }
        long shown = printed.incrementAndGet(reason.ordinal());
        if (shown <= MESSAGES_PER_REASON) {
            String where = offset >= 0 ? file + ": offset " + offset : file;
            out.println("hyakuyobako: warning: " + where + ": " + reason.key() + ": " + detail
                    + (shown == MESSAGES_PER_REASON ? " (further " + reason.key() + " messages are only counted)" : ""));
        }
    }

    public long count(SkipReason reason) {
        return counts.get(reason.ordinal());
    }

    /** Non-zero counts, in declaration order. */
    public Map<SkipReason, Long> nonZero() {
        Map<SkipReason, Long> result = new EnumMap<>(SkipReason.class);
        for (SkipReason r : SkipReason.values()) {
            long c = counts.get(r.ordinal());
            if (c != 0) {
                result.put(r, c);
            }
        }
        return result;
    }
}
