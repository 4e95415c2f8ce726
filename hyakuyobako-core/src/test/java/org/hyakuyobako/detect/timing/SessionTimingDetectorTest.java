package org.hyakuyobako.detect.timing;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.SplittableRandom;
import java.util.TreeSet;
import java.util.stream.Collectors;
import org.hyakuyobako.detect.Detectors;
import org.hyakuyobako.event.Event;
import org.hyakuyobako.event.EvidenceEvent;
import org.hyakuyobako.event.IrcEvent;
import org.hyakuyobako.event.TimingEvent;
import org.hyakuyobako.event.WeirdEvent;
import org.hyakuyobako.net.HomeNet;
import org.hyakuyobako.simulate.GroundTruth;
import org.hyakuyobako.simulate.Scenario;
import org.hyakuyobako.testing.Corpus;
import org.hyakuyobako.testing.EventCollector;
import org.hyakuyobako.testing.IrcConversation;
import org.hyakuyobako.testing.Pipelines;
import org.hyakuyobako.testing.SimulatedCaptures;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** C&C session timing (D5): periods, heartbeats, control-phase sizes and protocol changes. */
class SessionTimingDetectorTest {
    static final long MS = 1_000_000L;
    static final long SECOND = 1_000 * MS;

    @TempDir
    Path dir;

    private static List<EvidenceEvent> timing(EventCollector out) {
        return out.of(EvidenceEvent.class).stream().filter(e -> e.method().equals("timing")).toList();
    }

    /** Slips' test C&C: curl to one HTTPS server every two seconds for 11 minutes, a new connection each time. */
    @Test
    void slipsPeriodicTlsConnectionsAreFound() throws IOException {
        Path capture = Corpus.file("slips/test-cc-capture-1.pcap");
        EventCollector out = Pipelines.run(List.of(capture), a -> Detectors.addDefaults(a,
                Pipelines.options().withHomeNet(HomeNet.privateRanges().with(org.hyakuyobako.net.Cidr.parse("147.32.80.0/24")))));
        List<EvidenceEvent> e = timing(out);
        assertEquals(1, e.size(), e.toString());
        assertEquals("147.32.80.37", e.get(0).host());
        assertEquals("141.193.213.21:443", e.get(0).peer());
        assertEquals(0.4, e.get(0).score(), "regular period and steady size");
        assertTrue(e.get(0).summary().matches("connects to 141\\.193\\.213\\.21:443 every 2\\.\\d s .*"), e.get(0).summary());
    }

    /** Captures of people and services, none of them beaconing: no timing evidence. */
    @Test
    void benignCapturesGiveNoTimingEvidence() throws IOException {
        for (String capture : List.of("arkime/irc.pcap", "arkime/irc-cap-req.pcap", "zeek/irc-starttls.pcap", "ndpi/smtp.pcap",
                "ndpi/http_connect.pcap", "ndpi/exe_download.pcap")) {
            EventCollector out = Pipelines.run(List.of(Corpus.file(capture)), a -> Detectors.addDefaults(a, Pipelines.options()));
            assertEquals(List.of(), timing(out), capture);
        }
    }

    /**
     * The simulator's three botnets (IRC, TLS push with heartbeats, HTTP polling) among benign hosts
     * that browse, update hourly and resolve names: every bot is found by the method that fits its
     * channel and no benign host is named.
     */
    @ParameterizedTest
    @ValueSource(longs = {1, 2, 3})
    void simulatedBotnetsByTheirTiming(long seed) throws IOException {
        Path run = dir.resolve("seed-" + seed);
        GroundTruth truth = new Scenario(Scenario.Spec.intranet(seed)).write(run);
        EventCollector out = SimulatedCaptures.analyse(run, Detectors::addDefaults);
        List<EvidenceEvent> e = timing(out);
        Set<String> named = e.stream().map(EvidenceEvent::host).collect(Collectors.toCollection(TreeSet::new));
        assertTrue(truth.infected().containsAll(named), "benign hosts named: " + named + " vs " + truth.infected());
        for (GroundTruth.Botnet net : truth.botnets) {
            String kind = switch (net.channel()) {
                case "irc" -> "logs in to IRC server " + net.cncIp() + ":" + net.cncPort() + " with control commands";
                case "tls" -> "sends ";
                default -> "connects to " + net.cncIp() + ":" + net.cncPort() + " every ";
            };
            for (String bot : net.bots()) {
                assertTrue(e.stream().anyMatch(x -> x.host().equals(bot) && x.summary().startsWith(kind)
                                && x.peer().equals(net.cncIp() + ":" + net.cncPort())),
                        net.name() + " bot " + bot + " not found by '" + kind + "' in " + e);
            }
        }
        // The flow table writes long connections in 30-minute slices; parsing goes on past them.
        long firstIrc = out.of(IrcEvent.class).stream().mapToLong(IrcEvent::timestampNanos).min().orElseThrow();
        long lastIrc = out.of(IrcEvent.class).stream().mapToLong(IrcEvent::timestampNanos).max().orElseThrow();
        assertTrue(lastIrc - firstIrc > 3600 * SECOND, "IRC parsed for " + (lastIrc - firstIrc) / SECOND + " s only");
        // Every IRC session is described, with the control-phase sizes Sn and times Tn.
        List<TimingEvent> irc = out.of(TimingEvent.class).stream().filter(t -> "irc".equals(t.appProto())).toList();
        assertTrue(irc.size() >= truth.botnets.get(0).bots().size(), irc.toString());
        assertTrue(irc.stream().allMatch(t -> t.controlSizes().length > 0 && t.controlGapsNanos().length == t.controlSizes().length));
    }

