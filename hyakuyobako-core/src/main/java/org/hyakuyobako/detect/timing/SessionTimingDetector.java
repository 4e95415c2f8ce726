package org.hyakuyobako.detect.timing;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Consumer;
import org.hyakuyobako.detect.LruMap;
import org.hyakuyobako.decode.DecodedPacket;
import org.hyakuyobako.decode.IpAddresses;
import org.hyakuyobako.decode.IpProtocol;
import org.hyakuyobako.event.BeaconEvent;
import org.hyakuyobako.event.ConnectionRef;
import org.hyakuyobako.event.Endpoints;
import org.hyakuyobako.event.Event;
import org.hyakuyobako.event.EvidenceEvent;
import org.hyakuyobako.event.TimingEvent;
import org.hyakuyobako.event.WeirdEvent;
import org.hyakuyobako.flow.EndReason;
import org.hyakuyobako.flow.Flow;
import org.hyakuyobako.net.HomeNet;
import org.hyakuyobako.pipeline.FlowObserver;
import org.hyakuyobako.pipeline.PacketObserver;

/**
 * C&C session timing (D5, seed 001) from payload sizes and packet times, so encrypted sessions
 * count as much as readable ones. For TCP sessions that monitored hosts open to outside servers it
 * emits {@code timing} evidence when:
 * <ul>
 *   <li>the host's connections to one server port come at a regular period with steady sizes, as a
 *       bot polling its C&C does (at least {@link #MIN_BEATS} connections over
 *       {@link #MIN_SPAN_NANOS}, {@link #MIN_REGULAR_SHARE} of the intervals within a quarter of
 *       their median, see {@link Spread}): 0.4, or 0.3
 *       when only the period is regular;</li>
 *   <li>inside one session (not IRC, whose lag checks are regular by design and whose content is
 *       analysed instead) the host sends unprompted messages of a steady size at a regular period,
 *       a heartbeat of an encrypted push channel: 0.3 (0.2 when the sizes vary);</li>
 *   <li>two or more hosts log in to one IRC server with control commands (PASS, NICK, USER, JOIN,
 *       MODE) of the same sizes, all within {@link #MACHINE_LOGIN_NANOS}, the mark of one bot build:
 *       0.4 (0.3 when one packet carries them all);</li>
 *   <li>an IRC session stops being IRC (unparseable data follows valid lines without STARTTLS): 0.3.</li>
 * </ul>
 * Each periodic series and heartbeat is also written as a {@code beacon} event, which
 * synchronized-activity analysis groups across hosts. A series kept to one second of the minute at a
 * period of whole minutes is marked with that second; one that fires on the minute is a scheduled
 * job (cron, a backup agent): its beacon is written, but it is no evidence. Connections known only from firewall logs and
 * flow records join the periodic series too (their starts and sizes), so pollers show in logs.
 * Push services, NTP-like pollers and SSH keep-alives are regular too: the scores are low so that
 * timing counts in combination with other methods (seed 001: alone it misses and accuses).
 *
 * <p>State is bounded: at most {@link #MAX_SESSIONS} sessions are timed at once (more are counted
 * as skipped) and {@link #MAX_SERIES} host-server series are kept, least recently used judged and
 * dropped first.
 */
public final class SessionTimingDetector implements PacketObserver, FlowObserver, Consumer<Event> {
    static final long SECOND = 1_000_000_000L;
    static final int MAX_SESSIONS = 200_000;
    static final int MAX_SERIES = 100_000;
    static final int MIN_BEATS = 10;
    /** The whole control phase (PASS, NICK, USER, JOIN, MODE) within this time: a program's login. */
    static final long MACHINE_LOGIN_NANOS = SECOND;
    static final long MIN_SPAN_NANOS = 60 * SECOND;
    static final long MIN_CONNECTION_PERIOD_NANOS = SECOND;
    static final long MIN_HEARTBEAT_PERIOD_NANOS = 2 * SECOND;
    /** Share of intervals (and sizes) within a quarter of their median for a series to be regular. */
    static final double MIN_REGULAR_SHARE = 0.8;
    /** The weird the IRC parser reports when a session's data stops being IRC. */
    public static final String PROTOCOL_CHANGE = "irc_protocol_change";

