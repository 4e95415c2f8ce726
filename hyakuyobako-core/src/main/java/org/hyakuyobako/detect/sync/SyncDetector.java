package org.hyakuyobako.detect.sync;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.Consumer;
import org.hyakuyobako.decode.DecodedPacket;
import org.hyakuyobako.decode.IpAddresses;
import org.hyakuyobako.decode.IpProtocol;
import org.hyakuyobako.event.CncEndpoint;
import org.hyakuyobako.event.CncEvent;
import org.hyakuyobako.event.Event;
import org.hyakuyobako.event.EvidenceEvent;
import org.hyakuyobako.event.GroupEvent;
import org.hyakuyobako.event.SyncEvent;
import org.hyakuyobako.event.Timestamps;
import org.hyakuyobako.flow.Flow;
import org.hyakuyobako.net.HomeNet;
import org.hyakuyobako.pipeline.PacketObserver;

/**
 * Synchronized activity across monitored hosts (seed 002, D8), the method no open-source peer has.
 *
 * <p>Streaming and keyed by external node: for each tolerance, packets of two or more monitored
 * hosts to (out) or from (in) one external node within the tolerance make one {@code sync} event,
 * one row of seed 002's Table 1. Only addresses, ports and times are used, so it works when the
 * C&C channel is encrypted. At the end of the input, reactions (synchronized outbound bursts) are
 * traced back to the commands that preceded them ({@link CncInference}), giving {@code cnc},
 * {@code group} and {@code evidence} (method {@code sync}) events.
 *
 * <p>Cost per packet: two home-net checks and one map look-up per tolerance. State: open windows
 * (external nodes active within one tolerance), a bounded command history per host, and one
 * record per host and reaction.
 */
public final class SyncDetector implements PacketObserver {
    /** An outbound packet this soon after the node last sent to the host answers it. */
    static final long ANSWER_WINDOW_NANOS = 500_000_000L;
    /** Packets in one widest-tolerance outbound window from two or more hosts that make a flood. */
    static final int FLOOD_PACKETS = 100;
    static final int MAX_FLOODS = 100_000;
    /** Reactions kept for the C&C inference; more are counted and dropped (memory stays bounded). */
    static final int MAX_REACTIONS = 2_000_000;
    /** Open reactions are pruned of finished ones when there are more than this. */
    static final int MAX_OPEN_REACTIONS = 100_000;
    /** A reaction longer than this is split, so one long burst cannot swallow later commands. */
    static final long MAX_REACTION_NANOS = 120_000_000_000L;

    private final SyncConfig config;
    private final HomeNet homeNet;
    private final Consumer<Event> emit;
    private final List<ToleranceTracker> trackers = new ArrayList<>();
    private final ToleranceTracker reactionTracker;
    private final CommandHistory history;
    private final FreshTargets fresh;
    /** Reused for every packet's look-ups; windows store copies. */
    private final ExternalKey probe = new ExternalKey(0, 0, false);
    private final Map<String, Reaction> openReactions = new HashMap<>();
    private final List<Reaction> reactions = new ArrayList<>();
    private final Set<Long> population = new HashSet<>();
    private final List<ReactionNamer.Flood> floods = new ArrayList<>();
    private final double widest;
    private long now = Long.MIN_VALUE;
    private long cncFound;
    private long reactionsDropped;
    private long groupsFound;

    public SyncDetector(SyncConfig config, HomeNet homeNet, Consumer<Event> emit) {
        this.config = config;
        this.homeNet = homeNet;
        this.emit = emit;
        double w = 0;
        for (double t : config.tolerancesSeconds()) {
            w = Math.max(w, t);
        }
        this.widest = w;
        for (double t : config.tolerancesSeconds()) {
            trackers.add(new ToleranceTracker(t, (window, nanos) -> windowClosed(window, t)));
        }
        // Reactions are what hosts start themselves: a separate tracker at the widest tolerance sees
        // only outbound packets of connections the host opened (a honeypot answering a scanner that
        // sweeps all honeypots is synchronized too, but it is not reacting to anything).
        this.reactionTracker = new ToleranceTracker(widest, (window, nanos) -> trackReactions(window));
        this.history = new CommandHistory(config.maxTrackedHosts(), config.externalsPerHost(), config.timesPerExternal());
        this.fresh = new FreshTargets(config.lookbackNanos(), 4096, config.maxTrackedHosts());
    }

