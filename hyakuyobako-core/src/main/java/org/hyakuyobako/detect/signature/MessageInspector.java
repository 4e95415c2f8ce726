package org.hyakuyobako.detect.signature;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Consumer;
import org.hyakuyobako.decode.IpAddresses;
import org.hyakuyobako.decode.IpProtocol;
import org.hyakuyobako.detect.LruChain;
import org.hyakuyobako.detect.LruMap;
import org.hyakuyobako.event.AlertEvent;
import org.hyakuyobako.event.ConnectionRef;
import org.hyakuyobako.event.DnsEvent;
import org.hyakuyobako.event.Event;
import org.hyakuyobako.event.EvidenceEvent;
import org.hyakuyobako.event.TlsEvent;
import org.hyakuyobako.net.HomeNet;
import org.hyakuyobako.proto.http.HttpTransaction;
import org.hyakuyobako.rules.Buffer;
import org.hyakuyobako.rules.ClassificationConfig;
import org.hyakuyobako.rules.Rule;
import org.hyakuyobako.rules.Slot;
import org.hyakuyobako.stream.ReassemblyCounters;
import org.hyakuyobako.stream.ReassemblyLimits;
import org.hyakuyobako.stream.StreamReassembler;

/**
 * The signature detector's engine side: inspects the messages {@link SignatureDetector} hands
 * over — packets, the TCP streams it reassembles from them, HTTP transactions, DNS messages, TLS
 * handshakes, mail attachments — on whichever thread its {@link EngineFeed} runs it, and emits
 * Suricata's {@code alert} events, plus {@code evidence} (method {@code signature}) for the
 * monitored host once per rule and peer, so a rule that fires 700,000 times is one line of
 * evidence with a count, not an alert flood in the verdict.
 *
 * <p>Everything here belongs to one thread at a time: it reads messages, never the pipeline's
 * flows or packets (ADR 0019), and keeps its per-connection state in the {@link Connection} the
 * detector hangs on each flow for it.
 */
final class MessageInspector implements Consumer<EngineMessage> {
    static final int MAX_STREAMS = 20_000;
    static final int MAX_EVIDENCE_KEYS = 100_000;

    private final SignatureEngine engine;
    /** Whether any rule looks at packets, at streams (asked on every packet). */
    private final boolean packetRules;
    private final boolean streamRules;
    private final ClassificationConfig classification;
    private final HomeNet homeNet;
    private final boolean inspectEncrypted;
    private final Consumer<Event> emit;
    private final Inspection in = new Inspection();
    private final ReassemblyCounters reassembly = new ReassemblyCounters();
    /** The connections being collected, least recently used first out when there are MAX_STREAMS. */
    private final LruChain<Streams> streams = new LruChain<>();
    private final LruMap<String, long[]> evidenceSeen = new LruMap<>(MAX_EVIDENCE_KEYS);
    private final Map<Long, Long> alertsBySid = new LinkedHashMap<>();
    private long alerts;
    private long streamsEvicted;
    private long chunks;
    private long skipped;
    /** Packet payloads read where they lie in a mapped capture rather than copied. */
    private long payloadsInPlace;

    /**
     * What the engine keeps of one connection: made by the detector on the pipeline thread when the
     * flow's first message goes out, then read and written by the engine side only. A flow object
     * is recycled for another connection after its end; this outlives it until the end is inspected.
     */
    static final class Connection {
        /** Whether each end is in the home net, once worked out. */
        HomeEnds ends;
        /** Its streams, {@link #skip}, or null (none yet, or evicted). */
        Streams streams;
    }

