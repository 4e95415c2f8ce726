package org.hyakuyobako.detect.sync;

import java.util.ArrayList;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.hyakuyobako.decode.IpAddresses;
import org.hyakuyobako.detect.LruMap;

/**
 * Cuts each monitored host's own new activity into reactions (seed 002: a bot's reaction to a
 * command is a change of its own behaviour, wherever it goes). A connection the host opens to a
 * node and port it has not talked to for {@code lookback} starts or extends the host's current
 * reaction on that port; later connections to the reaction's nodes extend it too (a flood's
 * thousands of SYNs, a spam run's second mail to one server). A gap of {@code episodeGap} or a
 * length of {@link #MAX_REACTION_NANOS} ends it. Reactions are kept per destination port, so a
 * host in two botnets that sweeps port 445 for one while it spams for the other makes two. The onset is the first such connection, and the possible
 * commands are taken at that moment from the {@link CommandHistory}.
 *
 * <p>Targets may be outside or inside the home net (a sweep of the bot's own intranet). Each
 * connection's outcome (answered, packets, bytes back) is added when it ends.
 *
 * <p>Bounded: one open reaction per host and port ({@code maxHosts} of them), {@link #MAX_REACTIONS} reactions
 * kept (more are counted and dropped), {@link #MAX_FLOWS_FOLLOWED} connections followed to their end.
 */
final class ReactionTracker {
    static final long MAX_REACTION_NANOS = 120_000_000_000L;
    static final int MAX_REACTIONS = 2_000_000;
    static final int MAX_FLOWS_FOLLOWED = 1_000_000;
    /** A connection longer than this is a channel, not one exchange of a reaction (a download, a mail, a flood). */
    static final long MAX_EXCHANGE_NANOS = 300_000_000_000L;

    /** Reactions are kept per host and destination port: a sweep on 445 and a spam run on 25 that overlap are two. */
    private record HostPort(long hi, long lo, int port) {
    }

    private final SyncConfig config;
    private final CommandHistory history;
    private final FreshTargets fresh;
    private final NodePopularity popularity;
    private final Map<HostPort, Reaction> open;
    private final List<Reaction> reactions = new ArrayList<>();
    private final LruMap<Long, Reaction.Target> followed = new LruMap<>(MAX_FLOWS_FOLLOWED);
    long dropped;
    /** Open reactions closed early because more (host, port) pairs were active at once than are kept. */
    long openEvicted;

    ReactionTracker(SyncConfig config, CommandHistory history, NodePopularity popularity) {
        this.config = config;
        this.history = history;
        this.popularity = popularity;
        this.fresh = new FreshTargets(config.lookbackNanos(), 4096, config.maxTrackedHosts());
        this.open = new LinkedHashMap<>(1024, 0.75f, true) {
            @Override
            protected boolean removeEldestEntry(Map.Entry<HostPort, Reaction> eldest) {
                if (size() > config.maxTrackedHosts()) {
                    openEvicted++;
                    return true;
                }
                return false;
            }
        };
    }

    /**
     * The host opened a connection (its first packet, or a record's start).
     *
     * @param until the connection's end when already known (a record), else {@code start}
     */
    void opened(long hostHi, long hostLo, long dstHi, long dstLo, int port, boolean udp, boolean internal,
                long start, long until, long flowId) {
        popularity.contacted(dstHi, dstLo, hostHi, hostLo);
        boolean isNew = fresh.opened(hostHi, hostLo, dstHi, dstLo, port, start, until);
        HostPort key = new HostPort(hostHi, hostLo, port);
        Reaction r = open.get(key);
        if (r != null && (start - r.lastNanos > config.episodeGapNanos() || start - r.startNanos > MAX_REACTION_NANOS)) {
            open.remove(key);
            r = null;
        }
        if (!isNew && (r == null || !r.reached(dstHi, dstLo))) {
            return;
        }
        if (r == null) {
            if (reactions.size() >= MAX_REACTIONS) {
                dropped++;
                return;
            }
            r = new Reaction(hostHi, hostLo, IpAddresses.format(hostHi, hostLo), start, commandsBefore(hostHi, hostLo, start));
            open.put(key, r);
            reactions.add(r);
        }
        r.lastNanos = Math.max(r.lastNanos, start);
        Reaction.Target t = r.target(dstHi, dstLo, internal);
        if (t != null) {
            t.connections++;
            t.lastSeenNanos = Math.max(t.lastSeenNanos, exchangeEnd(start, until));
            t.ports.add(port);
            t.udp |= udp;
            followed.put(flowId, t);
        }
    }

    /** Possible commands: nodes that sent the host something shortly before (never the nodes it now turns to). */
    private List<CommandHistory.Candidate> commandsBefore(long hostHi, long hostLo, long t) {
        return history.candidatesBefore(hostHi, hostLo, t, config.lookbackNanos());
    }

    /**
     * When a connection to a reaction's target stopped being an exchange the host made in that
     * reaction: its end for a short one (a mail, a download, a flood whose log record lasts until the
     * device's idle timer), its start for a long-lived one (the bot's own C&C channel, opened in the
     * same burst as a page load, is no target answering for hours).
     */
    private static long exchangeEnd(long start, long end) {
        return end - start <= MAX_EXCHANGE_NANOS ? end : start;
    }

    /** A connection ended: its outcome goes to the reaction it was part of, if any. */
    void ended(long flowId, long hostHi, long hostLo, long dstHi, long dstLo, int port, long first, long last, long packetsOut,
               boolean answered, long bytesIn, long bytesUnsplit) {
        fresh.talked(hostHi, hostLo, dstHi, dstLo, port, last);
        Reaction.Target t = followed.remove(flowId);
        if (t == null) {
            return;
        }
        t.lastSeenNanos = Math.max(t.lastSeenNanos, exchangeEnd(first, last));
        t.packetsOut += packetsOut;
        if (answered) {
            t.answered++;
        }
        t.bytesIn += bytesIn;
        if (last - first <= MAX_EXCHANGE_NANOS) {
            // A log's byte count of a connection that lasted hours is a channel's traffic, not a download.
            t.bytesUnsplit += bytesUnsplit;
        }
    }

    /** Every reaction so far, in onset order per host; their candidates exclude their own targets. */
    List<Reaction> reactions() {
        for (Reaction r : reactions) {
            Iterator<CommandHistory.Candidate> it = r.candidates.iterator();
            while (it.hasNext()) {
                CommandHistory.Candidate c = it.next();
                if (r.reached(c.hi(), c.lo())) {
                    it.remove();
                }
            }
        }
        return reactions;
    }

    int count() {
        return reactions.size();
    }

    /** Connections whose outcome was not added to their reaction: more were open at once than are followed. */
    long outcomesNotFollowed() {
        return followed.evicted();
    }
}
