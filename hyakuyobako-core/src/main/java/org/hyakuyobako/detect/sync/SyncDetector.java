package org.hyakuyobako.detect.sync;

import java.util.ArrayList;
import java.util.Comparator;
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
import org.hyakuyobako.flow.ConnState;
import org.hyakuyobako.flow.EndReason;
import org.hyakuyobako.flow.Flow;
import org.hyakuyobako.net.HomeNet;
import org.hyakuyobako.pipeline.FlowObserver;
import org.hyakuyobako.pipeline.PacketObserver;

/**
 * Synchronized activity across monitored hosts (seed 002, D8), the method no open-source peer has.
 *
 * <p>Two parts. <b>Table 1</b>: for each tolerance, packets of two or more monitored hosts to (out)
 * or from (in) one external node within the tolerance make one {@code sync} event. <b>C&C
 * inference</b>: each host's own new activity is cut into reactions ({@link ReactionTracker}); at
 * the end of the input, the reactions that are what bots are told to do ({@link ReactionClassifier})
 * are traced back to the nodes that had sent their hosts something just before, and a node whose
 * messages several hosts obey with a consistent delay is a C&C ({@link CncInference}), giving
 * {@code cnc}, {@code group} and {@code evidence} (method {@code sync}) events. Only addresses,
 * ports, times and sizes are used, so it works when the C&C channel is encrypted, and on firewall
 * logs and flow records as on packets.
 *
 * <p>Cost per packet: two home-net checks and one map look-up per tolerance; one more look-up per
 * new connection and per payload packet from outside. State: open windows (external nodes active
 * within one tolerance), a bounded command history per host, the recent (node, port) pairs per
 * host, one record per reaction, and the monitored population (counted at connections' end).
 */
public final class SyncDetector implements PacketObserver, FlowObserver {
    /** A beacon group's score: this, plus per host, up to the maximum (a group of seven is surer than one of three). */
    static final double BEACON_SCORE_BASE = 0.6;
    static final double BEACON_SCORE_PER_HOST = 0.05;
    static final double BEACON_SCORE_MAX = 0.85;
    /** A download on a C&C's command, known from sizes and times only (what was downloaded is not seen). */
    static final double DOWNLOAD_SCORE = 0.6;
    private final SyncConfig config;
    private final HomeNet homeNet;
    private final Consumer<Event> emit;
    private final List<ToleranceTracker> trackers = new ArrayList<>();
    private final CommandHistory history;
    private final NodePopularity popularity = new NodePopularity();
    private final ReactionTracker reactions;
    private final BeaconGroups beacons;
    /** Reused for every packet's look-ups; windows store copies. */
    private final ExternalKey probe = new ExternalKey(0, 0, false);
    private final HostHashSet population = new HostHashSet();
    private long knownServicesNotNamed;
    private long now = Long.MIN_VALUE;
    private long firstPacket = Long.MIN_VALUE;
    private long botLike;
    private long populationNotCounted;
    private long cncFound;
    private long groupsFound;

    public SyncDetector(SyncConfig config, HomeNet homeNet, Consumer<Event> emit) {
        this(config, homeNet, emit, new BeaconGroups());
    }

    /** With the shared beacons another stage (session timing) reports, as a second signal. */
    public SyncDetector(SyncConfig config, HomeNet homeNet, Consumer<Event> emit, BeaconGroups beacons) {
        this.config = config;
        this.homeNet = homeNet;
        this.emit = emit;
        this.beacons = beacons;
        for (double t : config.tolerancesSeconds()) {
            trackers.add(new ToleranceTracker(t, (window, nanos) -> windowClosed(window, t)));
        }
        this.history = new CommandHistory(config.maxTrackedHosts(), config.externalsPerHost(), config.timesPerExternal());
        this.reactions = new ReactionTracker(config, history, popularity);
    }

