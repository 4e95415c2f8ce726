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

    /** An EVE time ({@link #eve}'s form, any numeric offset) back to nanoseconds since the epoch, to the microsecond. */
    public static long parseEve(String text) {
        java.time.OffsetDateTime t = java.time.OffsetDateTime.parse(text, EVE_PARSE);
        return t.toEpochSecond() * 1_000_000_000L + t.getNano();
    }

    private static final java.time.format.DateTimeFormatter EVE_PARSE =
            java.time.format.DateTimeFormatter.ofPattern("yyyy-MM-dd'T'HH:mm:ss[.SSSSSS]xx", java.util.Locale.ROOT);

    /** {@code 1300000000.123456}: seconds and microseconds as text, as Zeek writes {@code ts} and Argus durations. */
    public static String decimalSeconds(long nanos) {
        long micros = Math.floorMod(nanos, 1_000_000_000L) / 1_000;
        String frac = Long.toString(1_000_000 + micros).substring(1);
        return Math.floorDiv(nanos, 1_000_000_000L) + "." + frac;
    }

    /** {@link #decimalSeconds}'s text (any number of decimals) back to nanoseconds, exactly: a double would lose the last microsecond. */
    public static long parseDecimalSeconds(String text) {
        String s = text.strip();
        boolean negative = s.startsWith("-");
        if (negative) {
            s = s.substring(1);
        }
        int dot = s.indexOf('.');
        long whole = Long.parseLong(dot < 0 ? s : s.substring(0, dot));
        long fraction = dot < 0 ? 0 : Long.parseLong((s.substring(dot + 1) + "000000000").substring(0, 9));
        long n = whole * 1_000_000_000L + fraction;
        return negative ? -n : n;
    }

    /** Seconds with six decimals, as Zeek writes {@code ts} and {@code duration}. */
    public static double seconds(long nanos) {
        return Math.round(nanos / 1_000.0) / 1_000_000.0;
    }
}
