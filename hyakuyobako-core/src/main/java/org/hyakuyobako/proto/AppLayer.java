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
import org.hyakuyobako.event.ConnectionRef;
import org.hyakuyobako.event.Event;
import org.hyakuyobako.event.Endpoints;
import org.hyakuyobako.event.EvidenceEvent;
import org.hyakuyobako.flow.EndReason;
import org.hyakuyobako.flow.Flow;
import org.hyakuyobako.net.HomeNet;
import org.hyakuyobako.pipeline.FlowObserver;
import org.hyakuyobako.pipeline.PacketObserver;
import org.hyakuyobako.proto.ftp.FtpSession;
import org.hyakuyobako.proto.http.HttpSession;
import org.hyakuyobako.proto.irc.IrcSession;
import org.hyakuyobako.proto.smtp.SmtpSession;
import org.hyakuyobako.proto.tls.TlsSession;
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
 * IRC, HTTP and SMTP connections are then handed, prefix included, to their parsers for the rest
 * of their life (an HTTP CONNECT to a mail port goes on to the SMTP parser).
 */
public final class AppLayer implements PacketObserver, FlowObserver {
    static final int PREFIX = 512;
    static final int FIRST_SEGMENT = 2_048;
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
    private long ircSessions;
    private long tlsEncrypted;
    private final org.hyakuyobako.proto.tls.TlsHelloCounters tlsHellos = new org.hyakuyobako.proto.tls.TlsHelloCounters();
    private long httpSessions;
    private long smtpSessions;

    private final AppInspector inspector;
    private final List<ContentObserver> contentObservers = new java.util.ArrayList<>();

    public AppLayer(HomeNet homeNet, Consumer<Event> emit) {
        this(homeNet, emit, AppInspector.NONE);
    }

    /** With an inspector (the signature engine) that the HTTP and SMTP parsers hand whole messages to. */
    public AppLayer(HomeNet homeNet, Consumer<Event> emit, AppInspector inspector) {
        this.homeNet = homeNet;
        this.emit = emit;
        this.inspector = inspector;
    }

    /** Adds a reader of the first bytes of connections whose protocol stays unknown (executables, shells by content). */
    public void addContentObserver(ContentObserver observer) {
        contentObservers.add(observer);
    }

    /** The first bytes of one direction; once the protocol is known, everything goes on to its parser. */
    private static final class Prefix implements StreamConsumer {
        byte[] bytes = new byte[PREFIX];
        int length;
        long streamOffset;
        StreamConsumer parser;

        @Override
        public void data(ByteBuffer buffer, int offset, int n, long at) {
            if (parser != null) {
                parser.data(buffer, offset, n, at);
                return;
            }
            // The first segment is kept whole up to FIRST_SEGMENT (a TLS ClientHello with its server
            // name is often a little over 512 bytes); after it, no more than PREFIX in all.
            int room = length == 0 ? Math.max(PREFIX, Math.min(n, FIRST_SEGMENT)) : PREFIX - length;
            int take = Math.min(n, room);
            if (take > 0) {
                if (length + take > bytes.length) {
                    bytes = java.util.Arrays.copyOf(bytes, length + take);
                }
                buffer.get(offset, bytes, length, take);
                length += take;
            }
            streamOffset = at + n;
        }

        @Override
        public void gap(long at, long n) {
            if (parser != null) {
                parser.gap(at, n);
            }
            // Before identification a gap leaves the prefix as it is: identification uses what came before.
        }

        @Override
        public void end() {
            if (parser != null) {
                parser.end();
            }
        }

        /**
         * Hands the bytes seen so far to the parser, then everything that follows. Bytes that came
         * after the kept prefix and before identification were not kept: the parser is told of them
         * as a gap, so it resynchronises instead of gluing two pieces of the stream together.
         */
        void handOver(StreamConsumer to) {
            if (length > 0) {
                to.data(ByteBuffer.wrap(bytes), 0, length, 0);
            }
            if (streamOffset > length) {
                to.gap(length, streamOffset - length);
            }
            parser = to;
        }
    }

    private final class Streams {
        IrcSession irc;
        /** Read only to the end of the handshake; the streams go then. */
        TlsSession tls;
        /** Whether the connection turned to ciphertext (TLS past its handshake, STARTTLS accepted); null: cannot. */
        java.util.function.BooleanSupplier encrypted;
        /** Set once a parser reads this connection: its packet-time setters and its closers. */
        boolean parsed;
        final List<java.util.function.LongConsumer> clocks = new java.util.ArrayList<>(2);
        final List<Runnable> closers = new java.util.ArrayList<>(2);
        final Prefix client = new Prefix();
        final Prefix server = new Prefix();
        final StreamReassembler toServer = new StreamReassembler(client, ReassemblyLimits.DEFAULT, counters);
        final StreamReassembler toClient = new StreamReassembler(server, ReassemblyLimits.DEFAULT, counters);
        /**
         * The prefixes' lengths when they were last judged UNKNOWN: the same bytes give the same
         * answer, so a connection whose one side keeps talking past its full prefix while the other
         * is silent is not judged again on every packet (two strings and four regular expressions
         * each time: the largest allocation of a run over the large capture).
         */
        int judgedClient = -1;
        int judgedServer = -1;
    }

