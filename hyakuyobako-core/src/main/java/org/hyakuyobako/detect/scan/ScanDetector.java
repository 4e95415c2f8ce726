package org.hyakuyobako.detect.scan;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.Consumer;
import org.hyakuyobako.detect.LruMap;
import org.hyakuyobako.decode.ArpObserver;
import org.hyakuyobako.decode.IpAddresses;
import org.hyakuyobako.decode.IpProtocol;
import org.hyakuyobako.event.Event;
import org.hyakuyobako.event.EvidenceEvent;
import org.hyakuyobako.event.ScanEvent;
import org.hyakuyobako.flow.ConnState;
import org.hyakuyobako.flow.EndReason;
import org.hyakuyobako.flow.Flow;
import org.hyakuyobako.net.Cidr;
import org.hyakuyobako.net.HomeNet;
import org.hyakuyobako.pipeline.FlowObserver;

/**
 * Scans (D6), from finished flows and ARP requests, per scanner in windows of
 * {@link #WINDOW_NANOS} of packet time (a keyed, windowed operator, so it ports to Flink):
 * <ul>
 *   <li>horizontal: one service (TCP/UDP port, ICMP echo) probed on {@link #HORIZONTAL_TARGETS}
 *       or more hosts;</li>
 *   <li>vertical: {@link #VERTICAL_PORTS} or more ports of one host probed (refused, unanswered, or
 *       opened and closed without a byte, as a connect scan does);</li>
 *   <li>ARP sweep: {@link #ARP_TARGETS} or more addresses asked for on the local link;</li>
 *   <li>darknet: any probe into the unassigned space the user lists.</li>
 * </ul>
 * A probe is a connection attempt that carried no data: refused, unanswered, reset, or an ICMP echo.
 * Every scan is a {@code scan} event with its direction, targets, ports, the address-generation
 * rule ({@link AddressRule}) and the pacing; a scan by a monitored host is also {@code evidence}
 * (method {@code scan}) against it. Scans of monitored hosts from outside are events only: they
 * say nothing about the monitored host's health.
 */
public final class ScanDetector implements FlowObserver, ArpObserver {
    static final long WINDOW_NANOS = 300_000_000_000L;
    static final int HORIZONTAL_TARGETS = 10;
    static final int VERTICAL_PORTS = 5;
    static final int ARP_TARGETS = 50;
    static final int MAX_SCANNERS = 100_000;
    static final int SAMPLE = 5;

    private static final ServiceNames SERVICES = new ServiceNames();

    private final HomeNet homeNet;
    private final List<Cidr> darknet;
    private final Consumer<Event> emit;
    private final Map<ScanWindow.Target, ScanWindow> windows = new LruMap<>(MAX_SCANNERS, this::close);
    private long scansFound;
    private long evidenceEmitted;

    public ScanDetector(HomeNet homeNet, List<Cidr> darknet, Consumer<Event> emit) {
        this.homeNet = homeNet;
        this.darknet = List.copyOf(darknet);
        this.emit = emit;
    }

    @Override
    public void flowEnded(Flow f, EndReason reason) {
        if (reason == EndReason.ACTIVE_TIMEOUT) {
            return;
        }
        String service;
        boolean failedProbe;
        int proto = f.protocol();
        if (proto == IpProtocol.TCP) {
            // A connection that carried data is no probe (the failed states carry none), so most
            // flows leave here before their state is worked out.
            if (f.origPayloadBytes() != 0 || f.respPayloadBytes() != 0) {
                return;
            }
            failedProbe = switch (ConnState.of(f)) {
                case "S0", "REJ", "RSTOS0", "RSTRH", "SH", "SHR" -> true;
                default -> false;
            };
            service = SERVICES.name(0, f.respPort());
        } else if (proto == IpProtocol.UDP) {
            if (f.respPackets() > 0) {
                return;
            }
            failedProbe = true;
            service = SERVICES.name(1, f.respPort());
        } else if (proto == IpProtocol.ICMP || proto == IpProtocol.ICMPV6) {
            // Flows of ICMP carry the type in the source port, as Suricata's do: 8/128 = echo request.
            if (f.origPort() != 8 && f.origPort() != 128) {
                return;
            }
            failedProbe = f.respPackets() == 0;
            service = "icmp/echo";
        } else {
            return;
        }
        probe(f.firstNanos(), f.sensorId(), f.origHi(), f.origLo(), f.respHi(), f.respLo(), service, failedProbe);
    }