    /** Both directions of one TCP connection being collected for stream rules, with its 5-tuple. */
    final class Streams extends LruChain.Link<Streams> {
        final StreamChunk fromClient = new StreamChunk();
        final StreamChunk fromServer = new StreamChunk();
        final StreamReassembler toServer = new StreamReassembler(fromClient, ReassemblyLimits.DEFAULT, reassembly);
        final StreamReassembler toClient = new StreamReassembler(fromServer, ReassemblyLimits.DEFAULT, reassembly);
        long flowId;
        int sensorId;
        long cHi;
        long cLo;
        long sHi;
        long sLo;
        int cPort;
        int sPort;
        String appProto;
        /** Collected before the protocol was known: dropped if no rule turns out to look at it. */
        boolean undecided;
        long lastNanos;
        int fileId = -1;
        long fileOffset = -1;
        /** Home sides from client to server, once worked out. */
        int sides = -1;
    }

    MessageInspector(SignatureEngine engine, ClassificationConfig classification, HomeNet homeNet,
                     boolean inspectEncrypted, Consumer<Event> emit) {
        this.engine = engine;
        this.packetRules = engine.wants(Slot.PACKET);
        this.streamRules = engine.wants(Slot.STREAM);
        this.classification = classification;
        this.homeNet = homeNet;
        this.inspectEncrypted = inspectEncrypted;
        this.emit = emit;
    }

    @Override
    public void accept(EngineMessage m) {
        switch (m.kind) {
            case PACKET -> packet(m);
            case FLOW_END -> flowEnded(m);
            case HTTP_REQUEST -> http(m.conn, m.tx, m.timestampNanos, false);
            case HTTP_RESPONSE -> http(m.conn, m.tx, m.timestampNanos, true);
            case MAIL_FILE -> mailFile(m.conn, m.fileName, m.content, m.timestampNanos);
            case EVENT -> event(m.event);
            case FINISH -> finish();
        }
    }

    // ---- packets and streams ----

    private void packet(EngineMessage p) {
        boolean fromClient = p.fromClient;
        boolean ciphertext = p.encrypted && !inspectEncrypted;
        if (packetRules) {
            in.reset(Slot.PACKET);
            packetTuple(p);
            in.dsize = p.payloadLength;
            if (p.protocol == IpProtocol.TCP) {
                in.tcpFlags = p.tcpFlags;
            } else if (p.protocol == IpProtocol.ICMP || p.protocol == IpProtocol.ICMPV6) {
                in.icmpType = p.icmpType;
                in.icmpCode = p.icmpCode;
            }
            boolean firstOfSide = p.firstOfSide;
            // No packet rule for this transport, protocol and port (the usual case with the bundled
            // rules): neither a copy of the payload nor an inspection.
            if (firstOfSide || engine.anyRuleFor(in)) {
                boolean withPayload = p.payloadCaptured > 0 && !ciphertext;
                // Read where it lies in a mapped capture file (copied only if a rule is verified or
                // a Java scanner needs an array); other sources' bytes are copied now, since the
                // message's copy (or the source's buffer) is reused.
                boolean inPlace = withPayload && p.payloadInPlace;
                if (inPlace) {
                    payloadsInPlace++;
                    in.setPayloadInPlace(p.payloadBuffer, p.payloadOffset, p.payloadCaptured);
                } else if (withPayload) {
                    byte[] payload = new byte[p.payloadCaptured];
                    p.payloadBuffer.get(p.payloadOffset, payload, 0, p.payloadCaptured);
                    in.set(Buffer.PAYLOAD, payload);
                }
                in.fileId = p.fileId;
                in.fileOffset = p.fileOffset;
                if (withPayload && streamRules && p.protocol == IpProtocol.TCP && collecting(p)) {
                    // The stream collector takes these bytes next: one scan for both kinds of rules.
                    engine.inspectSegment(in, firstOfSide, alertOnIn, segmentScan);
                    segmentScan.buffer = p.payloadBuffer;
                    segmentScan.offset = p.payloadOffset;
                    segmentScan.length = p.payloadCaptured;
                    segmentScan.payload = in.payloadIfArray();
                    segmentScan.inPlace = inPlace;
                } else {
                    engine.inspect(in, firstOfSide, alertOnIn);
                }
            }
        }
        if (streamRules && p.protocol == IpProtocol.TCP) {
            stream(p, fromClient);
        }
        segmentScan.clear();
    }