    @Override
    public void packet(DecodedPacket p, Flow flow) {
        boolean srcHome = homeNet.contains(p.srcHi, p.srcLo);
        boolean dstHome = homeNet.contains(p.dstHi, p.dstLo);
        if (!srcHome && !dstHome) {
            return; // transit between two outside nodes
        }
        long t = p.record.timestampNanos;
        if (firstPacket == Long.MIN_VALUE) {
            firstPacket = t;
        }
        if (t > now) {
            now = t;
            for (ToleranceTracker tracker : trackers) {
                tracker.expire(t);
            }
        }
        boolean fromOpener = flow.origLo() == p.srcLo && flow.origHi() == p.srcHi;
        if (srcHome && fromOpener && (flow.isReplayed() || flow.origPackets() == 1 && flow.firstSlice())) {
            // The first packet of a connection a monitored host opened, inside or out: what it does.
            long until = flow.isReplayed() ? flow.lastNanos() : t;
            reactions.opened(p.srcHi, p.srcLo, p.dstHi, p.dstLo, p.dstPort, p.protocol == IpProtocol.UDP, dstHome, t, until,
                    flow.flowId());
        }
        if (srcHome == dstHome) {
            return; // internal: reactions only; Table 1 and commands are about outside nodes
        }
        boolean outbound = srcHome;
        long hostHi = outbound ? p.srcHi : p.dstHi;
        long hostLo = outbound ? p.srcLo : p.dstLo;
        long extHi = outbound ? p.dstHi : p.srcHi;
        long extLo = outbound ? p.dstLo : p.srcLo;
        ExternalKey key = probe.set(extHi, extLo, !outbound);
        for (int i = 0; i < trackers.size(); i++) {
            trackers.get(i).windowFor(key, t).add(hostHi, hostLo, config.maxHostsListed(), p);
        }
        boolean hostOpened = flow.origLo() == hostLo && flow.origHi() == hostHi;
        // The host must also have really taken part (its SYN, an ACK or data): a spoofed packet cannot
        // plant a command. Checked only for payload from outside, not for every packet.
        if (!outbound && hostOpened && p.payloadLength > 0 && flow.originatorTalked()) {
            // Payload inside a connection the host opened: this may be a command (a bare ACK is not).
            history.record(hostHi, hostLo, extHi, extLo, p.srcPort, PayloadSniffer.proto(p), t,
                    t - flow.firstNanos() <= CommandHistory.POLL_CONNECTION_NANOS);
        } else if (outbound && hostOpened && flow.isReplayed() && (flow.answered() || stillOpen(flow))) {
            // From a firewall log or flow record: no payload, but the whole connection is known, and
            // an answered connection the host opened is where its commands could have come from.
            long end = stillOpen(flow) ? Long.MAX_VALUE : flow.lastNanos();
            history.recordConnection(hostHi, hostLo, extHi, extLo, p.dstPort, flow.appProto(), flow.firstNanos(), end,
                    p.protocol == IpProtocol.TCP);
        }
    }

    /** A record of a connection the log saw begin but never end (a C&C channel open all along). */
    private static boolean stillOpen(Flow flow) {
        return flow.isReplayed() && flow.lastNanos() == flow.firstNanos() && "S1".equals(ConnState.of(flow));
    }

    @Override
    public void flowEnded(Flow flow, EndReason reason) {
        if (reason == EndReason.ACTIVE_TIMEOUT || !homeNet.contains(flow.origHi(), flow.origLo())) {
            return;
        }
        if (flow.answered()) {
            // The monitored population: hosts that held a real exchange (a spoofed source never does).
            if (population.size() < config.maxTrackedHosts()) {
                population.add(flow.origHi(), flow.origLo());
            } else if (!population.contains(flow.origHi(), flow.origLo())) {
                populationNotCounted++;
            }
        }
        boolean unsplit = flow.isReplayed() && flow.origPackets() == 0 && flow.respPackets() == 0;
        reactions.ended(flow.flowId(), flow.origHi(), flow.origLo(), flow.respHi(), flow.respLo(), flow.respPort(), flow.firstNanos(),
                flow.lastNanos(), flow.origPackets(), flow.answered(), unsplit ? 0 : flow.respPayloadBytes(),
                unsplit ? flow.origPayloadBytes() + flow.respPayloadBytes() : 0);
    }

