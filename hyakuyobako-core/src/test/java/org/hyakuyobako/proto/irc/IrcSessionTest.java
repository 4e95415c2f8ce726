package org.hyakuyobako.proto.irc;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import org.hyakuyobako.event.ConnectionRef;
import org.hyakuyobako.event.Event;
import org.hyakuyobako.event.IrcEvent;
import org.hyakuyobako.event.WeirdEvent;
import org.hyakuyobako.stream.StreamConsumer;
import org.junit.jupiter.api.Test;

/** Hostile and ordinary IRC fed straight into a session, as the reassembler would. */
class IrcSessionTest {
    private final List<Event> events = new ArrayList<>();
    private final IrcSession session = new IrcSession(new ConnectionRef(1, 0, "10.0.0.5", 40000, "198.51.100.7", 6667),
            events::add);
    private final long[] offsets = new long[2];

    private void feed(boolean client, String text) {
        byte[] b = text.getBytes(StandardCharsets.ISO_8859_1);
        StreamConsumer s = client ? session.clientStream() : session.serverStream();
        int side = client ? 0 : 1;
        s.data(ByteBuffer.wrap(b), 0, b.length, offsets[side]);
        offsets[side] += b.length;
    }

    private List<IrcEvent> irc() {
        return events.stream().filter(IrcEvent.class::isInstance).map(IrcEvent.class::cast).toList();
    }

    private List<String> weirds() {
        return events.stream().filter(WeirdEvent.class::isInstance).map(e -> ((WeirdEvent) e).name()).toList();
    }

    @Test
    void botLoginJoinAndCommandAcrossSegmentBoundaries() {
        feed(true, "NICK [USA|XP]4821\r\nUSER x 0 0 :x\r\nJO");
        feed(true, "IN #bots key\n");
        feed(false, ":srv 332 [USA|XP]4821 #bots :.scan.start dcom 100\r\n");
        List<IrcEvent> e = irc();
        assertEquals(List.of("NICK", "USER", "JOIN", "TOPIC"), e.stream().map(IrcEvent::command).toList());
        assertEquals("#bots", e.get(2).channel());
        assertEquals("key", e.get(2).addl());
        assertEquals("[USA|XP]4821", e.get(3).nick());
        assertEquals(".scan.start dcom 100", e.get(3).addl());
    }

    @Test
    void relayedMessagesNameTheirSender() {
        feed(true, "NICK me\r\n");
        feed(false, ":bob!~b@198.51.100.9 JOIN #bots\r\n:bob!~b@198.51.100.9 PRIVMSG #bots :hi\r\n");
        List<IrcEvent> e = irc();
        assertEquals(null, e.get(0).from());
        assertEquals("bob", e.get(1).from());
        assertEquals("me", e.get(1).nick());
        assertEquals("#bots", e.get(2).channel());
        assertEquals("bob", e.get(2).from());
    }

    @Test
    void markupInATopicIsKeptVerbatimForTheSinksToEscape() {
        feed(false, ":srv 332 me #x :<script>alert(1)</script>\r\n");
        assertEquals("<script>alert(1)</script>", irc().get(0).addl());
    }

    @Test
    void aFiveThousandByteLineIsCutReportedOnceAndParsingGoesOn() {
        feed(true, "PRIVMSG #x :" + "A".repeat(5000) + "\r\nNICK after\r\n");
        assertEquals(List.of("irc_line_size_exceeded"), weirds());
        assertEquals("PRIVMSG", irc().get(0).command());
        assertTrue(irc().get(0).addl().length() < IrcLineFramer.MAX_LINE);
        assertEquals("after", irc().get(1).value());
    }

    @Test
    void binaryNoiseStopsAfterTheInvalidLimit() {
        for (int i = 0; i < 100; i++) {
            feed(true, "\u0001\u0002 garbage " + i + "\n");
        }
        assertEquals(IrcSession.MAX_INVALID, weirds().size());
        feed(false, ":srv 001 me :Welcome\r\n");
        assertEquals(1, irc().size(), "the other direction is still parsed");
    }

    @Test
    void startTlsEndsLineParsing() {
        feed(true, "STARTTLS\r\n");
        feed(false, ":srv 670 me :STARTTLS successful\r\n");
        feed(true, "\u0016\u0003\u0001\u0000\u00a5\u0001\u0000\u0000\u00a1\u0003\u0003 binary\n");
        assertEquals(List.of("STARTTLS"), irc().stream().map(IrcEvent::command).toList());
        assertEquals(List.of(), weirds());
    }
}