    /**
     * Whether the stream collector will take this packet's payload for stream rules: its streams are
     * collected (not skipped, protocol decided), or this payload starts them ({@link #stream} asks
     * the same question of the same packet then).
     */
    private boolean collecting(EngineMessage p) {
        Streams a = p.connection.streams;
        if (a == skip) {
            return false;
        }
        if (a != null && a.chained()) {
            return !a.undecided;
        }
        return !p.encrypted && engine.anyStreamRuleFor(in);
    }

    private void packetTuple(EngineMessage p) {
        in.ipProtocol = p.protocol;
        in.srcHi = p.srcHi;
        in.srcLo = p.srcLo;
        in.dstHi = p.dstHi;
        in.dstLo = p.dstLo;
        in.srcPort = p.srcPort;
        in.dstPort = p.dstPort;
        in.toServer = p.fromClient;
        in.established = p.established;
        in.appProto = p.appProto;
        in.flowId = p.flowId;
        in.sensorId = p.sensorId;
        in.timestampNanos = p.timestampNanos;
        in.homeSides = homeEnds(p).sides(p);
    }

    /**
     * Whether each end of a connection is in the home net, by address: worked out once per
     * connection (two home-net look-ups per inspection were 6 % of an ET run on the payload mix),
     * and by address rather than by originator so a flow whose roles flip keeps its answer.
     */
    record HomeEnds(long aHi, long aLo, int abSides) {
        int sides(EngineMessage p) {
            // Both ends one address: both inside or both outside, the same either way round.
            return p.srcHi == aHi && p.srcLo == aLo ? abSides : swap(abSides);
        }
    }

    private HomeEnds homeEnds(EngineMessage p) {
        Connection c = p.connection;
        if (c.ends == null) {
            c.ends = new HomeEnds(p.srcHi, p.srcLo, engine.homeSides(p.srcHi, p.srcLo, p.dstHi, p.dstLo));
        }
        return c.ends;
    }

    /** The same sides seen the other way (source and destination bits exchanged). */
    private static int swap(int sides) {
        return (sides & 2) >> 1 | (sides & 1) << 1;
    }

    /** How much of a connection is collected while its protocol is unknown and no rule is for unknown TCP. */
    static final int UNDECIDED_LIMIT = 4_096;

    /** Marks a connection no stream rule can look at: nothing is collected for it. */
    private final Streams skip = new Streams();
    /** The current packet's segment scanned for its connection's stream rules, until the collector takes it. */
    private final SegmentScan segmentScan = new SegmentScan();

