package org.hyakuyobako.detect.sync;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.List;
import org.hyakuyobako.decode.IpAddresses;
import org.junit.jupiter.api.Test;

/** The Poisson chance of reactions lining up, against closed forms and the cases it must tell apart. */
class ChanceOfCoincidenceTest {
    static final long S = 1_000_000_000L;

    @Test
    void tailAgreesWithClosedForms() {
        assertEquals(Math.log10(1 - Math.exp(-0.5)), ChanceOfCoincidence.log10Tail(0.5, 1), 1e-9);
        assertEquals(0, ChanceOfCoincidence.log10Tail(5, 3), 0, "at or past the mean: taken as certain");
        double mean = 0.01;
        double exact = 1 - Math.exp(-mean) * (1 + mean + mean * mean / 2);
        assertEquals(Math.log10(exact), ChanceOfCoincidence.log10Tail(mean, 3), 1e-6);
        assertEquals(0, ChanceOfCoincidence.log10Tail(0.5, 0), 0);
    }

    /**
     * A busy intranet: two reactions per host and hour, a thousand nodes looked at. Six bots within
     * 6 s of each other are no chance; three of a chat service's forty users within 6 s are.
     */
    @Test
    void sixBotsAreNoChanceButThreeOfFortyAre() {
        List<Reaction> run = new ArrayList<>();
        long[] h = IpAddresses.parse("10.1.0.1");
        for (int i = 0; i < 480; i++) {
            Reaction r = new Reaction(h[0], h[1], "10.1.0.1", i * S, new ArrayList<>());
            r.kind = ReactionKind.DOWNLOAD;
            run.add(r);
        }
        ChanceOfCoincidence chance = new ChanceOfCoincidence(run, 120, 7_200 * S);
        double bots = chance.log10(List.of(new ChanceOfCoincidence.Occasion(6, 6, 6 * S, false)), 1_000);
        double chat = chance.log10(List.of(new ChanceOfCoincidence.Occasion(3, 40, 6 * S, false)), 1_000);
        assertTrue(bots < CncInference.LOG10_MAX_CHANCE, "bots " + bots);
        assertTrue(chat > CncInference.LOG10_MAX_CHANCE, "chat " + chat);
    }
}