    private void windowClosed(SyncWindow w, double tolerance) {
        String external = IpAddresses.format(w.key.hi(), w.key.lo());
        emit.accept(new SyncEvent(w.startNanos, w.key.inbound() ? "in" : "out", external, tolerance, w.members(), w.omitted));
    }

    @Override
    public void finish() {
        for (ToleranceTracker tracker : trackers) {
            tracker.finish();
        }
        List<Reaction> all = reactions.reactions();
        ReactionClassifier classifier = new ReactionClassifier(popularity, config.infrastructurePorts(), population.size());
        List<Reaction> bots = new ArrayList<>();
        for (Reaction r : all) {
            r.kind = classifier.classify(r);
            if (r.kind != null) {
                bots.add(r);
            }
        }
        botLike = bots.size();
        ChanceOfCoincidence chance = new ChanceOfCoincidence(bots, population.size(), now - firstPacket);
        List<CncFinding> findings = new CncInference(config, history::contacts, beacons::hostsBeaconingTo, population.size(), chance)
                .infer(bots);
        // A resolver everyone asks or a sinkhole answering a dead botnet's bots is a known public service, never a C&C.
        int before = findings.size();
        findings = new ArrayList<>(findings);
        findings.removeIf(f -> org.hyakuyobako.detect.blacklist.KnownServices.bundled().why(f.endpoint().ip()) != null);
        knownServicesNotNamed += before - findings.size();
        if (Boolean.getBoolean("hyakuyobako.debug.sync")) {
            SyncDebug.print(bots);
        }
        cncFound = findings.size();
        ReactionNamer namer = new ReactionNamer(bots, config.infrastructurePorts());
        for (CncFinding f : findings) {
            emit.accept(new CncEvent(f.firstNanos(), f.endpoint(), f.bots(), f.score(), describe(f), namer.name(f)));
            emitDownloads(f, namer);
        }
        int groups = emitGroupsAndEvidence(findings);
        emitBeaconGroups(findings, groups);
    }

    /**
     * Groups of hosts that beacon alike to a rare endpoint, where no synchronized reaction named that
     * endpoint already: a C&C candidate and a group of their own, with {@code beacon} evidence.
     */
    private void emitBeaconGroups(List<CncFinding> findings, int groupsSoFar) {
        Set<String> named = new HashSet<>();
        findings.forEach(f -> named.add(f.endpoint().ip() + "|" + f.endpoint().port()));
        int n = 0;
        for (BeaconGroups.Group g : beacons.groups(population.size(), popularity::hosts)) {
            if (named.contains(g.ip() + "|" + g.port())) {
                continue;
            }
            List<String> hosts = new ArrayList<>(g.hosts());
            long first = g.beacons().stream().mapToLong(BeaconGroups.Beacon::firstNanos).min().orElse(0);
            long last = g.beacons().stream().mapToLong(BeaconGroups.Beacon::lastNanos).max().orElse(0);
            double score = Math.min(BEACON_SCORE_MAX, BEACON_SCORE_BASE + BEACON_SCORE_PER_HOST * hosts.size());
            String what = String.format("beacons to %s:%d every %.0f s with about %d bytes, as %d host(s) do: one implant's timer",
                    g.ip(), g.port(), g.periodNanos() / 1e9, g.sizeMedian(), hosts.size());
            CncEndpoint endpoint = new CncEndpoint(g.ip(), g.port(), "unknown");
            emit.accept(new CncEvent(first, endpoint, hosts, score, List.of(what), List.of()));
            emit.accept(new GroupEvent(first, "beacon-" + (++n), hosts, List.of(endpoint)));
            for (BeaconGroups.Beacon b : g.beacons()) {
                emit.accept(new EvidenceEvent(b.firstNanos(), b.lastNanos(), b.host(), g.ip(), "beacon", score, what,
                        List.of("beacon:" + g.ip() + ":" + g.port())));
            }
        }
        cncFound += n;
        groupsFound = groupsSoFar + n;
    }

