package org.hyakuyobako.event;

import com.fasterxml.jackson.core.JsonGenerator;
import java.io.IOException;
import java.util.List;

/** A C&C server (with its country and AS when outside) and the bots that obey it, with the evidence behind the finding. */
public record CncEvent(long timestampNanos, CncEndpoint cnc, List<String> bots, double score, List<String> evidence,
                       List<ReactionSummary> reactions) implements Event {
    @Override
    public String eventType() {
        return "cnc";
    }

    @Override
    public int sensorId() {
        return -1;
    }

    @Override
    public void writeFields(JsonGenerator g, EveContext context) throws IOException {
        g.writeStringField("ip", cnc.ip());
        g.writeNumberField("port", cnc.port());
        g.writeStringField("proto", cnc.proto());
        GeoFields.write(g, GeoFields.BARE, context.peers().locate(cnc.ip()));
        JsonFields.strings(g, "bots", bots);
        g.writeNumberField("score", Math.round(score * 1000) / 1000.0);
        JsonFields.strings(g, "evidence", evidence);
        g.writeArrayFieldStart("reactions");
        for (ReactionSummary r : reactions) {
            g.writeStartObject();
            g.writeStringField("kind", r.kind());
            g.writeNumberField("port", r.port());
            g.writeNumberField("count", r.count());
            JsonFields.strings(g, "sample", r.sample());
            g.writeEndObject();
        }
        g.writeEndArray();
    }
}