    @Override
    public void arp(long timestampNanos, int sensorId, int opcode, int senderIp, int targetIp) {
        if (opcode != 1 || senderIp == targetIp || senderIp == 0) {
            return;     // replies, gratuitous ARP and address probes (sender 0.0.0.0) are no sweep
        }
        probe(timestampNanos, sensorId, 0, IpAddresses.v4Lo(senderIp), 0, IpAddresses.v4Lo(targetIp), "arp", false);
    }

    private void probe(long at, int sensor, long sHi, long sLo, long tHi, long tLo, String service, boolean failedProbe) {
        ScanWindow.Target scanner = new ScanWindow.Target(sHi, sLo);
        ScanWindow w = windows.get(scanner);
        if (w != null && at - w.start > WINDOW_NANOS) {
            close(scanner, w);
            windows.remove(scanner);
            w = null;
        }
        if (w == null) {
            w = new ScanWindow(at);
            windows.put(scanner, w);
        }
        boolean scannerHome = homeNet.contains(sHi, sLo);
        boolean targetHome = homeNet.contains(tHi, tLo);
        if (scannerHome) {
            w.inboundOnly = false;
            // A monitored scanner with no outside target scans internally (see close()).
            w.outbound |= !targetHome;
        }
        w.add(at, sensor, new ScanWindow.Target(tHi, tLo), service, failedProbe, IpAddresses.isV4(tHi, tLo));
        if (!darknet.isEmpty() && scannerHome && inDarknet(tHi, tLo)) {
            w.darknetProbes++;
            if (w.firstDarknet == null) {
                w.firstDarknet = IpAddresses.format(tHi, tLo);
            }
        }
    }

    private boolean inDarknet(long hi, long lo) {
        for (Cidr c : darknet) {
            if (c.contains(hi, lo)) {
                return true;
            }
        }
        return false;
    }

    /** Judges a finished window: one event per kind of scan found, and evidence for monitored scanners. */
    private void close(ScanWindow.Target scanner, ScanWindow w) {
        if (w.probes < Math.min(HORIZONTAL_TARGETS, VERTICAL_PORTS) && w.darknetProbes == 0) {
            return;     // most sources send a probe or two: nothing to judge, nothing to sort
        }
        String who = IpAddresses.format(scanner.hi(), scanner.lo());
        String direction = w.inboundOnly ? "inbound" : w.outbound ? "outbound" : "internal";
        boolean monitored = !w.inboundOnly;
        long[] times = w.sortedTimes();
        // Horizontal: services probed on many hosts (ICMP echo and ARP have their own names).
        List<Map.Entry<String, Set<ScanWindow.Target>>> services = new ArrayList<>(w.targetsByService.entrySet());
        services.sort(Comparator.comparingInt((Map.Entry<String, Set<ScanWindow.Target>> e) -> e.getValue().size()).reversed());
        for (Map.Entry<String, Set<ScanWindow.Target>> s : services) {
            int needed = s.getKey().equals("arp") ? ARP_TARGETS : HORIZONTAL_TARGETS;
            if (s.getValue().size() < needed) {
                continue;
            }
            String kind = switch (s.getKey()) {
                case "arp" -> "arp_sweep";
                case "icmp/echo" -> "icmp_sweep";
                default -> "horizontal";
            };
            int[] order = w.orderedV4Targets(s.getKey());
            String rule = AddressRule.describe(order, order.length);
            report(w, who, direction, monitored, kind, s.getKey(), null, s.getValue().size(), 1, rule,
                    AddressRule.sweeps(order, order.length), times, sample(s.getValue()), List.of(s.getKey()));
        }
        // Vertical: many refused or unanswered ports on one host.
        for (Map.Entry<ScanWindow.Target, Set<String>> t : w.servicesByTarget.entrySet()) {
            long ports = t.getValue().stream().filter(p -> p.startsWith("tcp/") || p.startsWith("udp/")).count();
            if (ports >= VERTICAL_PORTS) {
                List<String> samplePorts = t.getValue().stream().filter(p -> p.startsWith("tcp/") || p.startsWith("udp/"))
                        .sorted(Comparator.comparingInt(ScanDetector::portOf)).limit(SAMPLE).toList();
                report(w, who, direction, monitored, "vertical", null, IpAddresses.format(t.getKey().hi(), t.getKey().lo()),
                        1, (int) ports, null, false, times, List.of(IpAddresses.format(t.getKey().hi(), t.getKey().lo())), samplePorts);
            }
        }
        if (w.darknetProbes > 0) {
            report(w, who, direction, monitored, "darknet", null, w.firstDarknet, (int) Math.min(Integer.MAX_VALUE, w.darknetProbes),
                    0, null, false, times, List.of(w.firstDarknet), List.of());
        }
    }

