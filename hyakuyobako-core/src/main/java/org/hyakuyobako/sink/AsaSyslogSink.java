package org.hyakuyobako.sink;

import java.io.BufferedWriter;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.SplittableRandom;
import org.hyakuyobako.event.Event;
import org.hyakuyobako.event.FlowEvent;
import org.hyakuyobako.flow.EndReason;
import org.hyakuyobako.flow.FlowRecord;
import org.hyakuyobako.net.HomeNet;

/**
 * The run's TCP and UDP flows as the Cisco ASA in front of the home net would have logged them, in
 * time order, "inside" being the home net; flows that do not cross the edge (both ends inside, or
 * both outside) and ICMP are not logged. Lines are held until the end to be written in time order:
 * memory grows with the number of flows.
 *
 * <p>Two renderings. The plain one ({@link #AsaSyslogSink(Path, HomeNet, String)}) writes a Built
 * message (302013/302015) at each flow record's start and a Teardown (302014/302016) with duration,
 * bytes and "TCP FINs" at its end, without NAT. The edge-firewall one ({@link #edgeFirewall}) logs
 * what the device really would: one Built/Teardown pair per connection however many active-timeout
 * slices its flow has, no Teardown for a connection still open when the capture ends, the Teardown
 * reason the flow's state implies (SYN Timeout after the device's 30 s, TCP Reset-O/Reset-I,
 * TCP FINs), UDP torn down by the device's idle timer; with {@link Nat}, inside hosts translated
 * to one PAT address ({@code 305011} before each outbound Built, {@code 305012} after its
 * Teardown), static mappings for inside servers, and unsolicited inbound connections to other
 * inside hosts denied ({@code 106023}).
 */
public final class AsaSyslogSink implements EventSink {
    private static final DateTimeFormatter TIME = DateTimeFormatter.ofPattern("MMM dd yyyy HH:mm:ss", Locale.ROOT).withZone(ZoneOffset.UTC);
    private static final long SECOND = 1_000_000_000L;
    /** The device's embryonic-connection timeout: an unanswered SYN is torn down this long after it. */
    static final long SYN_TIMEOUT = 30 * SECOND;
    /** {@code timeout udp 0:02:00}: a UDP connection is torn down after this long without a packet. */
    static final long UDP_IDLE = 120 * SECOND;
    /** {@code timeout pat-xlate 0:00:30}: a PAT translation outlives its connection by this long. */
    static final long PAT_XLATE_IDLE = 30 * SECOND;
    /** DNS inspection tears a DNS connection down when the answer passes, not after the idle timer. */
    static final int DNS_PORT = 53;
    /** The access list applied to the outside interface, named in denials. */
    static final String OUTSIDE_ACL = "outside_access_in";
    /** PAT hands out mapped ports from here up. */
    static final int FIRST_MAPPED_PORT = 1024;
    private static final int MAPPED_PORTS = 65_536 - FIRST_MAPPED_PORT;
    /** A device's connection numbers run high; the edge rendering starts its count below this. */
    private static final int FIRST_ID_RANGE = 1 << 24;

    /**
     * The edge firewall's address translation.
     *
     * @param patAddress the public address all inside hosts share (port address translation: a
     *                   fresh mapped port per connection)
     * @param staticMappings inside servers reachable from outside: real address to its own public
     *                       address (ports unchanged, no per-connection translation message)
     * @param seed where the mapped ports and connection numbers are drawn from (a device allocates
     *             them unpredictably)
     */
    public record Nat(String patAddress, Map<String, String> staticMappings, long seed) {
        public Nat {
            staticMappings = Map.copyOf(staticMappings);
        }
    }

    private record Line(long nanos, long order, String text) {
    }

    /** A flow's identity across its active-timeout slices. */
    private record FlowKey(int sensor, long flowId) {
    }

    /**
     * One connection through the edge firewall, as its flow records told it; rendered at the end,
     * when connection numbers and mapped ports can be handed out in the order the device would
     * have (by start time).
     */
    private static final class Connection {
        final long startNanos;
        final long order;
        final String proto;
        final boolean outbound;
        final String outside;
        final String inside;
        final String staticIp;
        final boolean denied;
        long bytes;
        /** When the device tears it down, and why; Long.MAX_VALUE while it is open. */
        long teardownNanos = Long.MAX_VALUE;
        String reason = "";

        Connection(long startNanos, long order, String proto, boolean outbound, String outside, String inside, String staticIp,
                   boolean denied) {
            this.startNanos = startNanos;
            this.order = order;
            this.proto = proto;
            this.outbound = outbound;
            this.outside = outside;
            this.inside = inside;
            this.staticIp = staticIp;
            this.denied = denied;
        }
    }

    private final Path file;
    private final HomeNet homeNet;
    private final String device;
    private final boolean edge;
    private final Nat nat;
    private final SplittableRandom allocation;
    private final List<Line> lines = new ArrayList<>();
    private final Map<FlowKey, Connection> sliced = new HashMap<>();
    private final List<Connection> connections = new ArrayList<>();
    private long connection = 1;
    private long lastPacketNanos = Long.MIN_VALUE;
    private long built;
    private long denied;

