package org.hyakuyobako.event;

import com.fasterxml.jackson.core.JsonGenerator;
import java.io.IOException;

/**
 * One IRC message worth logging, with Zeek irc.log's fields ({@code nick}, {@code user},
 * {@code command}, {@code value}, {@code addl}) plus the channel and the direction.
 *
 * @param fromClient whether the originator of the connection sent it
 * @param from the nick (or server name) in the message prefix: who sent what the server relays
 *             (another member's JOIN, PART, QUIT, PRIVMSG); null when there is no prefix
 */
public record IrcEvent(long timestampNanos, ConnectionRef conn, boolean fromClient, String nick, String user, String from,
                       String command, String value, String addl, String channel) implements ConnectionEvent {
    @Override
    public String eventType() {
        return "irc";
    }

    @Override
    public void writeFields(JsonGenerator g, EveContext context) throws IOException {
        conn.write(g);
        g.writeObjectFieldStart("irc");
        g.writeStringField("direction", fromClient ? "to_server" : "to_client");
        JsonFields.optional(g, "nick", nick);
        JsonFields.optional(g, "user", user);
        JsonFields.optional(g, "from", from);
        g.writeStringField("command", command);
        JsonFields.optional(g, "value", value);
        JsonFields.optional(g, "addl", addl);
        JsonFields.optional(g, "channel", channel);
        g.writeEndObject();
    }
}
