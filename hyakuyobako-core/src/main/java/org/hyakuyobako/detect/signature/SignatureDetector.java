package org.hyakuyobako.detect.signature;

import java.util.LinkedHashMap;
import java.util.Map;
import java.util.function.Consumer;
import org.hyakuyobako.decode.DecodedPacket;
import org.hyakuyobako.decode.IpProtocol;
import org.hyakuyobako.event.ConnectionRef;
import org.hyakuyobako.event.DnsEvent;
import org.hyakuyobako.event.Event;
import org.hyakuyobako.event.TlsEvent;
import org.hyakuyobako.flow.EndReason;
import org.hyakuyobako.flow.Flow;
import org.hyakuyobako.flow.FlowAttachmentKey;
import org.hyakuyobako.net.HomeNet;
import org.hyakuyobako.pipeline.EventObserver;
import org.hyakuyobako.pipeline.FlowObserver;
import org.hyakuyobako.pipeline.PacketObserver;
import org.hyakuyobako.proto.AppInspector;
import org.hyakuyobako.proto.http.HttpTransaction;
import org.hyakuyobako.rules.RuleSet;
import org.hyakuyobako.rules.Slot;

/**
 * D1: runs a rule set on what the pipeline sees — packets, reassembled TCP streams, and the
 * messages the parsers hand over (HTTP transactions, DNS messages, TLS handshakes, mail
 * attachments) — and emits Suricata's {@code alert} events and {@code evidence}.
 *
 * <p>This is the pipeline's side: it turns each call into an {@link EngineMessage} and sends it
 * to the engine side ({@link MessageInspector}), which does the matching on a thread of its own
 * when there is a core for it (ADR 0019), else at once. Either way the engine sees the same
 * messages in the same order and raises the same alerts; on its own thread they reach the sinks
 * a few batches later.
 */
public final class SignatureDetector implements PacketObserver, FlowObserver, EventObserver, AppInspector {
    /** HTTP bodies kept per message for file_data and http_client_body (Suricata's default body limits are 100 KB). */
    static final int BODY_LIMIT = 100 * 1024;

    /** The engine's state for a connection, hung on its flow ({@link MessageInspector.Connection}). */
    private static final FlowAttachmentKey CONNECTION = FlowAttachmentKey.create("signature.connection");

    private final SignatureEngine engine;
    private final boolean packetRules;
    private final boolean streamRules;
    private final boolean inspectEncrypted;
    private final MessageInspector inspector;
    private final EngineFeed feed;
    private long encryptedPackets;
    private long encryptedBytes;

    public SignatureDetector(RuleSet rules, HomeNet homeNet, Consumer<Event> emit) {
        this(rules, homeNet, false, false, emit);
    }

    /**
     * @param inspectEncrypted whether a TLS connection's payload is still inspected once both sides
     *                         encrypt (Suricata's {@code encryption-handling: full}); by default only
     *                         the rules without content (header, flags, dsize, flowbits) see it
     * @param ownThread        whether the engine runs on a thread of its own ({@link ThreadedFeed})
     */
    public SignatureDetector(RuleSet rules, HomeNet homeNet, boolean inspectEncrypted, boolean ownThread,
                             Consumer<Event> emit) {
        this.inspectEncrypted = inspectEncrypted;
        this.engine = SignatureEngine.of(rules, homeNet);
        this.packetRules = engine.wants(Slot.PACKET);
        this.streamRules = engine.wants(Slot.STREAM);
        if (ownThread) {
            ThreadedFeed threaded = new ThreadedFeed(emit);
            this.inspector = new MessageInspector(engine, rules.classification(), homeNet, inspectEncrypted, threaded.output());
            threaded.inspectWith(inspector);
            this.feed = threaded;
        } else {
            this.inspector = new MessageInspector(engine, rules.classification(), homeNet, inspectEncrypted, emit);
            this.feed = new DirectFeed(inspector);
        }
    }

    @Override
    public void packet(DecodedPacket p, Flow flow) {
        if (flow.encrypted() && !inspectEncrypted && p.payloadCaptured > 0) {
            encryptedPackets++;
            encryptedBytes += p.payloadCaptured;
        }
        if (!packetRules && !(streamRules && p.protocol == IpProtocol.TCP)) {
            return;
        }
        feed.next().packet(p, flow, connectionOf(flow), feed.copiesPayloads());
        feed.send();
    }

    private static MessageInspector.Connection connectionOf(Flow flow) {
        if (flow.attachment(CONNECTION) instanceof MessageInspector.Connection c) {
            return c;
        }
        MessageInspector.Connection c = new MessageInspector.Connection();
        flow.attach(CONNECTION, c);
        return c;
    }

    @Override
    public void flowEnded(Flow flow, EndReason reason) {
        if (reason == EndReason.ACTIVE_TIMEOUT) {
            return;     // only a slice was written out: the connection goes on
        }
        MessageInspector.Connection c = flow.attachment(CONNECTION) instanceof MessageInspector.Connection a ? a : null;
        flow.attach(CONNECTION, null);
        feed.next().flowEnd(flow, c);
        feed.send();
    }

    @Override
    public int httpBodyLimit() {
        return engine.wants(Slot.HTTP_REQUEST) || engine.wants(Slot.HTTP_RESPONSE) ? BODY_LIMIT : 0;
    }

    @Override
    public void httpRequest(ConnectionRef conn, HttpTransaction tx, long ts) {
        // The transaction's request side is complete and never changes again; its response side,
        // filled in later on this thread, is not read by a request's inspection.
        if (engine.wants(Slot.HTTP_REQUEST)) {
            feed.next().http(conn, tx, ts, false);
            feed.send();
        }
    }

    @Override
    public void httpResponse(ConnectionRef conn, HttpTransaction tx, long ts) {
        if (engine.wants(Slot.HTTP_RESPONSE)) {
            feed.next().http(conn, tx, ts, true);
            feed.send();
        }
    }

    @Override
    public boolean wantsMailFiles() {
        return engine.wants(Slot.SMTP_FILE);
    }

    @Override
    public void mailFile(ConnectionRef conn, String name, byte[] content, long ts) {
        feed.next().mailFile(conn, name, content, ts);
        feed.send();
    }

    @Override
    public void accept(Event event) {
        if (event instanceof DnsEvent d && engine.wants(Slot.DNS)) {
            feed.next().event(event, d.timestampNanos());
            feed.send();
        } else if (event instanceof TlsEvent t && engine.wants(Slot.TLS)) {
            feed.next().event(event, t.timestampNanos());
            feed.send();
        }
    }

    /** Inspects what is still collected, waits for the engine and emits its last alerts. */
    @Override
    public void finish() {
        feed.finish();
    }

    /** The analysis is over (or failed): the engine's thread stops, the compiled rules go back to the rule set. */
    public void release() {
        feed.close();
        engine.release();
    }

    @Override
    public Map<String, Long> counters() {
        Map<String, Long> c = new LinkedHashMap<>(engine.counters());
        c.putAll(inspector.counters());
        c.put("signature.encrypted_packets_not_inspected", encryptedPackets);
        c.put("signature.encrypted_bytes_not_inspected", encryptedBytes);
        return c;
    }
}
