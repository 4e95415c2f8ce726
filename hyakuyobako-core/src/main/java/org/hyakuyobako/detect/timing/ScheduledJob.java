package org.hyakuyobako.detect.timing;

import java.util.Arrays;

/**
 * Whether a periodic series fires like a scheduled job (cron, a backup agent): a period of whole
 * minutes kept to the second, at one second of the minute. Hosts whose jobs fire at the same second
 * are one administrator's schedule; bots that beacon start on their own clocks and, with a
 * jittered period, never keep to one second.
 */
public final class ScheduledJob {
    static final long MINUTE = 60_000_000_000L;
    /** The period is this close to a whole number of minutes... */
    static final double PERIOD_TOLERANCE = 0.02;
    /** ...and this share of the firings fall within {@link #SECONDS_TOLERANCE} of one second of the minute. */
    static final double MIN_ON_TIME_SHARE = 0.8;
    static final int SECONDS_TOLERANCE = 3;

    private ScheduledJob() {
    }

    /** The second of the minute the series fires at, or -1 when it is not a scheduled job's. */
    static int secondOfMinute(long[] times, double periodNanos) {
        long minutes = Math.round(periodNanos / MINUTE);
        if (minutes < 1 || Math.abs(periodNanos - minutes * MINUTE) > PERIOD_TOLERANCE * periodNanos || times.length == 0) {
            return -1;
        }
        int[] seconds = new int[times.length];
        for (int i = 0; i < times.length; i++) {
            seconds[i] = (int) Math.floorMod(Math.floorDiv(times[i], 1_000_000_000L), 60L);
        }
        int[] sorted = seconds.clone();
        Arrays.sort(sorted);
        int best = -1;
        int bestCount = 0;
        for (int candidate : sorted) {
            int n = 0;
            for (int s : seconds) {
                if (circularDistance(s, candidate) <= SECONDS_TOLERANCE) {
                    n++;
                }
            }
            if (n > bestCount) {
                bestCount = n;
                best = candidate;
            }
        }
        return bestCount >= MIN_ON_TIME_SHARE * seconds.length ? best : -1;
    }

    /**
     * Whether most of several hosts' jobs fire at one second of the minute (within a few seconds of
     * each other: the hosts' clocks differ a little), as one administrator's schedule does.
     *
     * @param seconds each host's {@link #secondOfMinute}, -1 where it has none
     */
    public static boolean sameSecond(int[] seconds) {
        int best = 0;
        for (int candidate : seconds) {
            if (candidate < 0) {
                continue;
            }
            int n = 0;
            for (int s : seconds) {
                if (s >= 0 && circularDistance(s, candidate) <= 2 * SECONDS_TOLERANCE) {
                    n++;
                }
            }
            best = Math.max(best, n);
        }
        return seconds.length > 0 && best >= MIN_ON_TIME_SHARE * seconds.length;
    }

    /**
     * Whether a series fires on the minute (cron and backup agents start their jobs at second 0, a
     * few seconds late at most): a scheduled job, no implant. A timer that keeps another second of
     * the minute is a fixed-period program (an implant's default 60 s, too) and stays evidence.
     */
    public static boolean onTheMinute(int secondOfMinute) {
        return secondOfMinute >= 0 && circularDistance(secondOfMinute, 0) <= SECONDS_TOLERANCE;
    }

    static int circularDistance(int a, int b) {
        int d = Math.abs(a - b) % 60;
        return Math.min(d, 60 - d);
    }
}
