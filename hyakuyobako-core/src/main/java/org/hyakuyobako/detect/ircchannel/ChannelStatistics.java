package org.hyakuyobako.detect.ircchannel;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.function.Consumer;
import org.hyakuyobako.detect.LruMap;
import org.hyakuyobako.detect.SummaryText;
import org.hyakuyobako.event.Endpoints;
import org.hyakuyobako.event.Event;
import org.hyakuyobako.event.EvidenceEvent;
import org.hyakuyobako.event.IrcChannelEvent;
import org.hyakuyobako.event.IrcEvent;
import org.hyakuyobako.flow.EndReason;
import org.hyakuyobako.flow.Flow;
import org.hyakuyobako.pipeline.FlowObserver;
import org.hyakuyobako.proto.irc.IrcCase;

/**
 * IRC channel statistics (D4, seed 001), from {@code irc} events only, so they hold whatever the
 * bot says: who is in each channel (353 names, relayed JOIN, PART, QUIT, KICK, NICK), how fast
 * the channel grows with nicks never seen before, who stays long, the share of members in this
 * channel only, and how fast the monitored client answers other users. Evidence (method
 * {@code irc-channel}) names the monitored host and the server:
 * <ul>
 *   <li>answers faster than a person types ({@link TypingSpeed}), at least {@link #FAST_REPLIES_MIN}
 *       times and for most of its answers: 0.5. An answer is the session's first line to the channel
 *       (or the sender) after a line from someone else that came after {@link #QUIET_BEFORE_NANOS}
 *       of quiet;</li>
 *   <li>in a channel that at least doubled with {@link #GROWTH_MIN_NEWCOMERS} new nicks within
 *       {@link #GROWTH_WINDOW_NANOS}: 0.3;</li>
 *   <li>in a channel of at least {@link #LARGE_CHANNEL} members of which {@link #SINGLE_SHARE_MIN}
 *       are in no other channel seen on the server: 0.3;</li>
 *   <li>stayed at least {@link #LONG_STAY_NANOS} in its one and only channel: 0.2.</li>
 * </ul>
 * Seed 001 warns that each of these alone misses bots and accuses people; the scores are low so
 * that only their combination with other methods makes a verdict. At the end of the input one
 * {@code irc_channel} event per channel carries the statistics for analysts.
 *
 * <p>State is bounded: servers and sessions least recently used are dropped beyond their caps,
 * channels and members per channel are capped ({@link ServerView}, {@link ChannelView}).
 */
public final class ChannelStatistics implements Consumer<Event>, FlowObserver {
    static final long SECOND = 1_000_000_000L;
    static final int FAST_REPLIES_MIN = 3;
    static final int GROWTH_MIN_NEWCOMERS = 10;
    static final long GROWTH_WINDOW_NANOS = 600 * SECOND;
    static final int LARGE_CHANNEL = 20;
    static final double SINGLE_SHARE_MIN = 0.9;
    static final long LONG_STAY_NANOS = 3600 * SECOND;
    static final long QUIET_BEFORE_NANOS = 10 * SECOND;
    static final int MAX_SERVERS = 10_000;
    static final int MAX_SESSIONS = 100_000;

    private final Consumer<Event> emit;
    private final Map<String, ServerView> servers = new LruMap<>(MAX_SERVERS);
    private final Map<Long, MonitoredSession> sessions = new LruMap<>(MAX_SESSIONS);
    private long lastNanos;
    private long evidenceEmitted;

    public ChannelStatistics(Consumer<Event> emit) {
        this.emit = emit;
    }