    private final HomeNet homeNet;
    private final Consumer<Event> emit;
    private final Map<Long, SessionTimeline> sessions = new HashMap<>();
    private final ControlFingerprints prints = new ControlFingerprints();
    private final Map<String, ConnectionSeries> series = new LruMap<>(MAX_SERIES, (k, v) -> judgeSeries(v));
    private long sessionsSkipped;
    private long evidenceEmitted;

    public SessionTimingDetector(HomeNet homeNet, Consumer<Event> emit) {
        this.homeNet = homeNet;
        this.emit = emit;
    }

    @Override
    public void packet(DecodedPacket p, Flow flow) {
        if (p.protocol != IpProtocol.TCP || p.payloadLength <= 0) {
            return;
        }
        long at = p.record.timestampNanos;
        SessionTimeline t = sessions.get(flow.flowId());
        if (t == null) {
            if (!monitoredToOutside(flow)) {
                return;
            }
            if (sessions.size() >= MAX_SESSIONS) {
                sessionsSkipped++;
                return;
            }
            t = new SessionTimeline();
            sessions.put(flow.flowId(), t);
        }
        if (flow.lastPacketFromOrig()) {
            t.client(at, p.seq, p.payloadLength, p.payloadBuffer, p.payloadOffset, p.payloadCaptured);
        } else {
            t.server(at, p.seq, p.payloadLength);
        }
    }

    private boolean monitoredToOutside(Flow flow) {
        return homeNet.contains(flow.origHi(), flow.origLo()) && !homeNet.contains(flow.respHi(), flow.respLo());
    }

    @Override
    public void flowEnded(Flow flow, EndReason reason) {
        if (reason == EndReason.ACTIVE_TIMEOUT || flow.protocol() != IpProtocol.TCP) {
            return;
        }
        if (flow.isReplayed()) {
            replayed(flow);
            return;
        }
        SessionTimeline t = sessions.isEmpty() ? null : sessions.remove(flow.flowId());
        // A poll gets an answer; connections the server never sent data on are scans, probes and
        // refusals, which are many and no beacon, so they cost nothing here.
        if (t == null || flow.respPayloadBytes() == 0 || !monitoredToOutside(flow)) {
            return;
        }
        String host = IpAddresses.format(flow.origHi(), flow.origLo());
        String server = Endpoints.format(IpAddresses.format(flow.respHi(), flow.respLo()), flow.respPort());
        series.computeIfAbsent(host + " " + server, k -> new ConnectionSeries(host, server, flow.sensorId()))
                .add(flow.firstNanos(), flow.origPayloadBytes(), flow.flowId());
        judgeSession(flow, t, host, server);
    }

    /**
     * A connection known from a firewall log or flow record: no payload to time, but its start and
     * size join the host's series to the server, so a poller shows in logs as in packets. A log
     * that does not split bytes by direction (an ASA Teardown) gives both ways together.
     */
    private void replayed(Flow flow) {
        if (!flow.answered() || !monitoredToOutside(flow)) {
            return;
        }
        String host = IpAddresses.format(flow.origHi(), flow.origLo());
        String server = Endpoints.format(IpAddresses.format(flow.respHi(), flow.respLo()), flow.respPort());
        long bytes = flow.origPackets() == 0 && flow.respPackets() == 0 ? flow.origPayloadBytes() + flow.respPayloadBytes()
                : flow.origPayloadBytes();
        series.computeIfAbsent(host + " " + server, k -> new ConnectionSeries(host, server, flow.sensorId()))
                .add(flow.firstNanos(), bytes, flow.flowId());
    }

