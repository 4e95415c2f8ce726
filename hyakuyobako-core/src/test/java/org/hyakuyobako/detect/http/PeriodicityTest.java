package org.hyakuyobako.detect.http;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;

/**
 * A jittered timer is regular, random arrivals and bursts are not, and missed beats and a retry do
 * not hide a timer. Mutations seen failing: the MAD replaced by the mean absolute deviation (the missed
 * beats and the retry broke the timer), the minimum period removed (the burst was regular), MIN_INTERVALS at 1.
 */
class PeriodicityTest {
    static final long S = 1_000_000_000L;

    @Test
    void jitteredTimerWithMissedBeatsAndARetryIsRegular() {
        SplittableRandom r = new SplittableRandom(1);
        long[] t = new long[12];
        long at = 0;
        for (int i = 0; i < t.length; i++) {
            // Two missed beats and a retry 5 s after a beat: outliers the MAD ignores and a mean would not.
            at += i == 9 ? 5 * S : 60 * S + (long) (r.nextDouble(-0.1, 0.1) * 60 * S) + (i == 3 || i == 6 ? 60 * S : 0);
            t[i] = at;
        }
        Periodicity p = Periodicity.of(t);
        assertTrue(p.regular(), p.toString());
        assertEquals(60, p.medianNanos() / S, 6);
    }

    @Test
    void randomArrivalsAreNot() {
        SplittableRandom r = new SplittableRandom(2);
        long[] t = new long[20];
        long at = 0;
        for (int i = 0; i < t.length; i++) {
            at += (long) (-Math.log(1 - r.nextDouble()) * 60 * S);
            t[i] = at;
        }
        assertFalse(Periodicity.of(t).regular(), Periodicity.of(t).toString());
    }

    @Test
    void aBurstAndTooFewAreNot() {
        assertFalse(Periodicity.of(new long[] {0, S / 10, 2 * S / 10, 3 * S / 10, 4 * S / 10, 5 * S / 10}).regular(), "a burst");
        assertFalse(Periodicity.of(new long[] {0, 60 * S, 120 * S, 180 * S}).regular(), "three intervals");
        assertTrue(Periodicity.of(new long[] {0, 60 * S, 120 * S, 180 * S, 240 * S}).regular(), "four");
    }
}
