package org.hyakuyobako.detect.sync;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.SplittableRandom;
import java.util.TreeSet;
import java.util.stream.IntStream;
import org.hyakuyobako.detect.Detectors;
import org.hyakuyobako.event.CncEvent;
import org.hyakuyobako.testing.EventCollector;
import org.hyakuyobako.testing.Pipelines;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * C&C inference end to end (log reader, CommandHistory, ReactionClassifier, OccasionFinder,
 * CncInference) against adversaries written as Cisco ASA logs: random jitter and random targets,
 * one command to many bots, a benign job at the same minute on every host, a scanner sweeping
 * every monitored host just before the bots react, and bots behind NAT (several bots per
 * address). Each has an exact expected outcome: the C&C with exactly its bots, or no C&C at all.
 * Twenty benign hosts browse a popular site throughout, so the monitored population is realistic.
 *
 * <p>Mutations these catch (tried, failed, restored): log connections recorded as commands whoever
 * opened them (the scanner test); prevalence and population-service rules removed, or the command
 * spread narrowed to 0.5 s (the benign-job test). Not caught, so not claimed: requiring four hosts
 * instead of three on one occasion (the two-occasion rule still names these C&C servers).
 *
 * <p>Two adversaries found a gap (issue 29): the same benign job with starts spread over 20 s, or
 * over three mirrors, was named C&C. Closed by the bystander rule (issue 27): at those moments as
 * many other hosts react alike, so the moments belong to the population. Mutation this catches:
 * the bystander count ignored.
 */
class CncAdversariesTest {
    static final String CNC = "198.51.100.66";
    static final String POPULAR = "93.184.216.34";
    static final String UPDATER = "203.0.113.80";
    static final String SCANNER = "192.0.2.99";

    @TempDir
    Path dir;

    private final SplittableRandom random = new SplittableRandom(29);
    private int port = 40_000;

    private List<String> hosts(int first, int count) {
        return IntStream.range(first, first + count).mapToObj(i -> "10.0.0." + i).toList();
    }

    /** Twenty benign hosts (10.0.0.100-119) each fetch a page from a popular site every ten minutes or so, for three hours. */
    private AsaLogScript background() {
        AsaLogScript log = new AsaLogScript();
        for (String h : hosts(100, 20)) {
            for (long t = random.nextInt(600); t < 3 * 3600 - 60; t += 400 + random.nextInt(400)) {
                log.connection(t, h, port++, POPULAR, 443, 20_000 + random.nextInt(20_000), 1 + random.nextInt(3));
            }
        }
        return log;
    }

    /** Each bot's channel to the C&C, opened in the first minute and never torn down. */
    private void channels(AsaLogScript log, List<String> bots) {
        for (String b : bots) {
            log.open(1 + random.nextInt(50), b, port++, CNC, 8443);
        }
    }

    /** A spam run: five answered mails to random mail servers, starting 0-2 s after {@code t} (a command's jitter). */
    private void spamRun(AsaLogScript log, String bot, long t) {
        long start = t + random.nextInt(3);
        for (int m = 0; m < 5; m++) {
            String mta = "203.0." + (110 + random.nextInt(100)) + "." + (1 + random.nextInt(250));
            int p = port++;
            log.connection(start + m / 3, bot, p, mta, 25, 2_000 + random.nextInt(1_000), 1);
        }
    }

    /** A sweep: twelve unanswered connections to random addresses on 445, starting 0-2 s after {@code t}. */
    private void sweep(AsaLogScript log, String bot, long t) {
        long start = t + random.nextInt(3);
        for (int m = 0; m < 12; m++) {
            String target = (11 + random.nextInt(180)) + "." + random.nextInt(256) + "." + random.nextInt(256) + "." + (1 + random.nextInt(254));
            log.connection(start + m / 4, bot, port++, target, 445, 0, 30);
        }
    }

    private List<String> cncs(AsaLogScript log) throws IOException {
        Path file = log.write(dir.resolve("asa.log"));
        EventCollector out = Pipelines.run(List.of(file), a -> Detectors.addDefaults(a, Pipelines.options()));
        return out.of(CncEvent.class).stream().map(c -> c.cnc().ip() + ":" + c.cnc().port() + " " + new TreeSet<>(c.bots())).toList();
    }

    /**
     * Four bots obey twice, a spam run and a sweep, each bot 0-2 s late (its own jitter) and every
     * target random: the C&C is found with exactly its four bots, and no random target is named.
     */
    @Test
    void jitteredBotsWithRandomTargetsNameTheirCncOnly() throws IOException {
        AsaLogScript log = background();
        List<String> bots = hosts(1, 4);
        channels(log, bots);
        bots.forEach(b -> spamRun(log, b, 1_200));
        bots.forEach(b -> sweep(log, b, 4_500));
        assertEquals(List.of(CNC + ":8443 " + new TreeSet<>(bots)), cncs(log));
    }

