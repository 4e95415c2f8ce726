package org.hyakuyobako.event;

import com.fasterxml.jackson.core.JsonGenerator;
import java.io.IOException;
import java.util.List;

/**
 * What the monitored sessions saw of one IRC channel over the run (D4, seed 001): membership now
 * and at its largest, arrivals of new nicks, departures, the share of members seen in no other
 * channel of the server, members that stayed long, and the monitored hosts in it.
 *
 * @param server the server's address and port
 * @param singleChannelShare share of members in this channel only, or negative when only one
 *                           channel of the server was seen (then it means nothing)
 * @param longStayers members present for at least the long-stay time when the run ended
 * @param growthFrom members before a sudden growth, or -1 when the channel did not grow suddenly
 */
public record IrcChannelEvent(long timestampNanos, long firstNanos, String server, String channel, int members,
                              int membersMax, long newcomers, long joins, long parts, long quits, long kicks,
                              double singleChannelShare, int longStayers, int growthFrom, int growthTo,
                              long membersNotTracked, List<String> monitoredHosts) implements Event {
    @Override
    public String eventType() {
        return "irc_channel";
    }

    @Override
    public int sensorId() {
        return -1;
    }

    @Override
    public void writeFields(JsonGenerator g, EveContext context) throws IOException {
        g.writeObjectFieldStart("irc_channel");
        g.writeStringField("server", server);
        g.writeStringField("channel", channel);
        g.writeStringField("first_seen", Timestamps.eve(firstNanos));
        g.writeNumberField("members", members);
        g.writeNumberField("members_max", membersMax);
        g.writeNumberField("newcomers", newcomers);
        g.writeNumberField("joins", joins);
        g.writeNumberField("parts", parts);
        g.writeNumberField("quits", quits);
        g.writeNumberField("kicks", kicks);
        if (singleChannelShare >= 0) {
            g.writeNumberField("single_channel_share", Math.round(singleChannelShare * 1000) / 1000.0);
        } else {
            g.writeNullField("single_channel_share");
        }
        g.writeNumberField("long_stayers", longStayers);
        if (growthFrom >= 0) {
            g.writeObjectFieldStart("growth");
            g.writeNumberField("from", growthFrom);
            g.writeNumberField("to", growthTo);
            g.writeEndObject();
        }
        if (membersNotTracked > 0) {
            g.writeNumberField("members_not_tracked", membersNotTracked);
        }
        JsonFields.strings(g, "monitored_hosts", monitoredHosts);
        g.writeEndObject();
    }
}
