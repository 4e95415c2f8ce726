package org.hyakuyobako.event;

import com.fasterxml.jackson.core.JsonGenerator;
import java.io.IOException;

/** The connection an application event belongs to: EVE's flow_id and 5-tuple fields. */
public record ConnectionRef(long flowId, int sensorId, String srcIp, int srcPort, String destIp, int destPort) {
    void write(JsonGenerator g) throws IOException {
        write(g, "TCP");
    }

    void write(JsonGenerator g, String proto) throws IOException {
        g.writeNumberField("flow_id", flowId);
        g.writeStringField("src_ip", srcIp);
        g.writeNumberField("src_port", srcPort);
        g.writeStringField("dest_ip", destIp);
        g.writeNumberField("dest_port", destPort);
        g.writeStringField("proto", proto);
    }
}
