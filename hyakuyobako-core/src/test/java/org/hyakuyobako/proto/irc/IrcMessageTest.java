package org.hyakuyobako.proto.irc;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;

import java.util.List;
import org.junit.jupiter.api.Test;

class IrcMessageTest {
    @Test
    void prefixCommandAndTrailing() {
        IrcMessage m = IrcMessage.parse(":bot!~u@10.0.0.5 PRIVMSG #c&c :.ddos.syn 1.2.3.4 80 600");
        assertEquals("bot!~u@10.0.0.5", m.prefix());
        assertEquals("bot", m.prefixNick());
        assertEquals("PRIVMSG", m.command());
        assertEquals(List.of("#c&c", ".ddos.syn 1.2.3.4 80 600"), m.params());
    }

    @Test
    void toleratesRunsOfSpacesLowercaseAndTags() {
        IrcMessage m = IrcMessage.parse("  join   #chan   key");
        assertEquals("JOIN", m.command());
        assertEquals(List.of("#chan", "key"), m.params());
        IrcMessage tagged = IrcMessage.parse("@badge-info=;color=#FF0000 :tmi.twitch.tv 001 THE-USER :Welcome");
        assertEquals("001", tagged.command());
        assertEquals("THE-USER", tagged.param(0));
    }

    @Test
    void rejectsWhatIsNotACommand() {
        assertNull(IrcMessage.parse(":prefix-only"));
        assertNull(IrcMessage.parse("\u0016\u0003\u0001\u0002\u0000"));
        assertNull(IrcMessage.parse("12 short numeric"));
        assertNull(IrcMessage.parse("GET/ HTTP/1.1"));
        assertNull(IrcMessage.parse("@tags-without-anything-else"));
    }

    @Test
    void keepsAtMostFifteenParameters() {
        StringBuilder line = new StringBuilder("MODE");
        for (int i = 0; i < 40; i++) {
            line.append(" p").append(i);
        }
        assertEquals(IrcMessage.MAX_PARAMS, IrcMessage.parse(line.toString()).params().size());
    }
}