    private void judgeSession(Flow flow, SessionTimeline t, String host, String server) {
        t.closeTurn();
        boolean irc = "irc".equals(flow.appProto());
        Spread period = Spread.of(Spread.intervals(t.unpromptedTimes.toArray()));
        Spread sizes = Spread.of(t.unpromptedSizes.toArray());
        boolean evidence = false;
        List<String> refs = List.of("flow:" + flow.flowId());
        if (!irc && period.n() + 1 >= MIN_BEATS && period.median() >= MIN_HEARTBEAT_PERIOD_NANOS
                && period.nearMedian() >= MIN_REGULAR_SHARE && flow.lastNanos() - flow.firstNanos() >= MIN_SPAN_NANOS) {
            // A regular rhythm is the heartbeat; sizes that vary (random padding) make it a weaker sign.
            boolean steady = sizes.nearMedian() >= MIN_REGULAR_SHARE;
            evidence = true;
            evidence(flow.lastNanos(), host, server, steady ? 0.3 : 0.2, String.format(
                    "sends %d unprompted messages of about %.0f bytes every %.1f s (dispersion %.2f) in one %s session",
                    t.unpromptedTimes.total(), sizes.median(), period.median() / 1e9, period.dispersion(),
                    flow.appProto() == null ? "TCP" : flow.appProto().toUpperCase()), refs);
            long[] beats = t.unpromptedTimes.toArray();
            emit.accept(new BeaconEvent(flow.lastNanos(), flow.sensorId(), host, IpAddresses.format(flow.respHi(), flow.respLo()),
                    flow.respPort(), "heartbeat", (long) period.median(), period.dispersion(), (long) sizes.median(),
                    t.unpromptedTimes.total(), beats[0], beats[beats.length - 1], ScheduledJob.secondOfMinute(beats, period.median())));
        }
        int[] control = t.controlCount == 0 ? new int[0] : Arrays.copyOf(t.controlSizes, t.controlCount);
        // A program logs in at once; a person's client may send the same sizes (same nick length,
        // default real name, same channels) but joins when the person types /join.
        boolean machineFast = t.controlCount > 0 && t.controlTimes[t.controlCount - 1] - t.controlTimes[0] <= MACHINE_LOGIN_NANOS;
        if (irc && control.length > 0 && machineFast) {
            ControlFingerprints.Group g = prints.add(server, control, host, flow.flowId());
            if (g.hosts.size() >= 2) {
                for (Map.Entry<String, Long> h : g.hosts.entrySet()) {
                    if (g.reported.add(h.getKey())) {
                        evidence = evidence || h.getKey().equals(host);
                        evidence(flow.lastNanos(), h.getKey(), server, control.length > 1 ? 0.4 : 0.3, String.format(
                                "logs in to IRC server %s with control commands of sizes %s, as %d host(s) do: one bot build",
                                server, Arrays.toString(control), g.hosts.size()), List.of("flow:" + h.getValue()));
                    }
                }
            }
        }
        if (irc || evidence) {
            emit.accept(timingEvent(flow, t, period, sizes));
        }
    }

    private static TimingEvent timingEvent(Flow flow, SessionTimeline t, Spread period, Spread sizes) {
        ConnectionRef conn = new ConnectionRef(flow.flowId(), flow.sensorId(), IpAddresses.format(flow.origHi(), flow.origLo()),
                flow.origPort(), IpAddresses.format(flow.respHi(), flow.respLo()), flow.respPort());
        int[] first = Arrays.copyOf(t.firstSizes, t.firstCount);
        int[] control = t.controlCount == 0 ? new int[0] : Arrays.copyOf(t.controlSizes, t.controlCount);
        long[] controlTimes = t.controlCount == 0 ? new long[0] : Arrays.copyOf(t.controlTimes, t.controlCount);
        Spread answers = Spread.of(t.answerDelays.toArray());
        return new TimingEvent(flow.lastNanos(), conn, flow.appProto(), first, gaps(Arrays.copyOf(t.firstTimes, t.firstCount)),
                control, gaps(controlTimes), t.turns, t.unpromptedTimes.total(),
                (long) period.median(), period.n() == 0 ? -1 : period.dispersion(), (long) sizes.median(),
                sizes.n() == 0 ? -1 : sizes.dispersion(), t.answerDelays.total(), (long) answers.median(), t.serverPushes);
    }

