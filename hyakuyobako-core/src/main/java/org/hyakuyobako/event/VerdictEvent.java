package org.hyakuyobako.event;

import com.fasterxml.jackson.core.JsonGenerator;
import java.io.IOException;
import java.util.List;
import java.util.Map;

/**
 * One verdict per host (D9): infected or suspicious, with a score, the methods and life-cycle
 * stages behind it, the C&C servers and bot groups it belongs to, and the evidence that explains it.
 *
 * @param methods each method's combined strength after weighting, strongest first
 * @param evidence the strongest evidence items (merged per method and peer)
 * @param evidenceItems how many items the host had in all (the list may be cut)
 * @param explanation the verdict in one sentence a person can check: the chain or the combination
 *     of methods that made it, with the evidence behind it
 */
public record VerdictEvent(long timestampNanos, long firstNanos, String host, String verdict, double score,
                           Map<String, Double> methods, List<String> stages, List<String> cnc, List<String> groups,
                           List<Item> evidence, int evidenceItems, String explanation) implements Event {
    /** A verdict without its sentence (stores and tests written before explanations). */
    public VerdictEvent(long timestampNanos, long firstNanos, String host, String verdict, double score, Map<String, Double> methods,
                        List<String> stages, List<String> cnc, List<String> groups, List<Item> evidence, int evidenceItems) {
        this(timestampNanos, firstNanos, host, verdict, score, methods, stages, cnc, groups, evidence, evidenceItems, null);
    }

    /** One merged evidence item: the strongest piece of one method about one peer, and how often it came. */
    public record Item(String method, String peer, double score, double weighted, long count, long firstNanos,
                       long lastNanos, String summary, List<String> references) {
    }

    @Override
    public String eventType() {
        return "verdict";
    }

    @Override
    public int sensorId() {
        return -1;
    }

    @Override
    public void writeFields(JsonGenerator g, EveContext context) throws IOException {
        g.writeStringField("host", host);
        g.writeStringField("verdict", verdict);
        g.writeNumberField("score", round(score));
        g.writeStringField("first_seen", Timestamps.eve(firstNanos));
        g.writeObjectFieldStart("methods");
        for (Map.Entry<String, Double> m : methods.entrySet()) {
            g.writeNumberField(m.getKey(), round(m.getValue()));
        }
        g.writeEndObject();
        JsonFields.strings(g, "stages", stages);
        JsonFields.strings(g, "cnc", cnc);
        writeCncLocations(g, context);
        JsonFields.strings(g, "groups", groups);
        g.writeNumberField("evidence_items", evidenceItems);
        if (explanation != null) {
            g.writeStringField("explanation", explanation);
        }
        g.writeArrayFieldStart("evidence");
        for (Item i : evidence) {
            g.writeStartObject();
            g.writeStringField("method", i.method());
            if (i.peer() == null) {
                g.writeNullField("peer");
            } else {
                g.writeStringField("peer", i.peer());
            }
            g.writeNumberField("score", round(i.score()));
            g.writeNumberField("weighted", round(i.weighted()));
            g.writeNumberField("count", i.count());
            g.writeStringField("first", Timestamps.eve(i.firstNanos()));
            g.writeStringField("last", Timestamps.eve(i.lastNanos()));
            g.writeStringField("summary", i.summary());
            JsonFields.strings(g, "references", i.references());
            g.writeEndObject();
        }
        g.writeEndArray();
    }

    /** {@code "cnc_locations": [{"cnc": "203.0.113.5:443", "geo": {..}, "as": {..}}]}, for the C&C servers outside. */
    private void writeCncLocations(JsonGenerator g, EveContext context) throws IOException {
        boolean started = false;
        for (String c : cnc) {
            var location = context.peers().locate(Endpoints.address(c));
            if (location == null) {
                continue;
            }
            if (!started) {
                g.writeArrayFieldStart("cnc_locations");
                started = true;
            }
            g.writeStartObject();
            g.writeStringField("cnc", c);
            GeoFields.write(g, GeoFields.BARE, location);
            g.writeEndObject();
        }
        if (started) {
            g.writeEndArray();
        }
    }

    private static double round(double v) {
        return Math.round(v * 1000) / 1000.0;
    }
}