    @Override
    public void packet(DecodedPacket p, Flow flow) {
        if (p.protocol != IpProtocol.TCP) {
            return;
        }
        Streams s = streams.get(flow.flowId());
        if (s == null && flow.appProto() != null) {
            return;
        }
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
        for (int i = 0; i < s.clocks.size(); i++) {
            s.clocks.get(i).accept(p.record.timestampNanos);
        }
        if ((flags & 0x02) != 0) {
            mine.syn(p.seq);
        }
        if (p.payloadCaptured > 0) {
            mine.segment(p.seq, p.payloadBuffer, p.payloadOffset, p.payloadCaptured, false);
        }
        if ((flags & 0x10) != 0) {
            theirs.ack(p.ack);
        }
        if ((flags & 0x04) != 0 && s.parsed) {
            s.toServer.reset();
            s.toClient.reset();
        }
        if (s.parsed) {
            if (s.encrypted != null && !flow.encrypted() && s.encrypted.getAsBoolean()) {
                flow.markEncrypted();
                tlsEncrypted++;
            }
            if (s.tls != null && s.tls.finished()) {
                streams.remove(flow.flowId());
            }
            return;
        }
        if (s.client.length == s.judgedClient && s.server.length == s.judgedServer) {
            return;
        }
        AppProtocol proto = identify(s, flow);
        boolean enough = s.client.length >= PREFIX && s.server.length >= PREFIX;
        if (proto != AppProtocol.UNKNOWN || enough) {
            decide(flow, proto, s, p.record.timestampNanos);
        } else {
            s.judgedClient = s.client.length;
            s.judgedServer = s.server.length;
        }
    }

    /** By content; text lines that fit no protocol on an IRC port are taken as IRC (Zeek's irc-353 case). */
    private static AppProtocol identify(Streams s, Flow flow) {
        AppProtocol proto = ProtocolIdentifier.identify(s.client.bytes, s.client.length, s.server.bytes, s.server.length);
        if (proto == AppProtocol.UNKNOWN && IRC_PORTS.contains(flow.respPort())
                && ProtocolIdentifier.isTextLines(s.client.bytes, s.client.length)
                && ProtocolIdentifier.isTextLines(s.server.bytes, s.server.length)
                && (s.client.length > 0 || s.server.length > 0)) {
            return AppProtocol.IRC;
        }
        return proto;
    }

