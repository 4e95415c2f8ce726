package org.hyakuyobako.event;

import com.fasterxml.jackson.core.JsonGenerator;
import java.io.IOException;
import java.util.List;

/**
 * One row of seed 002's Table 1: within {@code tolerance} seconds of {@code timestampNanos}, two
 * or more monitored hosts sent to ({@code out}) or received from ({@code in}) the same external
 * node. Each host is listed with the ports and protocol of its first packet in the window.
 *
 * @param hostsOmitted hosts beyond the listing limit (counted, not listed)
 */
public record SyncEvent(long timestampNanos, String direction, String externalIp, double tolerance,
                        List<Member> hosts, int hostsOmitted) implements Event {
    /** A monitored host's part in a synchronized event. */
    public record Member(String host, int sensorId, int srcPort, int destPort, String proto, long firstNanos) {
    }

    @Override
    public String eventType() {
        return "sync";
    }

    @Override
    public int sensorId() {
        return -1;
    }

    @Override
    public void writeFields(JsonGenerator g, EveContext context) throws IOException {
        g.writeStringField("direction", direction);
        g.writeStringField("external_ip", externalIp);
        g.writeNumberField("tolerance", tolerance);
        g.writeArrayFieldStart("hosts");
        for (Member m : hosts) {
            g.writeStartObject();
            g.writeStringField("host", m.host());
            g.writeStringField("sensor", context.sensorName(m.sensorId()));
            g.writeNumberField("src_port", m.srcPort());
            g.writeNumberField("dest_port", m.destPort());
            g.writeStringField("proto", m.proto());
            g.writeNumberField("offset", Timestamps.seconds(m.firstNanos() - timestampNanos));
            g.writeEndObject();
        }
        g.writeEndArray();
        if (hostsOmitted > 0) {
            g.writeNumberField("hosts_omitted", hostsOmitted);
        }
    }
}
