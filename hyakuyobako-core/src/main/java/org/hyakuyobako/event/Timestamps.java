package org.hyakuyobako.event;

import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;

/** Timestamps as Suricata's EVE writes them: ISO 8601, microseconds, numeric offset. */
public final class Timestamps {
    private static final DateTimeFormatter EVE =
            DateTimeFormatter.ofPattern("yyyy-MM-dd'T'HH:mm:ss.SSSSSSxx").withZone(ZoneOffset.UTC);

    private Timestamps() {
    }

    /** e.g. {@code 2008-04-28T08:00:00.123456+0000} */
    public static String eve(long epochNanos) {
        return EVE.format(Instant.ofEpochSecond(Math.floorDiv(epochNanos, 1_000_000_000L),
                Math.floorMod(epochNanos, 1_000_000_000L)));
    }

    /** Seconds with six decimals, as Zeek writes {@code ts} and {@code duration}. */
    public static double seconds(long nanos) {
        return Math.round(nanos / 1_000.0) / 1_000_000.0;
    }
}
