package org.hyakuyobako.detect.sync;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.SplittableRandom;
import org.hyakuyobako.decode.IpAddresses;
import org.junit.jupiter.api.Test;

/**
 * C&C inference on hand-made reactions, each test an adversary the inference must not fall for or
 * a bot it must not miss: jittered delays, one command to many bots, two bots, a benign job polled
 * at the same minute everywhere, a node every host talks to, a popular node, and firewall logs that
 * carry no command times at all (connections open, one-second stamps).
 *
 * <p>Mutations these catch (checked by hand): the delay band narrowed to 1.5 s (the jitter test
 * fails); any single occasion enough for two bots (the pair test fails); command times not
 * required to line up (the chat test fails); the exclusivity or population service rule removed
 * (the popular and everywhere tests fail); dominance removed (the updater test fails); open
 * connections ignored (the log test fails).
 */
class CncInferenceTest {
    static final long S = 1_000_000_000L;
    static final long T0 = 1_700_000_000L * S;
    static final String CNC = "198.51.100.66";
    static final String UPDATER = "203.0.113.80";

    private final SyncConfig config = SyncConfig.defaults(List.of(1.0, 10.0));
    private final SplittableRandom random = new SplittableRandom(7);

    private static long[] ip(String text) {
        return IpAddresses.parse(text);
    }

    private static Reaction reaction(String host, long onset, ReactionKind kind, CommandHistory.Candidate... candidates) {
        long[] h = ip(host);
        Reaction r = new Reaction(h[0], h[1], host, onset, new ArrayList<>(List.of(candidates)));
        r.kind = kind;
        r.lastNanos = onset + 3 * S;
        return r;
    }

    private static CommandHistory.Candidate heard(String node, int port, long... delays) {
        long[] n = ip(node);
        return new CommandHistory.Candidate(n[0], n[1], port, "tls", delays, false, false);
    }

    private static CommandHistory.Candidate open(String node, int port) {
        long[] n = ip(node);
        return new CommandHistory.Candidate(n[0], n[1], port, "unknown", new long[0], true, false);
    }

    private List<CncFinding> infer(List<Reaction> reactions, int population, Map<String, Integer> contacts) {
        CncInference.Contacts c = (hi, lo) -> contacts.getOrDefault(IpAddresses.format(hi, lo), 0);
        // The run's rate of reactions: one an hour per host, over two hours.
        List<Reaction> background = new ArrayList<>();
        for (int i = 0; i < 2 * population; i++) {
            background.add(reaction("10.9.0.1", T0, i % 3 == 0 ? ReactionKind.SCAN : ReactionKind.DOWNLOAD));
        }
        ChanceOfCoincidence chance = new ChanceOfCoincidence(background, population, 7_200 * S);
        return new CncInference(config, c, (ip, port) -> Set.of(), population, chance).infer(reactions);
    }

    /** One pushed command, five bots, each reacting after a base delay plus up to 5 s of its own jitter. */
    @Test
    void oneCommandToManyBotsWithJitteredDelays() {
        for (int trial = 0; trial < 50; trial++) {
            List<Reaction> rs = new ArrayList<>();
            long base = (long) ((0.2 + random.nextDouble() * 2.8) * S);
            for (int b = 0; b < 5; b++) {
                long delay = base + (long) (random.nextDouble() * 5 * S);
                rs.add(reaction("10.1.0." + (20 + b), T0 + delay, ReactionKind.SCAN, heard(CNC, 443, delay, delay + 61 * S)));
            }
            List<CncFinding> f = infer(rs, 120, Map.of(CNC, 5));
            assertEquals(1, f.size(), "trial " + trial);
            assertEquals(5, f.get(0).bots().size(), "trial " + trial);
        }
    }

    /**
     * A chat server pushes to one person at a time, and each then fetches the picture a few seconds
     * later: consistent delays, but the pushes never reach several hosts at once as a command does.
     */
    @Test
    void pushesToOneHostAtATimeAreNoCommand() {
        List<Reaction> rs = new ArrayList<>();
        for (int b = 0; b < 12; b++) {
            long push = T0 + (long) (random.nextDouble() * 3_600) * S;
            long delay = (long) ((1 + random.nextDouble()) * S);
            rs.add(reaction("10.1.0." + (20 + b), push + delay, ReactionKind.SCAN, heard(CNC, 443, delay, delay + 80 * S)));
        }
        assertEquals(List.of(), infer(rs, 120, Map.of(CNC, 14)));
    }

    /**
     * Two bots that heard one pushed message together and both swept: one command is enough. Not
     * when they only downloaded (what browsers do), not when the node also talks to others, not
     * when the node is polled (two polls a period apart line up by chance).
     */
    @Test
    void twoBotsOnceNeedAPushedCommandAndABotLikeReaction() {
        assertEquals(1, infer(pair(ReactionKind.SCAN, false), 120, Map.of(CNC, 2)).size(), "pushed, swept");
        assertEquals(List.of(), infer(pair(ReactionKind.DOWNLOAD, false), 120, Map.of(CNC, 2)), "downloads only");
        assertEquals(List.of(), infer(pair(ReactionKind.SCAN, false), 120, Map.of(CNC, 4)), "the node talks to others too");
        assertEquals(List.of(), infer(pair(ReactionKind.SCAN, true), 120, Map.of(CNC, 2)), "polled");
    }