    private void stream(EngineMessage p, boolean fromClient) {
        Connection c = p.connection;
        Streams s = streamsOf(c);
        if (s == skip) {
            return;
        }
        if (p.encrypted && !inspectEncrypted) {
            // The handshake collected so far is inspected; the ciphertext after it is not collected.
            if (s != null) {
                flush(s, true);
                flush(s, false);
            }
            keep(c, skip);
            return;
        }
        if (s != null && s.undecided && (p.appProto != null
                || s.fromClient.length() + s.fromServer.length() > UNDECIDED_LIMIT)) {
            s.undecided = false;
            if (!streamRulesFor(p)) {
                keep(c, skip);
                skipped++;
                return;
            }
        }
        if (s == null) {
            if (p.payloadCaptured == 0) {
                return;     // streams start at the first payload, as the app layer's do
            }
            // With rules only for some protocols (the bundled IRC and HTTP rules), most connections
            // need no stream at all; until the protocol is known, the first bytes are kept.
            boolean wanted = streamRulesFor(p);
            if (!wanted && p.appProto != null) {
                keep(c, skip);
                skipped++;
                return;
            }
            s = new Streams();
            s.undecided = !wanted;
            s.flowId = p.flowId;
            s.sensorId = p.sensorId;
            // The originator is the sender of a packet from the client, else its receiver.
            s.cHi = fromClient ? p.srcHi : p.dstHi;
            s.cLo = fromClient ? p.srcLo : p.dstLo;
            s.sHi = fromClient ? p.dstHi : p.srcHi;
            s.sLo = fromClient ? p.dstLo : p.srcLo;
            s.cPort = fromClient ? p.srcPort : p.dstPort;
            s.sPort = fromClient ? p.dstPort : p.srcPort;
            keep(c, s);
        }
        s.appProto = p.appProto;
        s.lastNanos = p.timestampNanos;
        StreamChunk other = fromClient ? s.fromServer : s.fromClient;
        if (p.payloadCaptured > 0 && other.length() > 0) {
            flush(s, !fromClient);     // the other side spoke first: its message is complete
        }
        StreamReassembler mine = fromClient ? s.toServer : s.toClient;
        StreamReassembler theirs = fromClient ? s.toClient : s.toServer;
        if ((p.tcpFlags & 0x02) != 0) {
            mine.syn(p.seq);
        }
        s.fileId = p.fileId;
        s.fileOffset = p.fileOffset;
        if (p.payloadCaptured > 0) {
            StreamChunk chunk = fromClient ? s.fromClient : s.fromServer;
            chunk.expect(segmentScan.valid() ? segmentScan : null);
            mine.segment(p.seq, p.payloadBuffer, p.payloadOffset, p.payloadCaptured, false);
            chunk.expect(null);
        }
        if ((p.tcpFlags & 0x10) != 0) {
            theirs.ack(p.ack);
        }
        if ((fromClient ? s.fromClient : s.fromServer).full()) {
            flushFull(s, fromClient);
        }
        if ((p.tcpFlags & 0x04) != 0) {
            s.toServer.reset();
            s.toClient.reset();
            flush(s, true);
            flush(s, false);
        }
    }

    /** The connection's streams, or {@link #skip}, or null (none yet, or evicted: its chunks were inspected then). */
    private Streams streamsOf(Connection c) {
        Streams s = c.streams;
        if (s == skip) {
            return skip;
        }
        if (s != null && s.chained()) {
            streams.touch(s);
            return s;
        }
        return null;
    }

    /**
     * Files the connection's streams, or marks it as one no stream rule looks at ({@link #skip}:
     * it holds nothing; streams collected so far are dropped). The least recently used
     * connection's streams are inspected and dropped when MAX_STREAMS are collected.
     */
    private void keep(Connection c, Streams s) {
        Streams old = c.streams;
        if (old != null && old != skip) {
            streams.remove(old);
        }
        if (s != skip) {
            streams.add(s);
            if (streams.size() > MAX_STREAMS) {
                Streams evicted = streams.removeOldest();
                streamsEvicted++;
                flush(evicted, true);
                flush(evicted, false);
            }
        }
        c.streams = s;
    }

    private boolean streamRulesFor(EngineMessage p) {
        in.reset(Slot.STREAM);
        packetTuple(p);
        return engine.anyRuleFor(in);
    }

    /** Inspects everything one side collected (its message is complete, or the connection ends). */
    private void flush(Streams s, boolean clientSide) {
        StreamChunk chunk = clientSide ? s.fromClient : s.fromServer;
        for (ChunkBytes data = chunk.take(); data != null; data = chunk.take()) {
            inspect(s, clientSide, data, chunk.takenScan());
        }
    }

    /** Inspects the full chunks of one side; the rest of its message goes on collecting. */
    private void flushFull(Streams s, boolean clientSide) {
        StreamChunk chunk = clientSide ? s.fromClient : s.fromServer;
        while (chunk.full()) {
            ChunkBytes data = chunk.take();
            inspect(s, clientSide, data, chunk.takenScan());
        }
    }

