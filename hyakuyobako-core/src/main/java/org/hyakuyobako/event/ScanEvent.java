package org.hyakuyobako.event;

import com.fasterxml.jackson.core.JsonGenerator;
import java.io.IOException;
import java.util.List;

/**
 * A scan seen in one window: who scanned, which way, what kind, how many targets and ports, and
 * how the scanner chose its targets (seed 002's address-generation rule) and paced its probes.
 *
 * @param direction outbound (a monitored host scans outside), internal (a monitored host scans
 *                  monitored hosts) or inbound (an outside host scans monitored hosts)
 * @param kind horizontal, vertical, icmp_sweep, arp_sweep or darknet
 * @param service {@code tcp/445}, {@code icmp/echo}, {@code arp}, or null for a vertical scan
 * @param target the one host a vertical scan probed, else null
 * @param rule the address-generation rule, or null when too few IPv4 targets
 * @param intervalMedianNanos median time between probes
 * @param regular whether four fifths of the intervals lie within a quarter of the median
 */
public record ScanEvent(long timestampNanos, long endNanos, int sensorId, String scanner, String direction, String kind,
                        String service, String target, int targets, int ports, long probes, long failed, String rule,
                        long intervalMedianNanos, boolean regular, List<String> sampleTargets, List<String> samplePorts)
        implements Event {
    @Override
    public String eventType() {
        return "scan";
    }

    @Override
    public void writeFields(JsonGenerator g, EveContext context) throws IOException {
        g.writeObjectFieldStart("scan");
        g.writeStringField("scanner", scanner);
        g.writeStringField("direction", direction);
        g.writeStringField("kind", kind);
        JsonFields.optional(g, "service", service);
        JsonFields.optional(g, "target", target);
        g.writeNumberField("targets", targets);
        g.writeNumberField("ports", ports);
        g.writeNumberField("probes", probes);
        g.writeNumberField("failed", failed);
        g.writeStringField("end", Timestamps.eve(endNanos));
        double seconds = Math.max(1e-3, (endNanos - timestampNanos) / 1e9);
        g.writeNumberField("rate_per_s", Math.round(probes / seconds * 10) / 10.0);
        JsonFields.optional(g, "rule", rule);
        g.writeNumberField("interval_median_ms", Math.round(intervalMedianNanos / 1e3) / 1000.0);
        g.writeBooleanField("regular", regular);
        JsonFields.strings(g, "sample_targets", sampleTargets);
        JsonFields.strings(g, "sample_ports", samplePorts);
        g.writeEndObject();
    }
}
