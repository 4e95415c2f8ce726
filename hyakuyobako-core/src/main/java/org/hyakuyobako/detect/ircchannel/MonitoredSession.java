package org.hyakuyobako.detect.ircchannel;

import java.util.LinkedHashMap;
import java.util.Map;

/**
 * One monitored IRC connection as the channel statistics see it: its nick, the channels it is in
 * and since when, the last line someone else addressed to it or to its channel (to time its
 * answer), and how its answers compare with a person's typing.
 */
final class MonitoredSession {
    /** A stay in one channel. */
    static final class Presence {
        final long since;
        long lines;

        Presence(long since) {
            this.since = since;
        }
    }

    /** A line from someone else the session may answer. */
    record Pending(long at, String channel, String from) {
    }

    final String host;
    final String server;
    final long flowId;
    String nick;
    /** The name the server gives itself in its prefix (from 001), to tell its lines from members'. */
    String serverName;
    long lastAddressedAt = Long.MIN_VALUE / 2;
    final Map<String, Presence> presences = new LinkedHashMap<>();
    int mostChannels;
    Pending pending;
    int replies;
    int fastReplies;
    long fastestNanos = Long.MAX_VALUE;
    String fastestText;
    boolean fastReported;

    MonitoredSession(String host, String server, long flowId) {
        this.host = host;
        this.server = server;
        this.flowId = flowId;
    }

    /** @return whether the session was not in the channel before */
    boolean enter(String channelKey, long now) {
        if (presences.containsKey(channelKey)) {
            return false;
        }
        presences.put(channelKey, new Presence(now));
        mostChannels = Math.max(mostChannels, presences.size());
        return true;
    }
}