    /**
     * The downloads the bots made on their C&C's command, as {@code download} evidence: read from
     * sizes and times alone, so a firewall log's Teardown byte counts show them too.
     */
    private void emitDownloads(CncFinding f, ReactionNamer namer) {
        for (ReactionNamer.Download d : namer.downloads(f)) {
            emit.accept(new EvidenceEvent(d.atNanos(), d.atNanos(), d.host(), d.from(), "download", DOWNLOAD_SCORE, String.format(
                    "downloads %,d bytes from %s, a node few hosts contact, right after its C&C %s:%d spoke", d.bytes(), d.from(),
                    f.endpoint().ip(), f.endpoint().port()), List.of("reaction:" + Timestamps.eve(d.atNanos()))));
        }
    }

    private static List<String> describe(CncFinding f) {
        List<String> lines = new ArrayList<>();
        for (Map.Entry<String, List<long[]>> e : f.perBot().entrySet()) {
            StringBuilder sb = new StringBuilder(e.getKey()).append(" reacted at");
            for (long[] occasion : e.getValue()) {
                sb.append(' ').append(Timestamps.eve(occasion[0]));
                sb.append(occasion[1] >= 0 ? String.format(" (%.2f s after)", occasion[1] / 1e9) : " (its connection open)");
            }
            lines.add(sb.toString());
        }
        if (f.beaconConfirmed()) {
            lines.add("its bots also beacon alike to it");
        }
        lines.add(f.log10Chance() < 0 ? String.format("chance of these occasions in this run by coincidence: 1 in 10^%.0f", -f.log10Chance())
                : "these occasions could be a coincidence in this run (other signals decided)");
        return lines;
    }

    /** One group per set of bots; C&C servers with the same bots (one botnet, two channels) share it. */
    private int emitGroupsAndEvidence(List<CncFinding> findings) {
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
        for (CncFinding f : findings) {
            for (Map.Entry<String, List<long[]>> bot : f.perBot().entrySet()) {
                List<long[]> occasions = bot.getValue();
                long first = occasions.get(0)[0];
                long last = occasions.get(occasions.size() - 1)[0];
                List<String> refs = new ArrayList<>();
                for (long[] o : occasions) {
                    refs.add("reaction:" + Timestamps.eve(o[0]));
                }
                String delay = f.medianDelayNanos() >= 0 ? String.format("%.1f s after its commands", f.medianDelayNanos() / 1e9)
                        : "while its connection to it was open";
                String summary = String.format("obeys %s:%d (%s): reacted in step with %d other host(s) on %d occasion(s), %s",
                        f.endpoint().ip(), f.endpoint().port(), f.endpoint().proto(), f.bots().size() - 1, occasions.size(), delay);
                emit.accept(new EvidenceEvent(first, last, bot.getKey(), f.endpoint().ip(), "sync", f.score(), summary, refs));
            }
        }
        return n;
    }

    @Override
    public Map<String, Long> counters() {
        Map<String, Long> c = new LinkedHashMap<>();
        for (ToleranceTracker t : trackers) {
            c.put("sync.events_" + formatTolerance(t.toleranceSeconds) + "s", t.events);
        }
        c.put("sync.reactions", (long) reactions.count());
        c.put("sync.reactions_bot_like", botLike);
        c.put("sync.reactions_dropped", reactions.dropped);
        c.put("sync.cnc", cncFound);
        c.put("sync.groups", groupsFound);
        c.put("sync.hosts_dropped", history.hostsDropped);
        c.put("sync.known_services_not_named", knownServicesNotNamed);
        c.put("sync.nodes_not_counted", popularity.nodesNotCounted);
        c.put("sync.population_not_counted", populationNotCounted);
        c.put("sync.outcomes_not_followed", reactions.outcomesNotFollowed());
        c.put("sync.open_reactions_evicted", reactions.openEvicted);
        c.put("sync.beacons_dropped", beacons.dropped);
        return c;
    }

    private static String formatTolerance(double t) {
        return t == Math.rint(t) ? Long.toString((long) t) : Double.toString(t);
    }
}
