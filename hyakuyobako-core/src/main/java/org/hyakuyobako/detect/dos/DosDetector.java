package org.hyakuyobako.detect.dos;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeSet;
import java.util.function.Consumer;
import org.hyakuyobako.decode.DecodedPacket;
import org.hyakuyobako.decode.IpAddresses;
import org.hyakuyobako.decode.IpProtocol;
import org.hyakuyobako.event.DosEvent;
import org.hyakuyobako.event.Event;
import org.hyakuyobako.event.EvidenceEvent;
import org.hyakuyobako.flow.Flow;
import org.hyakuyobako.net.HomeNet;
import org.hyakuyobako.pipeline.PacketObserver;

/**
 * Floods (D6) in one-second windows of packet time per sensor, for three kinds of flood-shaped
 * packets (TCP SYN without ACK, UDP, ICMP). A second is a flood when it holds at least
 * {@link #MIN_PACKETS} such packets at {@link #MIN_RATE} per second or more (measured over the span
 * they arrived in, so a burst of 100 SYNs in 16 ms counts at its true rate) and at least
 * {@link #ABOVE_NORMAL} times the sensor's normal rate for that kind (an average over the seconds
 * before, so a busy link needs a bigger flood). The target is the destination that received most
 * of it, or "random addresses" when none did (a spoofed flood). Consecutive flood seconds of one
 * target are one {@code dos} event; each monitored host taking part gets {@code evidence}
 * (method {@code dos}): 0.7, 0.8 when several monitored hosts flood one target together.
 * Monitored hosts are also watched one by one ({@link HostFloods}): a bot's SYN flood of one
 * victim is far below a link-level flood but unlike anything a program that wants answers does.
 */
public final class DosDetector implements PacketObserver {
    static final long SECOND = 1_000_000_000L;
    static final long MIN_PACKETS = 100;
    static final double MIN_RATE = 1_000;
    static final double ABOVE_NORMAL = 10;
    static final double TARGET_SHARE = 0.5;
    static final String[] KINDS = {"syn_flood", "udp_flood", "icmp_flood"};

    private final HomeNet homeNet;
    private final Consumer<Event> emit;
    private final Map<Integer, FloodSecond> seconds = new HashMap<>();
    private final Map<Integer, double[]> normal = new HashMap<>();
    /** Floods still going on, by sensor, kind and target. */
    private final Map<String, Ongoing> ongoing = new LinkedHashMap<>();
    private long floods;
    private final HostFloods hostFloods = new HostFloods();

    private static final class Ongoing {
        int sensor;
        String kind;
        String target;
        long first;
        long last;
        long packets;
        double peak;
        int sources;
        long lastSecond;
        final TreeSet<String> monitored = new TreeSet<>();
        final TreeSet<String> sample = new TreeSet<>();
    }

    public DosDetector(HomeNet homeNet, Consumer<Event> emit) {
        this.homeNet = homeNet;
        this.emit = emit;
    }

    @Override
    public void packet(DecodedPacket p, Flow flow) {
        int kind;
        if (p.protocol == IpProtocol.TCP) {
            if ((p.tcpFlags & 0x12) != 0x02) {
                return;
            }
            kind = 0;
        } else if (p.protocol == IpProtocol.UDP) {
            kind = 1;
        } else if (p.protocol == IpProtocol.ICMP || p.protocol == IpProtocol.ICMPV6) {
            kind = 2;
        } else {
            return;
        }
        long t = p.record.timestampNanos;
        int sensor = p.record.sensorId;
        if (homeNet.contains(p.srcHi, p.srcLo)) {
            long pairKey = (key(p.srcHi, p.srcLo) * 0x9E37_79B9L + key(p.dstHi, p.dstLo)) * 3 + kind;
            for (HostFloods.Flood f : hostFloods.add(pairKey, kind, sensor, t, p.dstPort, p.srcHi, p.srcLo, p.dstHi, p.dstLo)) {
                hostFlood(f);
            }
        }
        FloodSecond s = seconds.computeIfAbsent(sensor, k -> new FloodSecond());
        long second = Math.floorDiv(t, SECOND);
        if (second != s.second) {
            if (s.second != Long.MIN_VALUE) {
                judge(sensor, s);
            }
            s.clear(second);
        }
        s.packets[kind]++;
        s.first[kind] = Math.min(s.first[kind], t);
        s.last[kind] = Math.max(s.last[kind], t);
        long srcKey = key(p.srcHi, p.srcLo);
        if (s.sources[kind].size() < FloodSecond.MAX_SOURCES) {
            s.sources[kind].add(srcKey);
        }
        long dstKey = key(p.dstHi, p.dstLo);
        FloodSecond.Target target = s.byDestination[kind].get(dstKey);
        if (target == null) {
            if (s.byDestination[kind].size() >= FloodSecond.MAX_DESTINATIONS) {
                return;
            }
            target = new FloodSecond.Target();
            s.byDestination[kind].put(dstKey, target);
            s.names.putIfAbsent(dstKey, IpAddresses.format(p.dstHi, p.dstLo));
        }
        target.packets++;
        if (target.monitoredSources.size() < FloodSecond.MAX_SOURCES && homeNet.contains(p.srcHi, p.srcLo)) {
            target.monitoredSources.add(IpAddresses.format(p.srcHi, p.srcLo));
        }
        if (s.names.size() < FloodSecond.MAX_SOURCES * 4 && !s.names.containsKey(srcKey)) {
            s.names.put(srcKey, IpAddresses.format(p.srcHi, p.srcLo));
        }
    }