    /** Tn: the time from the previous packet (0 for the first), in arrival order. */
    private static long[] gaps(long[] times) {
        long[] d = new long[times.length];
        for (int i = 1; i < times.length; i++) {
            d[i] = times[i] - times[i - 1];
        }
        return d;
    }

    private void judgeSeries(ConnectionSeries s) {
        if (s.reported || s.starts.size() < MIN_BEATS) {
            return;
        }
        long[] starts = s.starts.toArray();
        Spread period = Spread.of(Spread.intervals(starts));
        long span = Arrays.stream(starts).max().getAsLong() - Arrays.stream(starts).min().getAsLong();
        if (period.median() < MIN_CONNECTION_PERIOD_NANOS || period.nearMedian() < MIN_REGULAR_SHARE || span < MIN_SPAN_NANOS) {
            return;
        }
        s.reported = true;
        Spread bytes = Spread.of(s.clientBytes.toArray());
        boolean steady = bytes.nearMedian() >= MIN_REGULAR_SHARE;
        int secondOfMinute = ScheduledJob.secondOfMinute(starts, period.median());
        emit.accept(new BeaconEvent(s.lastStart, s.sensorId, s.host, Endpoints.address(s.server), Endpoints.port(s.server),
                "connections", (long) period.median(), period.dispersion(), (long) bytes.median(), s.starts.total(), s.firstStart,
                s.lastStart, secondOfMinute));
        if (ScheduledJob.onTheMinute(secondOfMinute)) {
            return;     // a scheduled job (cron, a backup agent) fires on the minute: no implant's timer
        }
        evidence(s.lastStart, s.host, s.server, steady ? 0.4 : 0.3, String.format(
                "connects to %s every %.1f s (dispersion %.2f, %d connections over %.0f min)%s",
                s.server, period.median() / 1e9, period.dispersion(), s.starts.total(), (s.lastStart - s.firstStart) / 60e9,
                steady ? String.format(", sending about %.0f bytes each time", bytes.median()) : ""),
                List.of("flow:" + s.lastFlowId));
    }

    /** A readable session that stops being what it was: the IRC parser gave up after valid lines. */
    @Override
    public void accept(Event event) {
        if (!(event instanceof WeirdEvent w) || !w.name().equals(PROTOCOL_CHANGE)) {
            return;
        }
        long[] client = IpAddresses.parse(w.conn().srcIp());
        if (homeNet.contains(client[0], client[1])) {
            evidence(w.timestampNanos(), w.conn().srcIp(), Endpoints.format(w.conn().destIp(), w.conn().destPort()), 0.3,
                    "the IRC session changes protocol: " + w.addl(), List.of("flow:" + w.conn().flowId()));
        }
    }

    @Override
    public void finish() {
        for (ConnectionSeries s : new ArrayList<>(series.values())) {
            judgeSeries(s);
        }
        series.clear();
        sessions.clear();
    }

    private void evidence(long at, String host, String peer, double score, String what, List<String> refs) {
        evidenceEmitted++;
        emit.accept(new EvidenceEvent(at, at, host, peer, "timing", score, what, refs));
    }

    @Override
    public Map<String, Long> counters() {
        Map<String, Long> c = new LinkedHashMap<>();
        c.put("timing.evidence", evidenceEmitted);
        c.put("timing.sessions_skipped", sessionsSkipped);
        return c;
    }
}
