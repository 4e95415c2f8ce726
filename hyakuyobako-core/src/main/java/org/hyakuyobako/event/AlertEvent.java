package org.hyakuyobako.event;

import com.fasterxml.jackson.core.JsonGenerator;
import java.io.IOException;
import java.util.List;
import java.util.Map;

/**
 * A rule matched: Suricata's EVE {@code alert} event. The 5-tuple is the packet's or message's own
 * direction ({@code direction} says whether that is to the server or to the client), {@code alert}
 * carries the rule's identity, and the application fields the rule looked at ({@code http},
 * {@code dns}, {@code tls}) follow as Suricata adds them.
 *
 * @param proto TCP, UDP, ICMP, IPv6-ICMP
 * @param appProto the flow's app_proto, or null
 * @param app application fields: "http.hostname", "http.url", "dns.rrname", "tls.sni", …
 * @param fileId the capture file of the packet that completed the match, -1 when not known
 * @param fileOffset that packet's record offset in the file (for carving), -1 when not known
 */
public record AlertEvent(long timestampNanos, long flowId, int sensorId, String srcIp, int srcPort, String destIp, int destPort,
                         String proto, boolean toServer, String appProto, String action, int gid, long signatureId, int rev,
                         String signature, String category, int severity, List<String> metadata, Map<String, String> app,
                         int fileId, long fileOffset) implements Event {
    @Override
    public String eventType() {
        return "alert";
    }

    @Override
    public void writeFields(JsonGenerator g, EveContext context) throws IOException {
        new ConnectionRef(flowId, sensorId, srcIp, srcPort, destIp, destPort).write(g, proto);
        g.writeStringField("direction", toServer ? "to_server" : "to_client");
        JsonFields.optional(g, "app_proto", appProto);
        g.writeObjectFieldStart("alert");
        g.writeStringField("action", "alert".equals(action) ? "allowed" : "blocked");
        g.writeNumberField("gid", gid);
        g.writeNumberField("signature_id", signatureId);
        g.writeNumberField("rev", rev);
        g.writeStringField("signature", signature);
        g.writeStringField("category", category == null ? "" : category);
        g.writeNumberField("severity", severity);
        if (!metadata.isEmpty()) {
            JsonFields.strings(g, "metadata", metadata);
        }
        g.writeEndObject();
        // "tls.sni" → {"tls": {"sni": …}}; a second dot nests once more, as Suricata's
        // {"tls": {"ja3": {"hash": …}}} (sorted keys keep each object's fields together).
        String section = null;
        String subsection = null;
        for (Map.Entry<String, String> e : new java.util.TreeMap<>(app).entrySet()) {
            int dot = e.getKey().indexOf('.');
            String s = e.getKey().substring(0, dot);
            String rest = e.getKey().substring(dot + 1);
            int subDot = rest.indexOf('.');
            String sub = subDot < 0 ? null : rest.substring(0, subDot);
            if (!s.equals(section)) {
                if (subsection != null) {
                    g.writeEndObject();
                    subsection = null;
                }
                if (section != null) {
                    g.writeEndObject();
                }
                g.writeObjectFieldStart(s);
                section = s;
            }
            if (!java.util.Objects.equals(sub, subsection)) {
                if (subsection != null) {
                    g.writeEndObject();
                }
                if (sub != null) {
                    g.writeObjectFieldStart(sub);
                }
                subsection = sub;
            }
            g.writeStringField(subDot < 0 ? rest : rest.substring(subDot + 1), e.getValue());
        }
        if (subsection != null) {
            g.writeEndObject();
        }
        if (section != null) {
            g.writeEndObject();
        }
        if (fileId >= 0) {
            // Suricata's pcap_filename, and the offset of the packet's record so it can be carved out.
            g.writeStringField("pcap_filename", context.fileName(fileId));
            g.writeNumberField("pcap_offset", fileOffset);
        }
    }
}