    private void inspect(Streams s, boolean clientSide, ChunkBytes data, ChunkScan scan) {
        chunks++;
        in.reset(Slot.STREAM);
        in.ipProtocol = IpProtocol.TCP;
        in.srcHi = clientSide ? s.cHi : s.sHi;
        in.srcLo = clientSide ? s.cLo : s.sLo;
        in.dstHi = clientSide ? s.sHi : s.cHi;
        in.dstLo = clientSide ? s.sLo : s.cLo;
        in.srcPort = clientSide ? s.cPort : s.sPort;
        in.dstPort = clientSide ? s.sPort : s.cPort;
        if (s.sides < 0) {
            s.sides = engine.homeSides(s.cHi, s.cLo, s.sHi, s.sLo);
        }
        in.homeSides = clientSide ? s.sides : swap(s.sides);
        in.toServer = clientSide;
        in.established = true;
        in.appProto = s.appProto;
        in.flowId = s.flowId;
        in.sensorId = s.sensorId;
        in.timestampNanos = s.lastNanos;
        in.setChunk(data);
        in.fileId = s.fileId;
        in.fileOffset = s.fileOffset;
        engine.inspectChunk(in, alertOnIn, scan);
    }

    private void flowEnded(EngineMessage m) {
        Connection c = m.connection;
        Streams s = c == null ? null : c.streams;
        if (s != null && s != skip && s.chained()) {
            c.streams = null;
            streams.remove(s);
            s.lastNanos = Math.max(s.lastNanos, m.flowLastNanos);
            s.toServer.finish();
            s.toClient.finish();
            flush(s, true);
            flush(s, false);
        }
        engine.flowEnded(m.flowId);
    }

    // ---- application messages ----

    /** A connection's 5-tuple (client as source) seen in the direction given. */
    private void connTuple(ConnectionRef c, boolean toServer, int ipProtocol, String appProto, long ts) {
        senderTuple(c, toServer, toServer, ipProtocol, appProto, ts);
    }

    /**
     * @param srcIsSender whether the reference's source is the message's sender (DNS events are
     *                    written per packet) rather than the connection's client
     */
    private void senderTuple(ConnectionRef c, boolean toServer, boolean srcIsSender, int ipProtocol, String appProto, long ts) {
        long[] client = IpAddresses.parse(srcIsSender == toServer ? c.srcIp() : c.destIp());
        long[] server = IpAddresses.parse(srcIsSender == toServer ? c.destIp() : c.srcIp());
        int clientPort = srcIsSender == toServer ? c.srcPort() : c.destPort();
        int serverPort = srcIsSender == toServer ? c.destPort() : c.srcPort();
        in.ipProtocol = ipProtocol;
        in.srcHi = toServer ? client[0] : server[0];
        in.srcLo = toServer ? client[1] : server[1];
        in.dstHi = toServer ? server[0] : client[0];
        in.dstLo = toServer ? server[1] : client[1];
        in.srcPort = toServer ? clientPort : serverPort;
        in.dstPort = toServer ? serverPort : clientPort;
        in.toServer = toServer;
        in.established = true;
        in.appProto = appProto;
        in.flowId = c.flowId();
        in.sensorId = c.sensorId();
        in.timestampNanos = ts;
    }

    private void http(ConnectionRef conn, HttpTransaction tx, long ts, boolean response) {
        Slot slot = response ? Slot.HTTP_RESPONSE : Slot.HTTP_REQUEST;
        if (!engine.wants(slot)) {
            return;
        }
        in.reset(slot);
        connTuple(conn, !response, IpProtocol.TCP, "http", ts);
        HttpBuffers.fill(in, tx, response);
        engine.inspect(in, false, alertOnIn);
    }

    private void mailFile(ConnectionRef conn, String name, byte[] content, long ts) {
        in.reset(Slot.SMTP_FILE);
        connTuple(conn, true, IpProtocol.TCP, "smtp", ts);
        in.set(Buffer.FILE_DATA, content);
        in.app.put("smtp.filename", name);
        engine.inspect(in, false, alertOnIn);
    }