    /** One command to fifteen bots among thirty-five hosts: one occasion names the C&C with all fifteen. */
    @Test
    void oneCommandToManyBots() throws IOException {
        AsaLogScript log = background();
        List<String> bots = hosts(1, 15);
        channels(log, bots);
        bots.forEach(b -> spamRun(log, b, 2_000));
        assertEquals(List.of(CNC + ":8443 " + new TreeSet<>(bots)), cncs(log));
    }

    /**
     * Every host (the twenty and four more) checks an updater at minute 7 of each hour on the second
     * (cron on synchronised clocks), then downloads from the vendor's mirror and exchanges pieces
     * with fifteen new peers on one port (what a sweep looks like): a population-wide job at the
     * same minute everywhere, which must name no C&C.
     *
     * <p>Mutation caught (tried in CncInference, failed, restored): the prevalence and population
     * service rules removed (the mirror is named C&C of every host).
     */
    @Test
    void aBenignJobAtTheSameMinuteEverywhereIsNoCnc() throws IOException {
        assertEquals(List.of(), cncs(benignJob(1, 2)));
    }

    /**
     * The same job with the hosts' starts spread over 20 s (clocks a little apart, or a randomised
     * cron delay): the copies no longer reach the hosts within a command's spread, so each occasion
     * holds only a few hosts and prevalence does not apply; the other hosts doing the same at that
     * moment (bystanders) show the moment is the population's. The expected outcome is no C&C.
     */
    @Test
    void aBenignJobSpreadOverTwentySecondsIsNoCnc() throws IOException {
        assertEquals(List.of(), cncs(benignJob(1, 20)));
    }

    /** As above, each host picking one of three mirrors each hour. */
    @Test
    void aBenignJobSpreadOverMirrorsIsNoCnc() throws IOException {
        assertEquals(List.of(), cncs(benignJob(3, 20)));
    }

    private AsaLogScript benignJob(int mirrors, int spreadSeconds) {
        AsaLogScript log = background();
        List<String> everyone = new ArrayList<>(hosts(100, 20));
        everyone.addAll(hosts(1, 4));
        for (int hour = 0; hour < 3; hour++) {
            for (String h : everyone) {
                long t = hour * 3600 + 7 * 60 + random.nextInt(spreadSeconds);
                log.connection(t, h, port++, UPDATER, 443, 3_000, 1);
                log.connection(t + 2, h, port++, "192.0.2." + (10 + random.nextInt(mirrors)), 80, 5_000_000, 20);
                // Peer-to-peer update delivery (Windows Delivery Optimization): many new addresses
                // on one port at once, which looks like a sweep.
                for (int c = 0; c < 15; c++) {
                    String peer = (11 + random.nextInt(180)) + "." + random.nextInt(256) + "." + random.nextInt(256) + "." + (1 + random.nextInt(254));
                    log.connection(t + 3 + c / 5, h, port++, peer, 7680, c % 3 == 0 ? 0 : 4_000, 2);
                }
            }
        }
        return log;
    }

    /**
     * A scanner sweeps the four sensors (the honeypots, here all bots), one a second, ending a second
     * before the bots obey, on both occasions: its probes precede every reaction with a consistent
     * delay and it reaches only bots (exclusive, not population-wide), but the hosts never opened a
     * connection to it, so it cannot have commanded them. Only the real C&C is named.
     *
     * <p>Mutation caught (tried in SyncDetector, failed, restored): connections from a log recorded
     * as possible commands whoever opened them and whether answered or not (the scanner is named).
     */
    @Test
    void aScannerSweepingEverySensorIsNoCnc() throws IOException {
        AsaLogScript log = background();
        List<String> bots = hosts(1, 4);
        channels(log, bots);
        for (long occasion : new long[] {1_500, 5_000}) {
            for (int i = 0; i < bots.size(); i++) {
                log.probe(occasion - bots.size() + i - 1, SCANNER, 51_000 + i, bots.get(i), 22);
            }
            bots.forEach(b -> spamRun(log, b, occasion));
        }
        assertEquals(List.of(CNC + ":8443 " + new TreeSet<>(bots)), cncs(log));
    }

    /**
     * Three sites, each behind one address (10.0.0.1-3), each hiding four bots and benign users:
     * the sensor sees one host per site holding four channels to the C&C and four spam runs at once.
     * The C&C is named with the three addresses; the popular site their users browse is not.
     */
    @Test
    void botsBehindNatNameTheCncWithTheirAddresses() throws IOException {
        AsaLogScript log = background();
        List<String> sites = hosts(1, 3);
        for (String site : sites) {
            for (int bot = 0; bot < 4; bot++) {
                log.open(1 + random.nextInt(50), site, port++, CNC, 8443);
            }
            for (long t = random.nextInt(300); t < 3 * 3600 - 60; t += 200 + random.nextInt(200)) {
                log.connection(t, site, port++, POPULAR, 443, 20_000, 2);
            }
        }
        for (long occasion : new long[] {1_800, 6_000}) {
            for (String site : sites) {
                for (int bot = 0; bot < 4; bot++) {
                    spamRun(log, site, occasion);
                }
            }
        }
        assertEquals(List.of(CNC + ":8443 " + new TreeSet<>(sites)), cncs(log));
    }
}