    /** The plain rendering: a Built and a Teardown per flow record, no NAT. */
    public AsaSyslogSink(Path file, HomeNet homeNet, String device) {
        this(file, homeNet, device, false, null);
    }

    private AsaSyslogSink(Path file, HomeNet homeNet, String device, boolean edge, Nat nat) {
        this.file = file;
        this.homeNet = homeNet;
        this.device = device;
        this.edge = edge;
        this.nat = nat;
        this.allocation = new SplittableRandom(nat == null ? 0 : nat.seed());
        if (edge) {
            this.connection = 1 + allocation.nextInt(FIRST_ID_RANGE);
        }
    }

    /**
     * The rendering of the home net's edge firewall, as the device logs connections (see the class
     * comment); {@code nat} null for a device that does not translate (and then denies nothing).
     */
    public static AsaSyslogSink edgeFirewall(Path file, HomeNet homeNet, String device, Nat nat) {
        return new AsaSyslogSink(file, homeNet, device, true, nat);
    }

    /** Connections logged with a Built message so far (edge rendering; denied ones not included). */
    public long connectionsBuilt() {
        return built;
    }

    /** Unsolicited inbound connections denied so far (edge rendering with NAT). */
    public long connectionsDenied() {
        return denied;
    }

    @Override
    public void accept(Event event) {
        if (!(event instanceof FlowEvent fe)) {
            return;
        }
        FlowRecord f = fe.flow();
        lastPacketNanos = Math.max(lastPacketNanos, f.endNanos());
        String proto = f.protocol() == 6 ? "TCP" : f.protocol() == 17 ? "UDP" : null;
        boolean origInside = homeNet.contains(f.srcHi(), f.srcLo());
        boolean respInside = homeNet.contains(f.destHi(), f.destLo());
        if (proto == null || origInside == respInside) {
            return;     // not through the firewall (or not a protocol these messages carry)
        }
        if (edge) {
            edge(f, proto, origInside);
        } else {
            plain(f, proto, origInside);
        }
    }

    private void plain(FlowRecord f, String proto, boolean origInside) {
        long id = connection++;
        // The device lists the outside end first; "outbound" when the inside host opened the connection.
        String outside = origInside ? f.destIp() + "/" + f.destPort() : f.srcIp() + "/" + f.srcPort();
        String inside = origInside ? f.srcIp() + "/" + f.srcPort() : f.destIp() + "/" + f.destPort();
        String builtLine = stamp(f.startNanos()) + " " + device + " : %ASA-6-" + (proto.equals("TCP") ? "302013" : "302015") + ": Built "
                + (origInside ? "outbound " : "inbound ") + proto + " connection " + id + " for outside:" + outside + " (" + outside
                + ") to inside:" + inside + " (" + inside + ")";
        long seconds = f.durationNanos() / SECOND;
        String teardown = stamp(f.endNanos()) + " " + device + " : %ASA-6-" + (proto.equals("TCP") ? "302014" : "302016") + ": Teardown "
                + proto + " connection " + id + " for outside:" + outside + " to inside:" + inside
                + " duration " + duration(seconds) + " bytes " + (f.origSeqBytes() + f.respSeqBytes()) + (proto.equals("TCP") ? " TCP FINs" : "");
        lines.add(new Line(f.startNanos(), id * 2, builtLine));
        lines.add(new Line(f.endNanos(), id * 2 + 1, teardown));
    }

    private void edge(FlowRecord f, String proto, boolean origInside) {
        FlowKey key = new FlowKey(f.sensorId(), f.flowId());
        Connection c = sliced.remove(key);
        if (c == null) {
            c = begin(f, proto, origInside);
        }
        c.bytes += f.origSeqBytes() + f.respSeqBytes();
        if (EndReason.ACTIVE_TIMEOUT.eveName().equals(f.reason())) {
            sliced.put(key, c);      // the same connection goes on: one Built, one Teardown for all its slices
        } else if (!c.denied && !EndReason.SHUTDOWN.eveName().equals(f.reason())) {
            end(c, f);               // a connection still open when the capture ended gets no Teardown
        }
    }

    /** The connection at its first packet: built, or denied (unsolicited inbound to a host nothing maps back to). */
    private Connection begin(FlowRecord f, String proto, boolean origInside) {
        String insideIp = origInside ? f.srcIp() : f.destIp();
        String outside = origInside ? f.destIp() + "/" + f.destPort() : f.srcIp() + "/" + f.srcPort();
        String inside = insideIp + "/" + (origInside ? f.srcPort() : f.destPort());
        String staticIp = nat == null ? null : nat.staticMappings().get(insideIp);
        boolean refused = nat != null && !origInside && staticIp == null;
        Connection c = new Connection(f.startNanos(), connections.size(), proto, origInside, outside, inside, staticIp, refused);
        connections.add(c);
        if (refused) {
            denied++;
        } else {
            built++;
        }
        return c;
    }