    private void event(Event event) {
        if (event instanceof DnsEvent d) {
            dns(d);
        } else if (event instanceof TlsEvent t) {
            tls(t);
        }
    }

    private void dns(DnsEvent d) {
        in.reset(Slot.DNS);
        senderTuple(d.conn(), d.query(), true, "TCP".equals(d.proto()) ? IpProtocol.TCP : IpProtocol.UDP, "dns", d.timestampNanos());
        in.dnsRcode = d.rcodeValue();
        if (d.query()) {
            in.set(Buffer.DNS_QUERY, d.rrname().getBytes(StandardCharsets.ISO_8859_1));
        }
        in.app.put("dns.rrname", d.rrname());
        in.app.put("dns.type", d.query() ? "query" : "answer");
        if (d.rcode() != null) {
            in.app.put("dns.rcode", d.rcode());
        }
        if (!d.query()) {
            List<String> names = new ArrayList<>();
            for (DnsEvent.Answer a : d.answers()) {
                names.add(a.rrname());
                String target = nameInRdata(a);
                if (target != null) {
                    names.add(target);
                }
            }
            // dns.response.rrname: each answer's name and the names its data points to, as separate
            // buffers in Suricata; here one buffer with the names on lines of their own.
            in.set(Buffer.DNS_RESPONSE_RRNAME, String.join("\n", names).getBytes(StandardCharsets.ISO_8859_1));
        }
        engine.inspect(in, false, alertOnIn);
    }

    /** The domain name in a CNAME, NS, PTR, MX or SRV record's data, without the trailing dot. */
    private static String nameInRdata(DnsEvent.Answer a) {
        switch (a.rrtype()) {
            case "CNAME", "NS", "PTR", "MX", "SRV", "DNAME" -> {
                String[] parts = a.rdata().strip().split("\\s+");
                String n = parts[parts.length - 1];
                return n.endsWith(".") ? n.substring(0, n.length() - 1) : n;
            }
            default -> {
                return null;
            }
        }
    }

    private void tls(TlsEvent t) {
        // The client's side: what the ClientHello said (server name, JA3, JA4).
        if (t.sni() != null || t.ja3Hash() != null) {
            in.reset(Slot.TLS);
            connTuple(t.conn(), true, IpProtocol.TCP, "tls", t.timestampNanos());
            if (t.sni() != null) {
                in.set(Buffer.TLS_SNI, t.sni().getBytes(StandardCharsets.ISO_8859_1));
                in.app.put("tls.sni", t.sni());
            }
            if (t.ja3Hash() != null) {
                in.set(Buffer.TLS_JA3_HASH, t.ja3Hash().getBytes(StandardCharsets.ISO_8859_1));
                in.set(Buffer.TLS_JA3_STRING, t.ja3String().getBytes(StandardCharsets.ISO_8859_1));
                in.set(Buffer.TLS_JA4, t.ja4().getBytes(StandardCharsets.ISO_8859_1));
                in.app.put("tls.ja3.hash", t.ja3Hash());
                in.app.put("tls.ja3.string", t.ja3String());
                in.app.put("tls.ja4", t.ja4());
            }
            engine.inspect(in, false, alertOnIn);
        }
        // The server's side: its hello (JA3S) and certificate.
        if (t.subject() != null || t.issuer() != null || t.serial() != null || t.ja3sHash() != null) {
            in.reset(Slot.TLS);
            connTuple(t.conn(), false, IpProtocol.TCP, "tls", t.timestampNanos());
            if (t.ja3sHash() != null) {
                in.set(Buffer.TLS_JA3S_HASH, t.ja3sHash().getBytes(StandardCharsets.ISO_8859_1));
                in.set(Buffer.TLS_JA3S_STRING, t.ja3sString().getBytes(StandardCharsets.ISO_8859_1));
                in.app.put("tls.ja3s.hash", t.ja3sHash());
            }
            if (t.subject() != null) {
                String subject = SuricataDn.of(t.subject());
                in.set(Buffer.TLS_CERT_SUBJECT, subject.getBytes(StandardCharsets.UTF_8));
                in.app.put("tls.subject", subject);
            }
            if (t.issuer() != null) {
                String issuer = SuricataDn.of(t.issuer());
                in.set(Buffer.TLS_CERT_ISSUER, issuer.getBytes(StandardCharsets.UTF_8));
                in.app.put("tls.issuerdn", issuer);
            }
            if (t.serial() != null) {
                in.set(Buffer.TLS_CERT_SERIAL, t.serial().getBytes(StandardCharsets.ISO_8859_1));
                in.app.put("tls.serial", t.serial());
            }
            if (t.sni() != null) {
                in.app.put("tls.sni", t.sni());
            }
            engine.inspect(in, false, alertOnIn);
        }
    }

