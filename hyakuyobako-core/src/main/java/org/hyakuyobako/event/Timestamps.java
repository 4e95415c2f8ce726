package org.hyakuyobako.event;

import java.time.LocalDate;

/**
 * Timestamps as Suricata's EVE writes them: ISO 8601, microseconds, numeric offset (always UTC).
 *
 * <p>Hand-formatted rather than with DateTimeFormatter, which costs about a microsecond a call
 * and showed up as a third of eve.json's writing time on flow-heavy captures. The calendar date
 * is cached per day, so the common case is digit arithmetic only.
 */
public final class Timestamps {
    private static final long NANOS_PER_DAY = 86_400_000_000_000L;
    private static final ThreadLocal<DayCache> DAY = ThreadLocal.withInitial(DayCache::new);

    private Timestamps() {
    }

    private static final class DayCache {
        long epochDay = Long.MIN_VALUE;
        String date;
    }

    /** e.g. {@code 2008-04-28T08:00:00.123456+0000} */
    public static String eve(long epochNanos) {
        long day = Math.floorDiv(epochNanos, NANOS_PER_DAY);
        long inDay = Math.floorMod(epochNanos, NANOS_PER_DAY);
        DayCache cache = DAY.get();
        if (cache.epochDay != day) {
            cache.epochDay = day;
            cache.date = LocalDate.ofEpochDay(day).toString();
        }
        long micros = inDay / 1_000;
        long seconds = micros / 1_000_000;
        int micro = (int) (micros % 1_000_000);
        int hour = (int) (seconds / 3600);
        int minute = (int) (seconds / 60 % 60);
        int second = (int) (seconds % 60);
        char[] t = new char[21];
        t[0] = 'T';
        two(t, 1, hour);
        t[3] = ':';
        two(t, 4, minute);
        t[6] = ':';
        two(t, 7, second);
        t[9] = '.';
        for (int i = 15; i >= 10; i--) {
            t[i] = (char) ('0' + micro % 10);
            micro /= 10;
        }
        t[16] = '+';
        t[17] = '0';
        t[18] = '0';
        t[19] = '0';
        t[20] = '0';
        return cache.date.concat(new String(t));
    }

    /** e.g. {@code 2008-04-28 08:00:00.123456}: a literal DuckDB reads into a TIMESTAMP column (UTC). */
    public static String sql(long epochNanos) {
        String eve = eve(epochNanos);
        return eve.substring(0, 10) + ' ' + eve.substring(11, 26);
    }

    private static void two(char[] t, int at, int v) {
        t[at] = (char) ('0' + v / 10);
        t[at + 1] = (char) ('0' + v % 10);
    }

    /** Seconds with six decimals, as Zeek writes {@code ts} and {@code duration}. */
    public static double seconds(long nanos) {
        return Math.round(nanos / 1_000.0) / 1_000_000.0;
    }
}
