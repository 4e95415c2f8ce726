package org.hyakuyobako.detect.ircchannel;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.hyakuyobako.detect.Detectors;
import org.hyakuyobako.event.Event;
import org.hyakuyobako.event.EvidenceEvent;
import org.hyakuyobako.event.IrcChannelEvent;
import org.hyakuyobako.testing.Corpus;
import org.hyakuyobako.testing.EventCollector;
import org.hyakuyobako.testing.IrcConversation;
import org.hyakuyobako.testing.Pipelines;
import org.junit.jupiter.api.Test;

/** Channel statistics (D4): membership, growth, long stays, single-channel share, machine-fast answers. */
class ChannelStatisticsTest {
    private final List<Event> events = new ArrayList<>();
    private final ChannelStatistics stats = new ChannelStatistics(events::add);

    private List<EvidenceEvent> evidence() {
        return events.stream().filter(EvidenceEvent.class::isInstance).map(EvidenceEvent.class::cast).toList();
    }

    private IrcChannelEvent channel(String name) {
        return events.stream().filter(IrcChannelEvent.class::isInstance).map(IrcChannelEvent.class::cast)
                .filter(c -> c.channel().equals(name)).findFirst().orElseThrow(() -> new AssertionError("no " + name + " in " + events));
    }

    private IrcConversation joined(String host, String nick, String channel) {
        return new IrcConversation(stats, host, "203.0.113.50", 6667)
                .client("NICK " + nick + "\r\nUSER " + nick + " 0 * :x\r\n")
                .server(":irc.example.net 001 " + nick + " :Welcome\r\n")
                .client("JOIN " + channel + "\r\n")
                .server(":" + nick + "!u@h JOIN " + channel + "\r\n");
    }

    @Test
    void membershipFollowsNamesJoinPartKickQuitAndNick() {
        IrcConversation c = joined("10.0.0.5", "alice", "#chat")
                .server(":irc.example.net 353 alice = #chat :alice @op +voice %half ~owner bob!b@host.example [Bot]\r\n")
                .after(5).server(":carol!c@h JOIN #chat\r\n")
                .after(5).server(":bob!b@h PART #chat :bye\r\n")
                .after(5).server(":op!o@h KICK #chat voice :behave\r\n")
                .after(5).server(":half!h@h QUIT :Ping timeout\r\n")
                .after(5).server(":{BOT}!x@h NICK robot\r\n");
        stats.finish();
        IrcChannelEvent e = channel("#chat");
        // alice op voice half owner bob [bot] carol, less bob, voice and half: 5, with [Bot] renamed.
        assertEquals(5, e.members());
        assertEquals(8, e.membersMax());
        assertEquals(2, e.joins(), "alice's own JOIN and carol's");
        assertEquals(1, e.parts());
        assertEquals(1, e.kicks());
        assertEquals(1, e.quits());
        assertEquals(List.of("10.0.0.5"), e.monitoredHosts());
        assertTrue(e.singleChannelShare() < 0, "one channel seen on the server: the share means nothing");
        assertTrue(c.now() > 0);
        assertEquals(List.of(), evidence());
    }

    @Test
    void botAnsweringItsHerderAtOnceIsFasterThanAPerson() {
        IrcConversation bot = joined("10.0.0.6", "[x]IqRkpiH", "#bots");
        for (int i = 0; i < 4; i++) {
            bot.after(600).server(":boss!b@h PRIVMSG #bots :.advscan lsass 200 5 0 -r -s\r\n")
                    .after(0.2).client("PRIVMSG #bots :[SCAN]: Random Port Scan started on 10.0.x.x:445 with a delay of 5 seconds\r\n");
        }
        List<EvidenceEvent> e = evidence();
        assertEquals(1, e.size(), e.toString());
        assertEquals("irc-channel", e.get(0).method());
        assertEquals("10.0.0.6", e.get(0).host());
        assertEquals("203.0.113.50:6667", e.get(0).peer());
        assertEquals(0.5, e.get(0).score());
        assertTrue(e.get(0).summary().startsWith("answers other IRC users faster than a person types: 3 of 3"), e.get(0).summary());
    }

    @Test
    void peopleAnswerAtTypingSpeedAndBusyChannelsTimeNothing() {
        IrcConversation alice = joined("10.0.0.7", "alice", "#chat");
        for (int i = 0; i < 5; i++) {
            alice.after(60).server(":bob!b@h PRIVMSG #chat :anyone tried the new kernel?\r\n")
                    .after(4 + i).client("PRIVMSG #chat :yes, works fine here\r\n");
        }
        // A busy channel: someone spoke just before every line, so no line is an answer to time.
        for (int i = 0; i < 20; i++) {
            alice.after(1).server(":carol!c@h PRIVMSG #chat :line " + i + "\r\n")
                    .after(0.3).client("PRIVMSG #chat :and another thing " + i + "\r\n");
        }
        // CTCP requests are answered by the client program, not the person.
        alice.after(30).server(":dave!d@h PRIVMSG alice :\u0001VERSION\u0001\r\n")
                .after(0.01).client("NOTICE dave :\u0001VERSION irssi 1.4\u0001\r\n");
        assertEquals(List.of(), evidence());
    }