    private void decide(Flow flow, AppProtocol proto, Streams s, long now) {
        flow.setAppProto(proto.eveName());
        if (s != null && (proto == AppProtocol.IRC || proto == AppProtocol.HTTP || proto == AppProtocol.SMTP
                || proto == AppProtocol.FTP || proto == AppProtocol.TLS)) {
            // Connections a parser reads keep their streams to the end; the others drop them now. Each
            // parser's clock is set before the bytes buffered so far are handed over: events parsed
            // from them would otherwise carry time 0 (a CONNECT's http event did, issue 29).
            ConnectionRef conn = new ConnectionRef(flow.flowId(), flow.sensorId(), IpAddresses.format(flow.origHi(), flow.origLo()),
                    flow.origPort(), IpAddresses.format(flow.respHi(), flow.respLo()), flow.respPort());
            s.parsed = true;
            switch (proto) {
                case IRC -> {
                    s.irc = new IrcSession(conn, emit);
                    s.encrypted = s.irc::encrypted;
                    s.clocks.add(s.irc::at);
                    s.irc.at(now);
                    s.closers.add(s.irc::close);
                    s.client.handOver(s.irc.clientStream());
                    s.server.handOver(s.irc.serverStream());
                    ircSessions++;
                }
                case HTTP -> {
                    HttpSession http = new HttpSession(conn, emit, (target, c) -> tunnel(s, target, c), inspector);
                    s.clocks.add(http::at);
                    http.at(now);
                    s.closers.add(http::close);
                    s.client.handOver(http.clientStream());
                    s.server.handOver(http.serverStream());
                    httpSessions++;
                }
                case TLS -> {
                    TlsSession tls = new TlsSession(conn, emit, tlsHellos);
                    s.tls = tls;
                    s.encrypted = tls::encrypted;
                    s.clocks.add(tls::at);
                    tls.at(now);
                    s.closers.add(tls::close);
                    s.client.handOver(tls.clientStream());
                    s.server.handOver(tls.serverStream());
                }
                case FTP -> {
                    FtpSession ftp = new FtpSession(conn, emit);
                    s.encrypted = ftp::encrypted;
                    s.clocks.add(ftp::at);
                    ftp.at(now);
                    s.closers.add(ftp::close);
                    s.client.handOver(ftp.clientStream());
                    s.server.handOver(ftp.serverStream());
                }
                default -> {
                    SmtpSession smtp = smtp(s, conn);
                    smtp.at(now);
                    s.encrypted = smtp::encrypted;
                    s.client.handOver(smtp.clientStream());
                    s.server.handOver(smtp.serverStream());
                }
            }
            for (java.util.function.LongConsumer clock : s.clocks) {
                clock.accept(now);
            }
        } else {
            streams.remove(flow.flowId());
            if (s != null && proto == AppProtocol.UNKNOWN && !contentObservers.isEmpty()) {
                ConnectionRef conn = new ConnectionRef(flow.flowId(), flow.sensorId(), IpAddresses.format(flow.origHi(), flow.origLo()),
                        flow.origPort(), IpAddresses.format(flow.respHi(), flow.respLo()), flow.respPort());
                for (ContentObserver o : contentObservers) {
                    o.unidentified(conn, flow.firstNanos(), now, s.client.bytes, s.client.length, s.server.bytes, s.server.length);
                }
            }
        }
        identified.merge("proto." + proto.eveName(), 1L, Long::sum);
        if (proto == AppProtocol.IRC && !IRC_PORTS.contains(flow.respPort())
                && homeNet.contains(flow.origHi(), flow.origLo())) {
            ircNonStandard++;
            String host = IpAddresses.format(flow.origHi(), flow.origLo());
            String server = IpAddresses.format(flow.respHi(), flow.respLo());
            // The peer names the endpoint, so the server is named as a C&C with its port.
            String peer = Endpoints.format(server, flow.respPort());
            emit.accept(new EvidenceEvent(flow.firstNanos(), flow.lastNanos(), host, peer, "irc", 0.5,
                    "speaks IRC to " + server + " on port " + flow.respPort() + ", which is not an IRC port",
                    List.of("flow:" + flow.flowId())));
        }
    }

    private SmtpSession smtp(Streams s, ConnectionRef conn) {
        SmtpSession smtp = new SmtpSession(conn, emit, inspector);
        s.clocks.add(smtp::at);
        s.closers.add(smtp::close);
        smtpSessions++;
        return smtp;
    }

    /** A CONNECT tunnel: mail ports are read as SMTP (proxy abuse, seed 000), anything else is left alone. */
    private StreamConsumer[] tunnel(Streams s, String target, ConnectionRef conn) {
        int colon = target.lastIndexOf(':');
        int port;
        try {
            port = colon < 0 ? 443 : Integer.parseInt(target.substring(colon + 1).strip());
        } catch (NumberFormatException e) {
            return null;
        }
        if (port != 25 && port != 465 && port != 587 && port != 2525) {
            return null;
        }
        SmtpSession smtp = smtp(s, conn);
        return new StreamConsumer[] {smtp.clientStream(), smtp.serverStream()};
    }

    /** Connections that end before they are identified are judged on what was seen. */
    @Override
    public void flowEnded(Flow flow, EndReason reason) {
        if (reason == EndReason.ACTIVE_TIMEOUT) {
            // Only a slice of a long connection was written out: its streams go on.
            return;
        }
        Streams s = streams.remove(flow.flowId());
        if (s == null) {
            return;
        }
        if (flow.appProto() == null) {
            AppProtocol proto = identify(s, flow);
            if (proto != AppProtocol.UNKNOWN || s.client.length > 0 || s.server.length > 0) {
                decide(flow, proto, s, flow.lastNanos());
            }
        }
        if (s.parsed) {
            for (java.util.function.LongConsumer clock : s.clocks) {
                clock.accept(flow.lastNanos());
            }
            s.toServer.finish();
            s.toClient.finish();
            for (Runnable close : s.closers) {
                close.run();
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
        c.put("app.irc_sessions_parsed", ircSessions);
        c.put("app.http_sessions_parsed", httpSessions);
        c.put("app.smtp_sessions_parsed", smtpSessions);
        c.put("app.tls_sessions_encrypted", tlsEncrypted);
        c.put("app.tls_hellos_fingerprinted", tlsHellos.fingerprintedHellos());
        c.put("app.tls_hellos_malformed", tlsHellos.malformedHellos());
        c.put("app.connections_skipped", connectionsSkipped);
        c.put("reassembly.overlaps_differing", counters.overlapsDiffering());
        c.put("reassembly.gaps", counters.gaps());
        for (ContentObserver o : contentObservers) {
            c.putAll(o.counters());
        }
        return c;
    }
}