    /** When the device tears the connection down, and the reason the flow's end implies. */
    private void end(Connection c, FlowRecord f) {
        c.teardownNanos = f.endNanos();
        if (c.proto.equals("UDP")) {
            c.teardownNanos += f.srcPort() == DNS_PORT || f.destPort() == DNS_PORT ? 0 : UDP_IDLE;
        } else if (f.connState().equals("S0")) {
            c.teardownNanos = c.startNanos + SYN_TIMEOUT;
            c.bytes = 0;
            c.reason = " SYN Timeout";
        } else {
            c.reason = " " + tcpReason(f);
        }
    }

    /**
     * The lines of every connection, numbered and translated in the order they began: 305011, the
     * Built, the Teardown, 305012 (or the denial), each at its own time.
     */
    private void render() {
        connections.sort(Comparator.comparingLong((Connection c) -> c.startNanos).thenComparingLong(c -> c.order));
        for (Connection c : connections) {
            long id = connection++;
            long t = c.startNanos;
            String head = " " + device + " : %ASA-";
            if (c.denied) {
                lines.add(new Line(t, id * 4, stamp(t) + head + "4-106023: Deny " + c.proto.toLowerCase(Locale.ROOT) + " src outside:" + c.outside
                        + " dst inside:" + nat.patAddress() + c.inside.substring(c.inside.indexOf('/')) + " by access-group \"" + OUTSIDE_ACL
                        + "\" [0x0, 0x0]"));
                continue;
            }
            String mapped = c.inside;
            String translation = null;
            if (c.staticIp != null) {
                mapped = c.staticIp + c.inside.substring(c.inside.indexOf('/'));
            } else if (nat != null) {
                mapped = nat.patAddress() + "/" + (FIRST_MAPPED_PORT + allocation.nextInt(MAPPED_PORTS));
                translation = "dynamic " + c.proto + " translation from inside:" + c.inside + " to outside:" + mapped;
                lines.add(new Line(t, id * 4, stamp(t) + head + "6-305011: Built " + translation));
            }
            boolean tcp = c.proto.equals("TCP");
            lines.add(new Line(t, id * 4 + 1, stamp(t) + head + "6-" + (tcp ? "302013" : "302015") + ": Built "
                    + (c.outbound ? "outbound " : "inbound ") + c.proto + " connection " + id + " for outside:" + c.outside + " (" + c.outside
                    + ") to inside:" + c.inside + " (" + mapped + ")"));
            if (c.teardownNanos == Long.MAX_VALUE) {
                continue;
            }
            long down = c.teardownNanos;
            lines.add(new Line(down, id * 4 + 2, stamp(down) + head + "6-" + (tcp ? "302014" : "302016") + ": Teardown " + c.proto
                    + " connection " + id + " for outside:" + c.outside + " to inside:" + c.inside + " duration "
                    + duration((down - t) / SECOND) + " bytes " + c.bytes + c.reason));
            if (translation != null) {
                long gone = down + PAT_XLATE_IDLE;
                lines.add(new Line(gone, id * 4 + 3, stamp(gone) + head + "6-305012: Teardown " + translation + " duration "
                        + duration((gone - t) / SECOND)));
            }
        }
        connections.clear();
        sliced.clear();
    }

    /**
     * Why the device tore a TCP connection down: a reset (Reset-I when the inside end sent it,
     * Reset-O when the outside end did; Zeek's history says who: R originator, r responder), both
     * FINs, one FIN and then silence, or idleness.
     */
    private String tcpReason(FlowRecord f) {
        String h = f.history() == null ? "" : f.history();
        int orig = h.indexOf('R');
        int resp = h.indexOf('r');
        if (orig >= 0 || resp >= 0) {
            boolean byOriginator = orig >= 0 && (resp < 0 || orig < resp);
            boolean originatorInside = homeNet.contains(f.srcHi(), f.srcLo());
            return byOriginator == originatorInside ? "TCP Reset-I" : "TCP Reset-O";
        }
        return switch (f.connState()) {
            case "SF" -> "TCP FINs";
            case "S2", "S3", "SH", "SHR" -> "FIN Timeout";
            default -> "Conn-timeout";
        };
    }

    private static String duration(long seconds) {
        return String.format(Locale.ROOT, "%d:%02d:%02d", seconds / 3600, seconds / 60 % 60, seconds % 60);
    }

    private static String stamp(long nanos) {
        return TIME.format(Instant.ofEpochSecond(Math.floorDiv(nanos, SECOND)));
    }

    @Override
    public void close() throws IOException {
        if (edge) {
            render();
        }
        lines.sort(Comparator.comparingLong(Line::nanos).thenComparingLong(Line::order));
        try (BufferedWriter out = Files.newBufferedWriter(file, StandardCharsets.ISO_8859_1)) {
            for (Line l : lines) {
                // The edge device's log ends with the capture: what its timers would do later is not in it.
                if (edge && l.nanos() > lastPacketNanos) {
                    break;
                }
                out.write(l.text());
                out.write('\n');
            }
        }
        lines.clear();
    }
}
