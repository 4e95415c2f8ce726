package org.hyakuyobako.event;

import com.fasterxml.jackson.core.JsonGenerator;
import java.io.IOException;
import java.util.List;

/**
 * A flood (D6): mass traffic to one node, or a spoofed flood spread over random addresses.
 *
 * @param kind syn_flood, udp_flood or icmp_flood
 * @param target the flooded address, or "random addresses" when no destination dominates
 * @param sources distinct source addresses seen (capped count)
 * @param monitoredSources the monitored hosts that took part (a botnet's DDoS), possibly empty
 * @param peakPerSecond the highest rate in one second
 */
public record DosEvent(long timestampNanos, long endNanos, int sensorId, String kind, String target, long packets,
                       double peakPerSecond, int sources, List<String> monitoredSources, List<String> sampleSources)
        implements Event {
    @Override
    public String eventType() {
        return "dos";
    }

    @Override
    public void writeFields(JsonGenerator g, EveContext context) throws IOException {
        g.writeObjectFieldStart("dos");
        g.writeStringField("kind", kind);
        g.writeStringField("target", target);
        g.writeNumberField("packets", packets);
        g.writeNumberField("peak_per_s", Math.round(peakPerSecond));
        g.writeNumberField("sources", sources);
        JsonFields.strings(g, "monitored_sources", monitoredSources);
        JsonFields.strings(g, "sample_sources", sampleSources);
        g.writeStringField("end", Timestamps.eve(endNanos));
        g.writeEndObject();
    }
}
