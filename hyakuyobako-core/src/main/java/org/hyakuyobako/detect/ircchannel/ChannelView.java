package org.hyakuyobako.detect.ircchannel;

import java.util.ArrayDeque;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Set;

/**
 * What the monitored sessions have seen of one channel on one server: its members now (from
 * RPL_NAMREPLY and relayed JOIN/PART/QUIT/KICK/NICK), the nicks ever seen in it, and the recent
 * arrivals of nicks never seen before (so a netsplit or a reconnect that brings the same members
 * back is not growth). Member sets are capped at {@link #MAX_MEMBERS}; nicks beyond are counted.
 */
final class ChannelView {
    static final int MAX_MEMBERS = 20_000;
    static final int MAX_EVER_SEEN = 2 * MAX_MEMBERS;

    final String server;
    final String name;
    /** Folded nick to the time it was first seen here (a 353 line or a JOIN). */
    final Map<String, Long> members = new HashMap<>();
    private final Set<String> everSeen = new HashSet<>();
    /** Times at which never-seen nicks joined, oldest first, within the growth window. */
    private final ArrayDeque<Long> newcomers = new ArrayDeque<>();
    static final int MAX_MONITORED_HOSTS = 10_000;
    /** Hosts of the monitored sessions that were in this channel at some time, with their latest flow. */
    final Map<String, Long> monitoredHosts = new LinkedHashMap<>();
    long firstSeen;
    long lastSeen;
    long joins;
    long parts;
    long quits;
    long kicks;
    long newcomersTotal;
    int membersMax;
    long membersNotTracked;
    boolean growthReported;
    int growthFrom;
    int growthTo;

    ChannelView(String server, String name, long now) {
        this.server = server;
        this.name = name;
        this.firstSeen = now;
        this.lastSeen = now;
    }

    /**
     * A member seen at {@code now}.
     *
     * @param arrived whether the nick arrived (a relayed JOIN) rather than was listed (353)
     * @return whether the nick was never seen in this channel before and arrived now
     */
    boolean add(String nick, long now, boolean arrived) {
        lastSeen = Math.max(lastSeen, now);
        if (!members.containsKey(nick)) {
            if (members.size() >= MAX_MEMBERS) {
                membersNotTracked++;
                return false;
            }
            members.put(nick, now);
            membersMax = Math.max(membersMax, members.size());
        }
        boolean fresh = everSeen.size() < MAX_EVER_SEEN && everSeen.add(nick);
        if (arrived) {
            joins++;
        }
        if (fresh && arrived) {
            newcomers.addLast(now);
            newcomersTotal++;
            return true;
        }
        return false;
    }

    void monitored(String host, long flowId) {
        if (monitoredHosts.size() < MAX_MONITORED_HOSTS || monitoredHosts.containsKey(host)) {
            monitoredHosts.put(host, flowId);
        }
    }

    boolean remove(String nick, long now) {
        lastSeen = Math.max(lastSeen, now);
        return members.remove(nick) != null;
    }

    void rename(String from, String to) {
        Long since = members.remove(from);
        if (since != null) {
            members.put(to, since);
            everSeen.add(to);
        }
    }

    /** Never-seen nicks that arrived within {@code window} before {@code now}. */
    int newcomersWithin(long now, long window) {
        while (!newcomers.isEmpty() && newcomers.peekFirst() < now - window) {
            newcomers.pollFirst();
        }
        return newcomers.size();
    }
}