    @Override
    public void accept(Event event) {
        if (!(event instanceof IrcEvent e)) {
            return;
        }
        long now = e.timestampNanos();
        lastNanos = Math.max(lastNanos, now);
        String serverKey = Endpoints.format(e.conn().destIp(), e.conn().destPort());
        ServerView server = servers.computeIfAbsent(serverKey, ServerView::new);
        // Flow ids are unique within a run, across sensors.
        MonitoredSession s = sessions.computeIfAbsent(e.conn().flowId(),
                k -> new MonitoredSession(e.conn().srcIp(), serverKey, e.conn().flowId()));
        if (e.nick() != null) {
            s.nick = IrcCase.fold(e.nick());
        }
        if (e.fromClient()) {
            clientSaid(e, s, now);
        } else {
            serverSaid(e, s, server, now);
        }
    }

    private void serverSaid(IrcEvent e, MonitoredSession s, ServerView server, long now) {
        String from = IrcCase.fold(e.from());
        switch (e.command()) {
            case "JOIN" -> {
                ChannelView c = channel(server, e.value(), now);
                if (c != null && from != null) {
                    if (from.equals(s.nick)) {
                        // The session's own arrival: the channel was there before we looked.
                        c.joins++;
                        enter(s, c, e.value(), now);
                    } else if (server.join(c, IrcCase.fold(e.value()), from, now, true)) {
                        checkGrowth(c, now);
                    }
                }
            }
            case "NAMES" -> names(e, s, server, now);
            case "001" -> s.serverName = from;
            case "TOPIC" -> {
                // From the server itself this is RPL_TOPIC (332), sent to a client that has just
                // joined; from a nick it is a member changing the topic.
                ChannelView c = channel(server, e.channel(), now);
                boolean fromServer = from == null || from.equals(s.serverName) || from.indexOf('.') >= 0;
                if (c != null && fromServer) {
                    enter(s, c, e.channel(), now);
                }
            }
            case "PART" -> leave(s, server, e.value(), from, now, false);
            case "KICK" -> leave(s, server, e.value(), IrcCase.fold(e.addl()), now, true);
            case "QUIT" -> {
                if (from != null) {
                    if (from.equals(s.nick)) {
                        leaveAll(s, server, now);
                    }
                    server.quit(from, now);
                }
            }
            case "NICK" -> {
                String to = IrcCase.fold(e.value());
                if (from != null && to != null) {
                    server.rename(from, to);
                    if (from.equals(s.nick)) {
                        s.nick = to;
                    }
                }
            }
            case "PRIVMSG", "NOTICE" -> addressed(e, s, from, now);
            default -> {
            }
        }
    }

    private static ChannelView channel(ServerView server, String name, long now) {
        if (name == null || name.isEmpty()) {
            return null;
        }
        ChannelView c = server.channel(IrcCase.fold(name), name, now);
        if (c != null) {
            c.lastSeen = Math.max(c.lastSeen, now);
        }
        return c;
    }

    /** RPL_NAMREPLY: the members listed, with their status prefixes and any {@code !user@host} removed. */
    private void names(IrcEvent e, MonitoredSession s, ServerView server, long now) {
        ChannelView c = channel(server, e.value(), now);
        if (c == null || e.addl() == null) {
            return;
        }
        String channelKey = IrcCase.fold(e.value());
        for (String listed : e.addl().split(" ")) {
            int start = 0;
            while (start < listed.length() && "@+%~&!".indexOf(listed.charAt(start)) >= 0) {
                start++;
            }
            int bang = listed.indexOf('!', start);
            String nick = IrcCase.fold(listed.substring(start, bang < 0 ? listed.length() : bang));
            if (nick.isEmpty()) {
                continue;
            }
            server.join(c, channelKey, nick, now, false);
            if (nick.equals(s.nick)) {
                enter(s, c, e.value(), now);
            }
        }
    }

    private void enter(MonitoredSession s, ChannelView c, String name, long now) {
        String channelKey = IrcCase.fold(name);
        if (s.enter(channelKey, now) && s.nick != null) {
            ServerView server = servers.get(s.server);
            if (server != null) {
                server.join(c, channelKey, s.nick, now, false);
            }
        }
        c.monitored(s.host, s.flowId);
    }