    /** Two bots obeying twice, with a sweep or a spam run, are enough even when the node is polled. */
    @Test
    void twoBotsTwiceAreEnough() {
        List<Reaction> twice = pair(ReactionKind.SCAN, true);
        long[] n = ip(CNC);
        twice.add(reaction("10.1.0.20", T0 + 900 * S, ReactionKind.SPAM, new CommandHistory.Candidate(n[0], n[1], 443, "tls",
                new long[] {2 * S, 62 * S}, false, true)));
        twice.add(reaction("10.1.0.21", T0 + 925 * S, ReactionKind.SPAM, new CommandHistory.Candidate(n[0], n[1], 443, "tls",
                new long[] {3 * S, 63 * S}, false, true)));
        List<CncFinding> f = infer(twice, 120, Map.of(CNC, 2));
        assertEquals(1, f.size());
        assertEquals(List.of("10.1.0.20", "10.1.0.21"), f.get(0).bots());
    }

    /** Two bots' reactions to one message of the node, pushed (heard at once) or polled (heard at each one's poll, 20 s apart). */
    private static List<Reaction> pair(ReactionKind kind, boolean polled) {
        long[] n = ip(CNC);
        long apart = polled ? 20 * S : 0;
        return new ArrayList<>(List.of(
                reaction("10.1.0.20", T0 + 2 * S, kind, new CommandHistory.Candidate(n[0], n[1], 443, "tls", new long[] {2 * S, 62 * S},
                        false, polled)),
                reaction("10.1.0.21", T0 + apart + 3 * S, kind, new CommandHistory.Candidate(n[0], n[1], 443, "tls",
                        new long[] {3 * S, 63 * S}, false, polled))));
    }

    /**
     * An updater every host polls at minute 7 (within 20 s) happened to answer the bots just before
     * a command: its delays are spread over its polling, the C&C's agree, and the C&C explains every
     * occasion the updater explains and more.
     */
    @Test
    void anUpdaterPolledBeforeACommandIsNotItsCnc() {
        List<Reaction> rs = new ArrayList<>();
        for (int occasion = 0; occasion < 3; occasion++) {
            long command = T0 + occasion * 1_200 * S;
            for (int b = 0; b < 3; b++) {
                long delay = (long) ((1 + random.nextDouble() * 3) * S);
                long onset = command + delay;
                List<CommandHistory.Candidate> c = new ArrayList<>(List.of(heard(CNC, 8443, delay)));
                if (occasion == 0) {
                    c.add(heard(UPDATER, 443, (long) ((5 + b * 7 + random.nextDouble()) * S)));
                }
                rs.add(reaction("10.1.0." + (20 + b), onset, ReactionKind.SCAN, c.toArray(CommandHistory.Candidate[]::new)));
            }
        }
        List<CncFinding> f = infer(rs, 5, Map.of(CNC, 3, UPDATER, 5));
        assertEquals(1, f.size(), f.toString());
        assertEquals(CNC, f.get(0).endpoint().ip());
    }

    /** A node nearly every monitored host talks to (a management server) is a service, unless all of them obey. */
    @Test
    void aNodeEveryHostTalksToIsAServiceUnlessAllObey() {
        List<Reaction> rs = new ArrayList<>();
        for (int b = 0; b < 3; b++) {
            rs.add(reaction("203.0.113." + (10 + b), T0 + (2 + b) * S, ReactionKind.SCAN, heard(CNC, 443, (2 + b) * S)));
        }
        assertEquals(List.of(), infer(new ArrayList<>(rs), 5, Map.of(CNC, 5)));
        assertEquals(1, infer(new ArrayList<>(rs), 5, Map.of(CNC, 3)).size());
    }

    /** A popular node (many hosts talk to it) is not the C&C of the few that reacted after it. */
    @Test
    void aPopularNodeIsNotTheCncOfAFew() {
        List<Reaction> rs = new ArrayList<>();
        for (int b = 0; b < 4; b++) {
            rs.add(reaction("10.1.0." + (20 + b), T0 + (2 + b) * S, ReactionKind.SCAN, heard(CNC, 443, (2 + b) * S)));
        }
        assertEquals(List.of(), infer(rs, 120, Map.of(CNC, 40)));
    }

    /**
     * From a firewall log: the bots' connections to the C&C are open (no command times), and their
     * reactions start within a few seconds of each other. Spread over a minute, they are no
     * occasion; close together, three bots are.
     */
    @Test
    void aLogsOpenConnectionsStandForCommandsWhenReactionsStartTogether() {
        List<Reaction> together = new ArrayList<>();
        List<Reaction> apart = new ArrayList<>();
        for (int b = 0; b < 3; b++) {
            together.add(reaction("10.1.0." + (20 + b), T0 + b * 2 * S, ReactionKind.SPAM, open(CNC, 443)));
            apart.add(reaction("10.1.0." + (20 + b), T0 + b * 40 * S, ReactionKind.SPAM, open(CNC, 443)));
        }
        List<CncFinding> f = infer(together, 120, Map.of(CNC, 3));
        assertEquals(1, f.size());
        assertEquals(-1, f.get(0).medianDelayNanos(), "no delay is known from a log");
        assertEquals(List.of(), infer(apart, 120, Map.of(CNC, 3)));
    }

    /**
     * A poll answered and a reaction logged in the same second: delay 0 is a delay, not nothing. The
     * bots poll every 30 s on their own clocks, so they hear the command up to a period apart.
     */
    @Test
    void oneSecondStampsPutAPollAndItsReactionInOneSecond() {
        List<Reaction> rs = new ArrayList<>();
        for (int b = 0; b < 3; b++) {
            long[] n = ip(CNC);
            rs.add(reaction("10.1.0." + (20 + b), T0 + b * 11 * S, ReactionKind.DOWNLOAD,
                    new CommandHistory.Candidate(n[0], n[1], 80, "http", new long[] {0, 30 * S, 60 * S}, false, true)));
        }
        List<CncFinding> f = infer(rs, 120, Map.of(CNC, 3));
        assertEquals(1, f.size());
        assertTrue(f.get(0).medianDelayNanos() < S);
    }
}
