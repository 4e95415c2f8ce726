package org.hyakuyobako.event;

import com.fasterxml.jackson.core.JsonGenerator;
import java.io.IOException;
import org.hyakuyobako.decode.IpProtocol;
import org.hyakuyobako.flow.FlowRecord;

/**
 * A finished flow as an EVE {@code flow} event: Suricata's fields ({@code flow.pkts_toserver},
 * {@code tcp.tcp_flags}, ...), Zeek's conn.log fields under {@code conn}, the Community ID, and
 * where the flow's first packet lies in its capture (for carving and pivots), and the country and
 * autonomous system of its outside side ({@link GeoFields}).
 */
public final class FlowEvent implements Event {
    private final FlowRecord flow;
    // Text forms, made once on first use by whichever writer thread gets there first (each sink
    // needs them; computing them twice, SHA-1 included, was a measurable share of output time).
    // A race only computes the same value twice, so no synchronisation is needed.
    private String srcIp;
    private String destIp;
    private String communityId;

    public FlowEvent(FlowRecord flow) {
        this.flow = flow;
    }

    public FlowRecord flow() {
        return flow;
    }

    public String srcIp() {
        String s = srcIp;
        if (s == null) {
            s = flow.srcIp();
            srcIp = s;
        }
        return s;
    }

    public String destIp() {
        String s = destIp;
        if (s == null) {
            s = flow.destIp();
            destIp = s;
        }
        return s;
    }

    public String communityId() {
        String s = communityId;
        if (s == null) {
            s = flow.communityId();
            communityId = s;
        }
        return s;
    }

    @Override
    public String eventType() {
        return "flow";
    }

    @Override
    public long timestampNanos() {
        return flow.startNanos();
    }

    @Override
    public int sensorId() {
        return flow.sensorId();
    }

    @Override
    public void writeFields(JsonGenerator g, EveContext context) throws IOException {
        FlowRecord f = flow;
        g.writeNumberField("flow_id", f.flowId());
        g.writeStringField("src_ip", srcIp());
        g.writeNumberField("src_port", f.srcPort());
        g.writeStringField("dest_ip", destIp());
        g.writeNumberField("dest_port", f.destPort());
        g.writeStringField("proto", IpProtocol.eveName(f.protocol()));
        if (f.protocol() == IpProtocol.ICMP || f.protocol() == IpProtocol.ICMPV6) {
            g.writeNumberField("icmp_type", f.srcPort());
        }
        JsonFields.optional(g, "app_proto", f.appProto());
        g.writeStringField("community_id", communityId());
        GeoFields.write(g, GeoFields.SRC, context.peers(), f.srcHi(), f.srcLo());
        GeoFields.write(g, GeoFields.DEST, context.peers(), f.destHi(), f.destLo());

        g.writeObjectFieldStart("flow");
        g.writeNumberField("pkts_toserver", f.pktsToServer());
        g.writeNumberField("pkts_toclient", f.pktsToClient());
        g.writeNumberField("bytes_toserver", f.bytesToServer());
        g.writeNumberField("bytes_toclient", f.bytesToClient());
        g.writeStringField("start", Timestamps.eve(f.startNanos()));
        g.writeStringField("end", Timestamps.eve(f.endNanos()));
        g.writeNumberField("age", (f.endNanos() - f.startNanos()) / 1_000_000_000L);
        g.writeStringField("reason", f.reason());
        g.writeBooleanField("alerted", false);
        g.writeEndObject();

        if (f.protocol() == IpProtocol.TCP) {
            g.writeObjectFieldStart("tcp");
            int both = f.tcpFlagsToServer() | f.tcpFlagsToClient();
            g.writeStringField("tcp_flags", hex(both));
            g.writeStringField("tcp_flags_ts", hex(f.tcpFlagsToServer()));
            g.writeStringField("tcp_flags_tc", hex(f.tcpFlagsToClient()));
            writeFlag(g, "fin", both, 0x01);
            writeFlag(g, "syn", both, 0x02);
            writeFlag(g, "rst", both, 0x04);
            writeFlag(g, "psh", both, 0x08);
            writeFlag(g, "ack", both, 0x10);
            writeFlag(g, "urg", both, 0x20);
            writeFlag(g, "ecn", both, 0x40);
            writeFlag(g, "cwr", both, 0x80);
            g.writeStringField("state", f.tcpState());
            g.writeEndObject();
        }

        g.writeObjectFieldStart("conn");
        g.writeNumberField("duration", Timestamps.seconds(f.durationNanos()));
        g.writeNumberField("orig_bytes", f.origSeqBytes());
        g.writeNumberField("resp_bytes", f.respSeqBytes());
        g.writeStringField("conn_state", f.connState());
        g.writeStringField("history", f.history());
        g.writeNumberField("orig_pkts", f.pktsToServer());
        g.writeNumberField("orig_ip_bytes", f.origIpBytes());
        g.writeNumberField("resp_pkts", f.pktsToClient());
        g.writeNumberField("resp_ip_bytes", f.respIpBytes());
        g.writeEndObject();

        String file = context.fileName(f.firstFileId());
        if (file != null) {
            g.writeObjectFieldStart("capture");
            g.writeStringField("file", file);
            g.writeNumberField("offset", f.firstFileOffset());
            g.writeEndObject();
        }
    }

    private static final String[] HEX = new String[256];

    static {
        for (int i = 0; i < 256; i++) {
            HEX[i] = String.format("%02x", i);
        }
    }

    private static String hex(int flags) {
        return HEX[flags & 0xFF];
    }

    private static void writeFlag(JsonGenerator g, String name, int flags, int bit) throws IOException {
        if ((flags & bit) != 0) {
            g.writeBooleanField(name, true);
        }
    }
}