    private void leave(MonitoredSession s, ServerView server, String channel, String nick, long now, boolean kicked) {
        if (channel == null || nick == null) {
            return;
        }
        String channelKey = IrcCase.fold(channel);
        ChannelView c = server.channels.get(channelKey);
        if (c == null) {
            return;
        }
        server.part(c, channelKey, nick, now);
        if (kicked) {
            c.kicks++;
        } else {
            c.parts++;
        }
        if (nick.equals(s.nick)) {
            MonitoredSession.Presence p = s.presences.remove(channelKey);
            if (p != null) {
                judgeStay(s, c, p, now);
            }
        }
    }

    private void leaveAll(MonitoredSession s, ServerView server, long now) {
        for (Map.Entry<String, MonitoredSession.Presence> p : s.presences.entrySet()) {
            ChannelView c = server.channels.get(p.getKey());
            if (c != null) {
                judgeStay(s, c, p.getValue(), now);
            }
        }
        s.presences.clear();
    }

    /** A line from someone else to the session's channel or to the session itself, which it may answer. */
    private static void addressed(IrcEvent e, MonitoredSession s, String from, long now) {
        // Server notices carry the server's name (with dots, which nicks cannot have); CTCP requests
        // (VERSION, PING) are answered by every client program, so neither is a person's line.
        if (from == null || from.indexOf('.') >= 0 || from.equals(s.nick) || isCtcp(e.addl()) || e.value() == null) {
            return;
        }
        String target = IrcCase.fold(e.value());
        boolean toSession = e.channel() != null || target.equals(s.nick);
        if (!toSession) {
            return;
        }
        // Only a line after a quiet spell is a question to time: in a busy channel someone's line
        // always came just before, and a person's line then answers nothing in particular.
        boolean quietBefore = now - s.lastAddressedAt >= QUIET_BEFORE_NANOS;
        s.lastAddressedAt = now;
        s.pending = quietBefore ? new MonitoredSession.Pending(now, e.channel() != null ? target : null, from) : null;
    }

    private void clientSaid(IrcEvent e, MonitoredSession s, long now) {
        switch (e.command()) {
            case "PRIVMSG", "NOTICE" -> {
                String text = e.addl();
                if (text == null || text.isEmpty() || isCtcp(text) || e.value() == null) {
                    return;
                }
                String target = IrcCase.fold(e.value());
                MonitoredSession.Presence p = s.presences.get(target);
                if (p != null) {
                    p.lines++;
                }
                MonitoredSession.Pending q = s.pending;
                boolean answers = q != null && (q.channel() != null ? q.channel().equals(target) : q.from().equals(target));
                if (answers) {
                    s.pending = null;
                    timeAnswer(e, s, now - q.at(), text);
                }
            }
            case "QUIT" -> {
                ServerView server = servers.get(s.server);
                if (server != null) {
                    leaveAll(s, server, now);
                    if (s.nick != null) {
                        server.quit(s.nick, now);
                    }
                }
            }
            default -> {
            }
        }
    }

    private void timeAnswer(IrcEvent e, MonitoredSession s, long delay, String text) {
        s.replies++;
        if (!TypingSpeed.fasterThanAPerson(delay, text.length())) {
            return;
        }
        s.fastReplies++;
        if (delay < s.fastestNanos) {
            s.fastestNanos = delay;
            s.fastestText = text;
        }
        if (!s.fastReported && s.fastReplies >= FAST_REPLIES_MIN && 2 * s.fastReplies > s.replies) {
            s.fastReported = true;
            evidence(e.timestampNanos(), s.host, s.server, 0.5, String.format(
                    "answers other IRC users faster than a person types: %d of %d answers (fastest %d ms for %d characters: '%s')",
                    s.fastReplies, s.replies, s.fastestNanos / 1_000_000, s.fastestText.length(), SummaryText.clip(s.fastestText, 60)),
                    List.of("flow:" + s.flowId));
        }
    }

