package org.hyakuyobako.action;

import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.time.temporal.ChronoUnit;

/** Time stamps as the sharing formats want them, from packet times in nanoseconds. */
final class SharedTimes {
    /** STIX 2.1: RFC 3339, UTC with 'Z', exactly milliseconds (created/modified require them). */
    private static final DateTimeFormatter STIX = DateTimeFormatter.ofPattern("yyyy-MM-dd'T'HH:mm:ss.SSS'Z'").withZone(ZoneOffset.UTC);
    /** MISP first_seen/last_seen: ISO 8601 with microseconds and an offset. */
    private static final DateTimeFormatter MISP = DateTimeFormatter.ofPattern("yyyy-MM-dd'T'HH:mm:ss.SSSSSSxxx").withZone(ZoneOffset.UTC);

    private SharedTimes() {
    }

    static Instant instant(long nanos) {
        return Instant.ofEpochSecond(Math.floorDiv(nanos, 1_000_000_000L), Math.floorMod(nanos, 1_000_000_000L));
    }

    static String stix(Instant t) {
        return STIX.format(t.truncatedTo(ChronoUnit.MILLIS));
    }

    static String misp(Instant t) {
        return MISP.format(t.truncatedTo(ChronoUnit.MICROS));
    }

    /** A packet time, or the fallback when the store had none (0). */
    static Instant orElse(long nanos, Instant fallback) {
        return nanos > 0 ? instant(nanos) : fallback;
    }
}
