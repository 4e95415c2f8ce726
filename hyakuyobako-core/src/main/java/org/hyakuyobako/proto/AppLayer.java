package org.hyakuyobako.proto;

import java.nio.ByteBuffer;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.Consumer;
import org.hyakuyobako.decode.DecodedPacket;
import org.hyakuyobako.decode.IpAddresses;
import org.hyakuyobako.decode.IpProtocol;
import org.hyakuyobako.event.Event;
import org.hyakuyobako.event.EvidenceEvent;
import org.hyakuyobako.flow.EndReason;
import org.hyakuyobako.flow.Flow;
import org.hyakuyobako.net.HomeNet;
import org.hyakuyobako.pipeline.FlowObserver;
import org.hyakuyobako.pipeline.PacketObserver;
import org.hyakuyobako.stream.ReassemblyCounters;
import org.hyakuyobako.stream.ReassemblyLimits;
import org.hyakuyobako.stream.StreamConsumer;
import org.hyakuyobako.stream.StreamReassembler;

/**
 * Reassembles the start of every TCP connection and names its application protocol by content
 * ({@link ProtocolIdentifier}), setting the flow's {@code app_proto}. A monitored host speaking IRC
 * to a port that is not an IRC port is evidence (method {@code irc}): bots hide their C&C channel.
 *
 * <p>Only the first {@link #PREFIX} bytes of each direction are kept, streams are made at a
 * connection's first payload and dropped as soon as it is identified, so memory is bounded by the
 * connections being identified and payload-less connections (probes) cost nothing.
 * The application parsers of the IRC issue will take the full streams from here.
 */
public final class AppLayer implements PacketObserver, FlowObserver {
    static final int PREFIX = 512;
    static final int MAX_CONNECTIONS = 200_000;
    static final Set<Integer> IRC_PORTS = Set.of(194, 529, 6660, 6661, 6662, 6663, 6664, 6665, 6666, 6667, 6668, 6669,
            6697, 7000);

    private final HomeNet homeNet;
    private final Consumer<Event> emit;
    private final ReassemblyCounters counters = new ReassemblyCounters();
    private final Map<Long, Streams> streams = new HashMap<>();
    private final Map<String, Long> identified = new LinkedHashMap<>();
    private long connectionsSkipped;
    private long ircNonStandard;

    public AppLayer(HomeNet homeNet, Consumer<Event> emit) {
        this.homeNet = homeNet;
        this.emit = emit;
    }

    /** The first bytes of one direction. */
    private static final class Prefix implements StreamConsumer {
        final byte[] bytes = new byte[PREFIX];
        int length;

        @Override
        public void data(ByteBuffer buffer, int offset, int n, long streamOffset) {
            int take = Math.min(n, PREFIX - length);
            if (take > 0) {
                buffer.get(offset, bytes, length, take);
                length += take;
            }
        }

        @Override
        public void gap(long streamOffset, long n) {
            // A gap in the first bytes leaves the prefix as it is: identification uses what came before.
        }

        @Override
        public void end() {
        }
    }

    private final class Streams {
        final Prefix client = new Prefix();
        final Prefix server = new Prefix();
        final StreamReassembler toServer = new StreamReassembler(client, ReassemblyLimits.DEFAULT, counters);
        final StreamReassembler toClient = new StreamReassembler(server, ReassemblyLimits.DEFAULT, counters);
    }

    @Override
    public void packet(DecodedPacket p, Flow flow) {
        if (p.protocol != IpProtocol.TCP || flow.appProto() != null) {
            return;
        }
        Streams s = streams.get(flow.flowId());
        if (s == null) {
            if (p.payloadCaptured == 0) {
                // Most connections of a scanned honeypot never carry a byte: streams start with the
                // first payload (a picked-up stream anchors there, which is where it starts anyway).
                return;
            }
            if (streams.size() >= MAX_CONNECTIONS) {
                connectionsSkipped++;
                return;
            }
            s = new Streams();
            streams.put(flow.flowId(), s);
        }
        boolean fromClient = flow.lastPacketFromOrig();
        StreamReassembler mine = fromClient ? s.toServer : s.toClient;
        StreamReassembler theirs = fromClient ? s.toClient : s.toServer;
        int flags = p.tcpFlags;
        if ((flags & 0x02) != 0) {
            mine.syn(p.seq);
        }
        if (p.payloadCaptured > 0) {
            mine.segment(p.seq, p.payloadBuffer, p.payloadOffset, p.payloadCaptured, false);
        }
        if ((flags & 0x10) != 0) {
            theirs.ack(p.ack);
        }
        AppProtocol proto = ProtocolIdentifier.identify(s.client.bytes, s.client.length, s.server.bytes, s.server.length);
        boolean enough = s.client.length >= PREFIX && s.server.length >= PREFIX;
        if (proto != AppProtocol.UNKNOWN || enough) {
            decide(flow, proto);
        }
    }

    private void decide(Flow flow, AppProtocol proto) {
        streams.remove(flow.flowId());
        flow.setAppProto(proto.eveName());
        identified.merge("proto." + proto.eveName(), 1L, Long::sum);
        if (proto == AppProtocol.IRC && !IRC_PORTS.contains(flow.respPort())
                && homeNet.contains(flow.origHi(), flow.origLo())) {
            ircNonStandard++;
            String host = IpAddresses.format(flow.origHi(), flow.origLo());
            String peer = IpAddresses.format(flow.respHi(), flow.respLo());
            emit.accept(new EvidenceEvent(flow.firstNanos(), flow.lastNanos(), host, peer, "irc", 0.5,
                    "speaks IRC to " + peer + " on port " + flow.respPort() + ", which is not an IRC port",
                    List.of("flow:" + flow.flowId())));
        }
    }

    /** Connections that end before they are identified are judged on what was seen. */
    @Override
    public void flowEnded(Flow flow, EndReason reason) {
        Streams s = streams.remove(flow.flowId());
        if (s != null && flow.appProto() == null) {
            AppProtocol proto = ProtocolIdentifier.identify(s.client.bytes, s.client.length, s.server.bytes, s.server.length);
            if (proto != AppProtocol.UNKNOWN || s.client.length > 0 || s.server.length > 0) {
                decide(flow, proto);
            }
        }
    }

    /** Every connection was judged in {@link #flowEnded} (the table writes all flows out before this). */
    @Override
    public void finish() {
        streams.clear();
    }

    @Override
    public Map<String, Long> counters() {
        Map<String, Long> c = new LinkedHashMap<>(identified);
        c.put("app.irc_non_standard_port", ircNonStandard);
        c.put("app.connections_skipped", connectionsSkipped);
        c.put("reassembly.overlaps_differing", counters.overlapsDiffering());
        c.put("reassembly.gaps", counters.gaps());
        return c;
    }
}