    // ---- output ----

    /** Alerts on {@link #in}: one object for every inspection rather than a capturing lambda per inspection. */
    private final Consumer<Rule> alertOnIn = r -> alert(r, in);

    private void alert(Rule r, Inspection at) {
        alerts++;
        alertsBySid.merge(r.sid, 1L, Long::sum);
        ClassificationConfig.Classification c = classification.get(r.classtype);
        String src = IpAddresses.format(at.srcHi, at.srcLo);
        String dst = IpAddresses.format(at.dstHi, at.dstLo);
        emit.accept(new AlertEvent(at.timestampNanos, at.flowId, at.sensorId, src, at.srcPort, dst, at.dstPort,
                IpProtocol.eveName(at.ipProtocol), at.toServer, at.appProto, r.action, r.gid, r.sid, r.rev, r.msg,
                c == null ? r.classtype : c.description(), r.priority, r.metadata, Map.copyOf(at.app), at.fileId, at.fileOffset));
        evidence(r, at, src, dst, c);
    }

    /** Evidence for the monitored end, the first time this rule fires between these two hosts. */
    private void evidence(Rule r, Inspection at, String src, String dst, ClassificationConfig.Classification c) {
        boolean srcHome = homeNet.contains(at.srcHi, at.srcLo);
        boolean dstHome = homeNet.contains(at.dstHi, at.dstLo);
        if (!srcHome && !dstHome) {
            return;
        }
        // The host the rule speaks about: the sender when it is ours (it did what the rule saw), else the receiver.
        String host = srcHome ? src : dst;
        String peer = srcHome ? dst : src;
        String key = host + "|" + r.gid + ":" + r.sid + "|" + peer;
        long[] seen = evidenceSeen.get(key);
        if (seen != null) {
            seen[0]++;
            return;
        }
        evidenceSeen.put(key, new long[] {1});
        double score = switch (r.priority) {
            case 1 -> 0.6;
            case 2 -> 0.45;
            case 3 -> 0.3;
            default -> 0.15;
        };
        String category = c == null ? r.classtype : c.description();
        emit.accept(new EvidenceEvent(at.timestampNanos, at.timestampNanos, host, peer, "signature", score,
                "rule " + r.gid + ":" + r.sid + " \"" + r.msg + "\"" + (category == null ? "" : " (" + category + ")")
                        + (srcHome ? " on traffic to " : " on traffic from ") + peer,
                List.of("flow:" + at.flowId, "sid:" + r.sid)));
    }

    private void finish() {
        for (Streams s : streams.removeAll()) {
            s.toServer.finish();
            s.toClient.finish();
            flush(s, true);
            flush(s, false);
        }
    }

    /** This side's counters (the engine's own are the detector's to add). */
    Map<String, Long> counters() {
        Map<String, Long> c = new LinkedHashMap<>();
        c.put("signature.alerts", alerts);
        c.put("signature.rules_alerting", (long) alertsBySid.size());
        c.put("signature.stream_chunks", chunks);
        c.put("signature.streams_evicted", streamsEvicted);
        c.put("signature.streams_not_collected", skipped);
        c.put("signature.payloads_in_place", payloadsInPlace);
        return c;
    }}