    @Override
    public void packet(DecodedPacket p, Flow flow) {
        boolean srcHome = homeNet.contains(p.srcHi, p.srcLo);
        boolean dstHome = homeNet.contains(p.dstHi, p.dstLo);
        if (srcHome == dstHome) {
            return; // internal, or transit between two outside nodes
        }
        long t = p.record.timestampNanos;
        if (t > now) {
            now = t;
            for (ToleranceTracker tracker : trackers) {
                tracker.expire(t);
            }
            reactionTracker.expire(t);
        }
        boolean outbound = srcHome;
        long hostHi = outbound ? p.srcHi : p.dstHi;
        long hostLo = outbound ? p.srcLo : p.dstLo;
        long extHi = outbound ? p.dstHi : p.srcHi;
        long extLo = outbound ? p.dstLo : p.srcLo;
        if (population.size() < config.maxTrackedHosts()) {
            population.add(hostHi * 0x9E37_79B9_7F4A_7C15L ^ hostLo);
        }
        ExternalKey key = probe.set(extHi, extLo, !outbound);
        for (int i = 0; i < trackers.size(); i++) {
            trackers.get(i).windowFor(key, t).add(hostHi, hostLo, config.maxHostsListed(), p);
        }
        boolean hostOpened = flow.origLo() == hostLo && flow.origHi() == hostHi;
        if (outbound && hostOpened && fresh.sent(hostHi, hostLo, extHi, extLo, t)) {
            reactionTracker.windowFor(key, t).add(hostHi, hostLo, config.maxHostsListed(), p);
        }
        if (!outbound && hostOpened && p.payloadLength > 0) {
            // Payload inside a connection the host opened: this may be a command (a bare ACK is not).
            history.record(hostHi, hostLo, extHi, extLo, p.srcPort, PayloadSniffer.proto(p), t);
        } else if (outbound && hostOpened && flow.isReplayed() && flow.answered()) {
            // From a firewall log or flow record: no payload, but the whole connection is known, and
            // an answered connection the host opened is where its commands could have come from.
            history.recordConnection(hostHi, hostLo, extHi, extLo, p.dstPort, flow.appProto(), flow.firstNanos(), flow.lastNanos());
        }
    }

    private void windowClosed(SyncWindow w, double tolerance) {
        String external = IpAddresses.format(w.key.hi(), w.key.lo());
        emit.accept(new SyncEvent(w.startNanos, w.key.inbound() ? "in" : "out", external, tolerance,
                w.members(), w.omitted));
        if (!w.key.inbound() && tolerance == widest && w.packets >= FLOOD_PACKETS && floods.size() < MAX_FLOODS) {
            // Floods are reactions too, but to one node: kept apart, with the possible commands
            // before each host's first packet, so they can be traced to the C&C that ordered them.
            Map<String, List<CommandHistory.Candidate>> commands = new LinkedHashMap<>();
            for (int i = 0; i < w.listed(); i++) {
                commands.put(IpAddresses.format(w.hostHi(i), w.hostLo(i)),
                        history.candidatesBefore(w.hostHi(i), w.hostLo(i), w.firstNanos(i), config.lookbackNanos()));
            }
            floods.add(new ReactionNamer.Flood(external, w.destPort(0), w.startNanos, commands));
        }
    }

    /**
     * Each listed host of an outbound sync event is reacting: start or extend its reaction. A packet
     * that answers the node it goes to (an ACK, a PONG, a poll right after its answer) is not a
     * reaction: reactions are what a host starts on its own after a command.
     */
    private void trackReactions(SyncWindow w) {
        for (int i = 0; i < w.listed(); i++) {
            long[] address = {w.hostHi(i), w.hostLo(i)};
            long firstNanos = w.firstNanos(i);
            if (history.arrivedWithin(address[0], address[1], w.key.hi(), w.key.lo(), firstNanos, ANSWER_WINDOW_NANOS)) {
                continue;
            }
            String host = IpAddresses.format(address[0], address[1]);
            // One reaction per host and destination port: a sweep on 445, a spam run on 25 and a flood
            // on 80 are separate reactions even when two botnets make them overlap in time.
            String reactionKey = host + "|" + w.destPort(i);
            Reaction r = openReactions.get(reactionKey);
            if (openReactions.size() > MAX_OPEN_REACTIONS) {
                long horizon = firstNanos - config.episodeGapNanos();
                openReactions.values().removeIf(open -> open.lastNanos < horizon);
            }
            if (r == null || firstNanos - r.lastNanos > config.episodeGapNanos()
                    || firstNanos - r.startNanos > MAX_REACTION_NANOS) {
                if (reactions.size() >= MAX_REACTIONS) {
                    reactionsDropped++;
                    continue;
                }
                r = new Reaction(address[0], address[1], host, firstNanos, w.destPort(i),
                        history.candidatesBefore(address[0], address[1], firstNanos, config.lookbackNanos()));
                openReactions.put(reactionKey, r);
                reactions.add(r);
            }
            r.lastNanos = Math.max(r.lastNanos, firstNanos);
            if (r.targets.size() < 1024) {
                r.targets.add(w.key);
            }
            if (r.syncTimes.size() < 64) {
                r.syncTimes.add(w.startNanos);
            }
        }
    }