    private void checkGrowth(ChannelView c, long now) {
        if (c.growthReported) {
            return;
        }
        int fresh = c.newcomersWithin(now, GROWTH_WINDOW_NANOS);
        int before = Math.max(0, c.members.size() - fresh);
        if (fresh >= GROWTH_MIN_NEWCOMERS && fresh >= before) {
            c.growthReported = true;
            c.growthFrom = before;
            c.growthTo = c.members.size();
            for (Map.Entry<String, Long> h : c.monitoredHosts.entrySet()) {
                evidence(now, h.getKey(), c.server, 0.3, String.format(
                        "is in %s, which grew from %d to %d members with %d new nicks within %d minutes",
                        c.name, before, c.members.size(), fresh, GROWTH_WINDOW_NANOS / (60 * SECOND)),
                        List.of("flow:" + h.getValue(), "channel:" + c.name));
            }
        }
    }

    private void judgeStay(MonitoredSession s, ChannelView c, MonitoredSession.Presence p, long until) {
        long stay = until - p.since;
        if (stay >= LONG_STAY_NANOS && s.mostChannels == 1) {
            evidence(until, s.host, s.server, 0.2, String.format(
                    "stayed %.1f h in %s, its only channel on the server, and said %d line(s) there",
                    stay / 3600e9, c.name, p.lines), List.of("flow:" + s.flowId, "channel:" + c.name));
        }
    }

    /** A monitored connection ended: its stays end with it. */
    @Override
    public void flowEnded(Flow flow, EndReason reason) {
        if (reason == EndReason.ACTIVE_TIMEOUT || sessions.isEmpty()) {
            return;
        }
        MonitoredSession s = sessions.remove(flow.flowId());
        if (s == null) {
            return;
        }
        ServerView server = servers.get(s.server);
        if (server != null) {
            leaveAll(s, server, flow.lastNanos());
        }
    }

    @Override
    public void finish() {
        for (MonitoredSession s : new ArrayList<>(sessions.values())) {
            ServerView server = servers.get(s.server);
            if (server != null) {
                leaveAll(s, server, lastNanos);
            }
        }
        sessions.clear();
        for (ServerView server : servers.values()) {
            for (ChannelView c : server.channels.values()) {
                report(server, c);
            }
        }
        servers.clear();
    }

    private void report(ServerView server, ChannelView c) {
        double share = server.singleChannelShare(c);
        if (share >= SINGLE_SHARE_MIN && c.members.size() >= LARGE_CHANNEL) {
            for (Map.Entry<String, Long> h : c.monitoredHosts.entrySet()) {
                evidence(c.lastSeen, h.getKey(), c.server, 0.3, String.format(
                        "was in %s, where %.0f%% of %d members are in no other channel seen on the server",
                        c.name, share * 100, c.members.size()), List.of("flow:" + h.getValue(), "channel:" + c.name));
            }
        }
        int longStayers = 0;
        for (long since : c.members.values()) {
            if (c.lastSeen - since >= LONG_STAY_NANOS) {
                longStayers++;
            }
        }
        emit.accept(new IrcChannelEvent(c.lastSeen, c.firstSeen, c.server, c.name, c.members.size(), c.membersMax,
                c.newcomersTotal, c.joins, c.parts, c.quits, c.kicks, share, longStayers,
                c.growthReported ? c.growthFrom : -1, c.growthReported ? c.growthTo : -1, c.membersNotTracked,
                List.copyOf(c.monitoredHosts.keySet())));
    }

    private void evidence(long at, String host, String server, double score, String what, List<String> refs) {
        evidenceEmitted++;
        emit.accept(new EvidenceEvent(at, at, host, server, "irc-channel", score, what + " (IRC server " + server + ")", refs));
    }

    @Override
    public Map<String, Long> counters() {
        return Map.of("irc_channel.evidence", evidenceEmitted);
    }

    private static boolean isCtcp(String text) {
        return text != null && !text.isEmpty() && text.charAt(0) == '\u0001';
    }
}
