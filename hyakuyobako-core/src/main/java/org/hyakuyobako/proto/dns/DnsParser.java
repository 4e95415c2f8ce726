package org.hyakuyobako.proto.dns;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.function.Consumer;
import org.hyakuyobako.decode.DecodedPacket;
import org.hyakuyobako.decode.IpAddresses;
import org.hyakuyobako.decode.IpProtocol;
import org.hyakuyobako.event.ConnectionRef;
import org.hyakuyobako.event.DnsEvent;
import org.hyakuyobako.event.Event;
import org.hyakuyobako.event.WeirdEvent;
import org.hyakuyobako.flow.Flow;
import org.hyakuyobako.pipeline.PacketObserver;
import org.xbill.DNS.Message;
import org.xbill.DNS.Rcode;
import org.xbill.DNS.Record;
import org.xbill.DNS.Section;
import org.xbill.DNS.Type;

/**
 * DNS messages on port 53 (UDP datagrams, and TCP segments that start with a whole length-prefixed
 * message, as queries and most answers do), parsed with dnsjava, which rejects compression-pointer
 * loops and truncated records with an exception: those become a {@code weird} ({@code dns_malformed})
 * and parsing goes on. Every message is a {@code dns} event, handed to the DNS detectors as well.
 */
public final class DnsParser implements PacketObserver {
    static final int PORT = 53;

    static final int MAX_PENDING = 10_000;

    private final Consumer<Event> emit;
    /** TCP directions (flow id × 2 + 1 for the server) whose last segment was a lone length prefix. */
    private final java.util.Map<Long, Integer> lengthOnly = new java.util.HashMap<>();
    private long messages;
    private long malformed;

    public DnsParser(Consumer<Event> emit) {
        this.emit = emit;
    }

    @Override
    public void packet(DecodedPacket p, Flow flow) {
        if (p.payloadCaptured == 0 || p.srcPort != PORT && p.dstPort != PORT) {
            return;
        }
        int offset = p.payloadOffset;
        int length = p.payloadCaptured;
        String proto;
        if (p.protocol == IpProtocol.UDP) {
            proto = "UDP";
        } else if (p.protocol == IpProtocol.TCP) {
            proto = "TCP";
            Integer awaited = lengthOnly.remove(flow.flowId() * 2 + (p.srcPort == PORT ? 1 : 0));
            if (awaited != null && awaited == length) {
                // Some stacks (Windows among them) send the two-byte length in a segment of its own.
            } else if (length == 2) {
                if (lengthOnly.size() < MAX_PENDING) {
                    lengthOnly.put(flow.flowId() * 2 + (p.srcPort == PORT ? 1 : 0), p.payloadBuffer.getShort(offset) & 0xFFFF);
                }
                return;
            } else {
                if (length < 14) {
                    return;
                }
                int declared = p.payloadBuffer.getShort(offset) & 0xFFFF;
                if (declared < 12 || declared > length - 2) {
                    return;     // the middle of a longer message (a zone transfer's later segments)
                }
                offset += 2;
                length = declared;
            }
        } else {
            return;
        }
        byte[] bytes = new byte[length];
        p.payloadBuffer.get(offset, bytes, 0, length);
        ConnectionRef conn = new ConnectionRef(flow.flowId(), flow.sensorId(), IpAddresses.format(p.srcHi, p.srcLo), p.srcPort,
                IpAddresses.format(p.dstHi, p.dstLo), p.dstPort);
        Message m;
        try {
            m = new Message(bytes);
        } catch (Exception e) {
            // dnsjava throws WireParseException, and on some hostile input other runtime exceptions.
            malformed++;
            emit.accept(new WeirdEvent(p.record.timestampNanos, conn, "dns_malformed", clip(e.getMessage()), "DNS"));
            return;
        }
        messages++;
        emit.accept(event(p.record.timestampNanos, conn, proto, m));
    }

    static DnsEvent event(long at, ConnectionRef conn, String proto, Message m) {
        Record q = m.getQuestion();
        String name = q == null ? "" : name(q.getName().toString());
        String type = q == null ? "" : Type.string(q.getType());
        boolean query = !m.getHeader().getFlag(org.xbill.DNS.Flags.QR);
        List<DnsEvent.Answer> answers = new ArrayList<>();
        if (!query) {
            for (Record r : m.getSection(Section.ANSWER)) {
                if (answers.size() >= DnsEvent.MAX_ANSWERS) {
                    break;
                }
                answers.add(new DnsEvent.Answer(name(r.getName().toString()), Type.string(r.getType()), r.rdataToString(), r.getTTL()));
            }
        }
        return new DnsEvent(at, conn, proto, query, m.getHeader().getID(), name, type,
                query ? null : Rcode.string(m.getRcode()), answers, m.getRcode());
    }

    private static String name(String fqdn) {
        String n = fqdn.endsWith(".") ? fqdn.substring(0, fqdn.length() - 1) : fqdn;
        return n.toLowerCase(Locale.ROOT);
    }

    private static String clip(String s) {
        return s == null ? null : s.length() > 100 ? s.substring(0, 100) : s;
    }

    @Override
    public java.util.Map<String, Long> counters() {
        return java.util.Map.of("dns.messages", messages, "dns.malformed", malformed);
    }
}