    @Override
    public void finish() {
        for (ToleranceTracker tracker : trackers) {
            tracker.finish();
        }
        reactionTracker.finish();
        List<Reaction> all = new ArrayList<>(reactions);
        all.addAll(floodReactions());
        List<CncFinding> findings = new CncInference(config, history::contacts).infer(all, population.size());
        if (Boolean.getBoolean("hyakuyobako.debug.sync")) {
            for (Reaction r : reactions) {
                StringBuilder sb = new StringBuilder("reaction ").append(r.host).append(' ').append(Timestamps.eve(r.startNanos))
                        .append(" occ ").append(r.occasion).append(" targets ").append(r.targets.size()).append(':');
                for (CommandHistory.Candidate c : r.candidates) {
                    sb.append(' ').append(IpAddresses.format(c.hi(), c.lo())).append(':').append(c.port())
                            .append('/').append(c.proto()).append('@').append(String.format("%.2f", c.delayNanos() / 1e9));
                }
                System.err.println(sb);
            }
        }
        cncFound = findings.size();
        ReactionNamer namer = new ReactionNamer(reactions, floods, config.maxDelaySpreadNanos());
        for (CncFinding f : findings) {
            emit.accept(new CncEvent(f.firstNanos(), f.endpoint(), f.bots(), f.score(), describe(f), namer.name(f)));
        }
        emitGroupsAndEvidence(findings);
    }

    /** Each host's part in a flood, as a reaction whose possible commands were taken when it began. */
    private List<Reaction> floodReactions() {
        List<Reaction> out = new ArrayList<>();
        for (ReactionNamer.Flood f : floods) {
            long[] victim = IpAddresses.parse(f.victim());
            for (Map.Entry<String, List<CommandHistory.Candidate>> e : f.commands().entrySet()) {
                Reaction r = new Reaction(0, 0, e.getKey(), f.startNanos(), f.port(), e.getValue());
                r.flood = true;
                r.targets.add(new ExternalKey(victim[0], victim[1], false));
                out.add(r);
            }
        }
        return out;
    }

    private static List<String> describe(CncFinding f) {
        List<String> lines = new ArrayList<>();
        for (Map.Entry<String, List<long[]>> e : f.perBot().entrySet()) {
            StringBuilder sb = new StringBuilder(e.getKey()).append(" reacted at");
            for (long[] occasion : e.getValue()) {
                sb.append(' ').append(Timestamps.eve(occasion[0])).append(" (")
                        .append(String.format("%.2f", occasion[1] / 1e9)).append(" s after)");
            }
            lines.add(sb.toString());
        }
        return lines;
    }

    /** One group per set of bots; C&C servers with the same bots (one botnet, two channels) share it. */
    private void emitGroupsAndEvidence(List<CncFinding> findings) {
        Map<List<String>, List<CncFinding>> groups = new LinkedHashMap<>();
        for (CncFinding f : findings) {
            groups.computeIfAbsent(f.bots(), k -> new ArrayList<>()).add(f);
        }
        List<Map.Entry<List<String>, List<CncFinding>>> ordered = new ArrayList<>(groups.entrySet());
        ordered.sort(Comparator.comparingLong(e -> e.getValue().get(0).firstNanos()));
        int n = 0;
        for (Map.Entry<List<String>, List<CncFinding>> g : ordered) {
            String id = "sync-" + (++n);
            List<CncEndpoint> cnc = g.getValue().stream().map(CncFinding::endpoint).toList();
            emit.accept(new GroupEvent(g.getValue().get(0).firstNanos(), id, g.getKey(), cnc));
        }
        groupsFound = n;
        for (CncFinding f : findings) {
            for (Map.Entry<String, List<long[]>> bot : f.perBot().entrySet()) {
                List<long[]> occasions = bot.getValue();
                long first = occasions.get(0)[0];
                long last = occasions.get(occasions.size() - 1)[0];
                List<String> refs = new ArrayList<>();
                for (long[] o : occasions) {
                    refs.add("reaction:" + Timestamps.eve(o[0]));
                }
                String summary = String.format("obeys %s:%d (%s): reacted in step with %d other host(s) on %d occasion(s), "
                                + "%.1f s after its commands", f.endpoint().ip(), f.endpoint().port(), f.endpoint().proto(),
                        f.bots().size() - 1, occasions.size(), f.medianDelayNanos() / 1e9);
                emit.accept(new EvidenceEvent(first, last, bot.getKey(), f.endpoint().ip(), "sync", f.score(), summary, refs));
            }
        }
    }

    @Override
    public Map<String, Long> counters() {
        Map<String, Long> c = new LinkedHashMap<>();
        for (ToleranceTracker t : trackers) {
            c.put("sync.events_" + formatTolerance(t.toleranceSeconds) + "s", t.events);
        }
        c.put("sync.reactions", (long) reactions.size());
        c.put("sync.reactions_dropped", reactionsDropped);
        c.put("sync.cnc", cncFound);
        c.put("sync.groups", groupsFound);
        c.put("sync.hosts_dropped", history.hostsDropped);
        return c;
    }

    private static String formatTolerance(double t) {
        return t == Math.rint(t) ? Long.toString((long) t) : Double.toString(t);
    }
}