    @Test
    void suddenGrowthWithNewNicksButNotARejoinAfterANetsplit() {
        IrcConversation bot = joined("10.0.0.8", "JPN|425015894", "#x")
                .server(":irc.example.net 353 JPN|425015894 @ #x :JPN|425015894 @herder USA|11 USA|12\r\n");
        for (int i = 0; i < 12; i++) {
            bot.after(20).server(":DEU|" + (9000 + i) + "!x@h JOIN #x\r\n");
        }
        IrcConversation person = joined("10.0.0.9", "alice", "#linux")
                .server(":irc.example.net 353 alice = #linux :alice " + names("user", 30) + "\r\n");
        for (int i = 0; i < 30; i++) {
            person.after(1).server(":user" + i + "!u@h QUIT :irc.example.net hub.example.net\r\n");
        }
        for (int i = 0; i < 30; i++) {
            person.after(1).server(":user" + i + "!u@h JOIN #linux\r\n");
        }
        stats.finish();
        List<EvidenceEvent> e = evidence();
        assertEquals(1, e.size(), e.toString());
        assertEquals("10.0.0.8", e.get(0).host());
        assertTrue(e.get(0).summary().startsWith("is in #x, which grew from 4 to 14 members with 10 new nicks"), e.get(0).summary());
        assertEquals(4, channel("#x").growthFrom());
        assertEquals(16, channel("#x").members());
        assertEquals(-1, channel("#linux").growthFrom());
        assertEquals(31, channel("#linux").members());
    }

    private static String names(String prefix, int n) {
        StringBuilder b = new StringBuilder();
        for (int i = 0; i < n; i++) {
            b.append(i == 0 ? "" : " ").append(prefix).append(i);
        }
        return b.toString();
    }

    @Test
    void longStayInTheOnlyChannelAndTheShareOfSingleChannelMembers() {
        // Two monitored hosts on one server: a bot in its one channel for hours, a person in two.
        IrcConversation bot = joined("10.0.0.10", "rbot123456", "#b0ts")
                .server(":irc.example.net 353 rbot123456 @ #b0ts :rbot123456 " + names("zombie", 24) + "\r\n");
        IrcConversation person = joined("10.0.0.11", "alice", "#linux")
                .server(":irc.example.net 353 alice = #linux :alice " + names("user", 24) + "\r\n")
                .client("JOIN #debian\r\n").server(":alice!u@h JOIN #debian\r\n")
                .server(":irc.example.net 353 alice = #debian :alice " + names("user", 20) + "\r\n");
        bot.after(3 * 3600).server("PING :irc.example.net\r\n").client("PONG :irc.example.net\r\n").client("QUIT :bye\r\n");
        person.after(3 * 3600).client("QUIT :bye\r\n");
        stats.finish();
        List<String> found = evidence().stream().map(x -> x.host() + " " + x.score() + " " + x.summary()).toList();
        assertEquals(2, found.size(), found.toString());
        assertTrue(found.stream().anyMatch(s -> s.startsWith("10.0.0.10 0.2 stayed 3.0 h in #b0ts, its only channel")), found.toString());
        assertTrue(found.stream().anyMatch(s -> s.startsWith("10.0.0.10 0.3 was in #b0ts, where 100% of 24 members are in no other channel")),
                found.toString());
        assertEquals(1.0, channel("#b0ts").singleChannelShare());
        assertTrue(channel("#linux").singleChannelShare() < 0.3, "user0..19 are in #debian too");
    }

    /** The intranet scenario's six people on a public server: parsed, counted, and never taken for bots. */
    @Test
    void peopleChattingInTheSimulatedIntranetAreNoBots(@org.junit.jupiter.api.io.TempDir Path dir) throws Exception {
        org.hyakuyobako.simulate.GroundTruth truth = new org.hyakuyobako.simulate.Scenario(
                org.hyakuyobako.simulate.Scenario.Spec.intranet(4)).write(dir);
        EventCollector out = org.hyakuyobako.testing.SimulatedCaptures.analyse(dir, Detectors::addDefaults);
        List<IrcChannelEvent> people = out.of(IrcChannelEvent.class).stream().filter(c -> c.server().endsWith(":6667")).toList();
        assertEquals(2, people.size(), people.toString());
        for (IrcChannelEvent c : people) {
            assertEquals(6, c.monitoredHosts().size());
            assertTrue(c.singleChannelShare() >= 0 && c.singleChannelShare() < 0.9, c.toString());
        }
        List<EvidenceEvent> wrong = out.of(EvidenceEvent.class).stream()
                .filter(e -> List.of("irc", "irc-channel", "timing").contains(e.method()) && !truth.infected().contains(e.host())).toList();
        assertEquals(List.of(), wrong);
    }

    @Test
    void benignIrcCapturesGiveChannelsButNoEvidence() throws Exception {
        for (String capture : List.of("arkime/irc.pcap", "arkime/irc-cap-req.pcap", "zeek/irc-353.pcap",
                "zeek/contentline-irc-5k-line.pcap", "zeek/irc-starttls.pcap")) {
            Path p = Corpus.file(capture);
            EventCollector out = Pipelines.run(List.of(p), a -> Detectors.addDefaults(a, Pipelines.options()));
            assertEquals(List.of(), out.of(EvidenceEvent.class).stream().filter(x -> x.method().equals("irc-channel")).toList(),
                    capture);
            if (capture.equals("arkime/irc.pcap")) {
                IrcChannelEvent moloch = out.of(IrcChannelEvent.class).get(0);
                // The 353 line lists molochtest and nine anonymised names, two of them twice.
                assertEquals("#moloch-fpc", moloch.channel());
                assertEquals(8, moloch.members());
                assertEquals("38.229.70.20:8000", moloch.server());
            }
        }
    }
}