    private static int portOf(String service) {
        int slash = service.indexOf('/');
        try {
            return Integer.parseInt(service.substring(slash + 1));
        } catch (NumberFormatException e) {
            return 0;
        }
    }

    private static List<String> sample(Set<ScanWindow.Target> targets) {
        return targets.stream().map(t -> IpAddresses.format(t.hi(), t.lo())).sorted().limit(SAMPLE).toList();
    }

    private void report(ScanWindow w, String who, String direction, boolean monitored, String kind, String service, String target,
                        int targets, int ports, String rule, boolean sweeping, long[] times, List<String> sampleTargets,
                        List<String> samplePorts) {
        long[] gaps = new long[Math.max(0, times.length - 1)];
        for (int i = 1; i < times.length; i++) {
            gaps[i - 1] = times[i] - times[i - 1];
        }
        java.util.Arrays.sort(gaps);
        long median = gaps.length == 0 ? 0 : gaps[gaps.length / 2];
        int near = 0;
        for (long g : gaps) {
            if (Math.abs(g - median) <= median / 4) {
                near++;
            }
        }
        boolean regular = gaps.length >= 4 && near >= 0.8 * gaps.length;
        scansFound++;
        emit.accept(new ScanEvent(w.first, w.last, w.sensorId, who, direction, kind, service, target, targets, ports, w.probes,
                w.failed, rule, median, regular, sampleTargets, samplePorts));
        if (!monitored) {
            return;
        }
        // Alone, a scan makes a host suspicious (0.7 × weight 0.8 = 0.56); a sweep by rule, a large
        // scan or probes into darknet say more.
        double score = switch (kind) {
            case "horizontal" -> 0.8;
            case "darknet" -> 0.9;
            default -> 0.7;
        };
        if (sweeping) {
            score += 0.1;
        }
        if (Math.max(targets, ports) >= 100) {
            score += 0.05;
        }
        String what = switch (kind) {
            case "horizontal" -> String.format("scans %s on %d hosts", service, targets);
            case "icmp_sweep" -> String.format("pings %d hosts (ICMP sweep)", targets);
            case "arp_sweep" -> String.format("asks for %d addresses on its link (ARP sweep)", targets);
            case "vertical" -> String.format("probes %d ports of %s (%s…)", ports, target, String.join(", ", samplePorts));
            default -> String.format("probes unassigned address space (%d probes, first %s)", targets, target);
        };
        String pace = String.format("; %d probes in %.1f s%s", w.probes, (w.last - w.first) / 1e9,
                regular ? String.format(", one every %.1f ms", median / 1e6) : "");
        String peer = kind.equals("vertical") || kind.equals("darknet") ? target : null;
        evidenceEmitted++;
        emit.accept(new EvidenceEvent(w.first, w.last, who, peer, "scan", Math.min(0.95, score),
                what + (rule == null ? "" : ": " + rule) + pace, List.of("scan:" + kind)));
    }

    @Override
    public void finish() {
        for (Map.Entry<ScanWindow.Target, ScanWindow> e : new ArrayList<>(windows.entrySet())) {
            close(e.getKey(), e.getValue());
        }
        windows.clear();
    }

    @Override
    public Map<String, Long> counters() {
        Map<String, Long> c = new LinkedHashMap<>();
        c.put("scan.found", scansFound);
        c.put("scan.evidence", evidenceEmitted);
        return c;
    }
}
