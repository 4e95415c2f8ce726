package org.hyakuyobako.detect.ircchannel;

import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Set;

/**
 * The channels seen on one IRC server (address and port) and which of them each nick is in: the
 * basis of "members that are in this channel only" and of QUIT and NICK, which name no channel.
 */
final class ServerView {
    static final int MAX_CHANNELS = 2_000;
    static final int MAX_CHANNELS_PER_NICK = 32;

    final String server;
    final Map<String, ChannelView> channels = new LinkedHashMap<>();
    private final Map<String, Set<String>> channelsOfNick = new HashMap<>();
    long channelsNotTracked;

    ServerView(String server) {
        this.server = server;
    }

    /** The channel by folded name, made at first sight; null when the cap is reached. */
    ChannelView channel(String folded, String display, long now) {
        ChannelView c = channels.get(folded);
        if (c == null) {
            if (channels.size() >= MAX_CHANNELS) {
                channelsNotTracked++;
                return null;
            }
            c = new ChannelView(server, display, now);
            channels.put(folded, c);
        }
        return c;
    }

    /** @return whether the nick is new to the channel and just arrived (see {@link ChannelView#add}) */
    boolean join(ChannelView c, String channelKey, String nick, long now, boolean arrived) {
        boolean fresh = c.add(nick, now, arrived);
        if (c.members.containsKey(nick)) {
            Set<String> of = channelsOfNick.computeIfAbsent(nick, k -> new HashSet<>(4));
            if (of.size() < MAX_CHANNELS_PER_NICK) {
                of.add(channelKey);
            }
        }
        return fresh;
    }

    void part(ChannelView c, String channelKey, String nick, long now) {
        if (c.remove(nick, now)) {
            Set<String> of = channelsOfNick.get(nick);
            if (of != null) {
                of.remove(channelKey);
                if (of.isEmpty()) {
                    channelsOfNick.remove(nick);
                }
            }
        }
    }

    /** A nick left the server: out of every channel. */
    void quit(String nick, long now) {
        Set<String> of = channelsOfNick.remove(nick);
        if (of == null) {
            return;
        }
        for (String folded : of) {
            ChannelView c = channels.get(folded);
            if (c != null && c.remove(nick, now)) {
                c.quits++;
            }
        }
    }

    void rename(String from, String to) {
        Set<String> of = channelsOfNick.remove(from);
        if (of == null) {
            return;
        }
        channelsOfNick.put(to, of);
        for (String folded : of) {
            ChannelView c = channels.get(folded);
            if (c != null) {
                c.rename(from, to);
            }
        }
    }

    /** How many of the channels seen on this server the nick is in. */
    int channelCount(String nick) {
        Set<String> of = channelsOfNick.get(nick);
        return of == null ? 0 : of.size();
    }

    /**
     * The share of the channel's members seen in no other channel of this server, or -1 when it
     * means nothing: with one channel seen on the server every member is "in this channel only",
     * and so it is when the channels seen share nobody (they may be unrelated corners of a large
     * network). Only where members are seen sitting in several channels does a channel whose
     * members sit nowhere else stand out.
     */
    double singleChannelShare(ChannelView c) {
        if (channels.size() < 2 || c.members.isEmpty() || !someNickInSeveralChannels()) {
            return -1;
        }
        int single = 0;
        for (String nick : c.members.keySet()) {
            if (channelCount(nick) <= 1) {
                single++;
            }
        }
        return single / (double) c.members.size();
    }

    private boolean someNickInSeveralChannels() {
        for (Set<String> of : channelsOfNick.values()) {
            if (of.size() >= 2) {
                return true;
            }
        }
        return false;
    }
}