    @Test
    void timelineCountsRetransmissionsOnceAndSeparatesUnpromptedMessagesFromAnswers() {
        SessionTimeline t = new SessionTimeline();
        ByteBuffer nick = ByteBuffer.wrap("NICK [x]abc\r\nUSER a 0 0 :a\r\n".getBytes(StandardCharsets.ISO_8859_1));
        assertTrue(t.client(0, 1000, 30, nick, 0, 30));
        assertTrue(!t.client(5 * MS, 1000, 30, nick, 0, 30), "a retransmission repeats bytes already seen");
        ByteBuffer join = ByteBuffer.wrap("join #c\r\n".getBytes(StandardCharsets.ISO_8859_1));
        assertTrue(t.client(300 * MS, 1030, 9, join, 0, 9));
        t.server(400 * MS, 50, 100);
        t.client(450 * MS, 1039, 20, ByteBuffer.allocate(20), 0, 20);   // an answer, 50 ms after the server
        for (int i = 1; i <= 5; i++) {
            t.client(i * 60 * SECOND, 1059 + 40 * (i - 1), 40, ByteBuffer.allocate(40), 0, 40);  // heartbeats
        }
        t.closeTurn();
        assertEquals(List.of(30, 9, 20, 40, 40, 40, 40, 40), toList(t.firstSizes, t.firstCount));
        assertEquals(List.of(30, 9), toList(t.controlSizes, t.controlCount), "NICK/USER and the lower-case join");
        assertEquals(List.of(50 * MS), List.of(t.answerDelays.toArray()[0]));
        assertEquals(7, t.unpromptedTimes.total(), "the login, the join and five heartbeats were not prompted");
        assertEquals(8, t.turns);
    }

    private static List<Integer> toList(int[] a, int n) {
        List<Integer> l = new ArrayList<>();
        for (int i = 0; i < n; i++) {
            l.add(a[i]);
        }
        return l;
    }

    @Test
    void regularityIsNotFooledByTenRandomArrivals() {
        SplittableRandom r = new SplittableRandom(7);
        int regularByChance = 0;
        for (int trial = 0; trial < 2_000; trial++) {
            long[] gaps = new long[10];
            for (int i = 0; i < gaps.length; i++) {
                gaps[i] = (long) (-Math.log(1 - r.nextDouble()) * 600 * SECOND);
            }
            if (Spread.of(gaps).nearMedian() >= SessionTimingDetector.MIN_REGULAR_SHARE) {
                regularByChance++;
            }
        }
        assertTrue(regularByChance <= 2, regularByChance + " of 2000 random series looked regular");
        long[] jittered = new long[12];
        for (int i = 0; i < jittered.length; i++) {
            jittered[i] = 7 * SECOND + r.nextLong(3 * SECOND);   // a poll every 7-10 s
        }
        assertTrue(Spread.of(jittered).nearMedian() >= SessionTimingDetector.MIN_REGULAR_SHARE);
        Spread one = Spread.of(new long[] {5, 5, 5, 5, 500});
        assertEquals(5.0, one.median(), "one outlier does not move the median");
        assertEquals(0.8, one.nearMedian());
    }

    @Test
    void ircSessionThatTurnsIntoSomethingElseIsAProtocolChangeButStarttlsIsNot() {
        List<Event> events = new ArrayList<>();
        SessionTimingDetector detector = new SessionTimingDetector(HomeNet.privateRanges(), events::add);
        StringBuilder garbage = new StringBuilder();
        for (int i = 0; i < 25; i++) {
            garbage.append("\u0016\u0003\u0001\u0002\u0000binary").append(i).append("\r\n");
        }
        new IrcConversation(e -> {
            events.add(e);
            detector.accept(e);
        }, "10.0.0.5", "198.51.100.7", 6667).client("NICK bot\r\nUSER bot 0 0 :bot\r\n").client(garbage.toString());
        new IrcConversation(e -> {
            events.add(e);
            detector.accept(e);
        }, "10.0.0.6", "198.51.100.7", 6697).client("STARTTLS\r\n").client(garbage.toString());
        List<String> weirds = events.stream().filter(WeirdEvent.class::isInstance).map(w -> ((WeirdEvent) w).name())
                .filter(n -> n.equals(SessionTimingDetector.PROTOCOL_CHANGE)).toList();
        assertEquals(1, weirds.size());
        List<EvidenceEvent> e = events.stream().filter(EvidenceEvent.class::isInstance).map(EvidenceEvent.class::cast).toList();
        assertEquals(1, e.size(), e.toString());
        assertEquals("10.0.0.5", e.get(0).host());
        assertEquals("198.51.100.7:6667", e.get(0).peer());
        assertTrue(e.get(0).summary().contains("20 non-IRC lines after 2 IRC line(s)"), e.get(0).summary());
        assertEquals(Map.of("timing.evidence", 1L, "timing.sessions_skipped", 0L), detector.counters());
    }
}