    /** Exact for IPv4; for IPv6 a 64-bit mix, where a collision would merge two floods' counts. */
    private static long key(long hi, long lo) {
        return hi == 0 ? lo : lo ^ (hi * 0x9E37_79B9_7F4A_7C15L);
    }

    private void judge(int sensor, FloodSecond s) {
        double[] usual = normal.computeIfAbsent(sensor, k -> new double[3]);
        for (int kind = 0; kind < 3; kind++) {
            long n = s.packets[kind];
            if (n == 0) {
                continue;
            }
            double span = Math.max(1e-3, (s.last[kind] - s.first[kind]) / 1e9);
            double rate = Math.min(n / span, n * 1000.0);
            boolean flood = n >= MIN_PACKETS && rate >= MIN_RATE && n >= ABOVE_NORMAL * usual[kind];
            if (flood) {
                record(sensor, kind, s, n, rate);
            } else {
                // Only quiet seconds teach what normal is, so a long flood does not raise its own bar.
                usual[kind] = usual[kind] == 0 ? n : 0.95 * usual[kind] + 0.05 * n;
            }
        }
        closeStale(sensor, s.second);
    }

    private void record(int sensor, int kind, FloodSecond s, long n, double rate) {
        Map.Entry<Long, FloodSecond.Target> top = null;
        for (Map.Entry<Long, FloodSecond.Target> e : s.byDestination[kind].entrySet()) {
            if (top == null || e.getValue().packets > top.getValue().packets) {
                top = e;
            }
        }
        boolean concentrated = top != null && top.getValue().packets >= TARGET_SHARE * n;
        String target = concentrated ? s.names.get(top.getKey()) : "random addresses";
        String key = sensor + "/" + KINDS[kind] + "/" + target;
        Ongoing o = ongoing.get(key);
        if (o == null) {
            o = new Ongoing();
            o.sensor = sensor;
            o.kind = KINDS[kind];
            o.target = target;
            o.first = s.first[kind];
            ongoing.put(key, o);
        }
        o.last = s.last[kind];
        o.lastSecond = s.second;
        o.packets += n;
        o.peak = Math.max(o.peak, rate);
        o.sources = Math.max(o.sources, s.sources[kind].size());
        if (concentrated) {
            o.monitored.addAll(top.getValue().monitoredSources);
        }
        for (Long src : s.sources[kind]) {
            if (o.sample.size() >= 5) {
                break;
            }
            String name = s.names.get(src);
            if (name != null) {
                o.sample.add(name);
            }
        }
    }

    private void closeStale(int sensor, long second) {
        for (var it = ongoing.entrySet().iterator(); it.hasNext(); ) {
            Ongoing o = it.next().getValue();
            if (o.sensor == sensor && second - o.lastSecond >= 2) {
                report(o);
                it.remove();
            }
        }
    }

    private void report(Ongoing o) {
        floods++;
        emit.accept(new DosEvent(o.first, o.last, o.sensor, o.kind, o.target, o.packets, o.peak, o.sources,
                List.copyOf(o.monitored), List.copyOf(o.sample)));
        double score = o.monitored.size() >= 2 ? 0.8 : 0.7;
        for (String host : o.monitored) {
            emit.accept(new EvidenceEvent(o.first, o.last, host, o.target, "dos", score, String.format(
                    "floods %s (%s): %,d packets, up to %,.0f per second%s", o.target, o.kind.replace('_', ' '), o.packets,
                    o.peak, o.monitored.size() > 1 ? ", together with " + (o.monitored.size() - 1) + " other monitored host(s)" : ""),
                    List.of("dos:" + o.kind)));
        }
    }

    /** A monitored host's flood of one destination, merged with a link-level flood of the same target if any. */
    private void hostFlood(HostFloods.Flood f) {
        String key = f.pair().sensor + "/" + KINDS[f.pair().kind] + "/" + f.pair().target;
        Ongoing o = ongoing.get(key);
        if (o == null) {
            o = new Ongoing();
            o.sensor = f.pair().sensor;
            o.kind = KINDS[f.pair().kind];
            o.target = f.pair().target;
            o.first = f.first();
            o.lastSecond = Math.floorDiv(f.last(), SECOND);
            ongoing.put(key, o);
        }
        o.first = Math.min(o.first, f.first());
        o.last = Math.max(o.last, f.last());
        o.lastSecond = Math.max(o.lastSecond, Math.floorDiv(f.last(), SECOND));
        o.packets += f.packets();
        double span = Math.max(1e-3, (f.last() - f.first()) / 1e9);
        o.peak = Math.max(o.peak, f.packets() / span);
        o.monitored.add(f.pair().host);
        if (o.sample.size() < 5) {
            o.sample.add(f.pair().host);
        }
        o.sources = Math.max(o.sources, o.monitored.size());
    }

    @Override
    public void finish() {
        for (HostFloods.Flood f : hostFloods.finish()) {
            hostFlood(f);
        }
        for (Map.Entry<Integer, FloodSecond> e : seconds.entrySet()) {
            if (e.getValue().second != Long.MIN_VALUE) {
                judge(e.getKey(), e.getValue());
            }
        }
        for (Ongoing o : new ArrayList<>(ongoing.values())) {
            report(o);
        }
        ongoing.clear();
    }

    @Override
    public Map<String, Long> counters() {
        return Map.of("dos.floods", floods);
    }
}
