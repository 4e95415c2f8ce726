package org.hyakuyobako.event;

import com.fasterxml.jackson.core.JsonGenerator;
import java.io.IOException;
import java.util.List;

/**
 * What one detection method found about one monitored host: the unit the correlation stage
 * combines into verdicts. {@code references} point back at raw data (flow ids, sync event times).
 *
 * @param method one of signature, blacklist, irc, irc-channel, timing, scan, spam, dos, proxy, download, http-c2, dns, sync
 * @param peer the external node involved, or null
 * @param score strength in 0-1
 */
public record EvidenceEvent(long timestampNanos, long endNanos, String host, String peer, String method, double score,
                            String summary, List<String> references) implements Event {
    @Override
    public String eventType() {
        return "evidence";
    }

    @Override
    public int sensorId() {
        return -1;
    }

    @Override
    public void writeFields(JsonGenerator g, EveContext context) throws IOException {
        g.writeStringField("host", host);
        if (peer == null) {
            g.writeNullField("peer");
        } else {
            g.writeStringField("peer", peer);
        }
        g.writeStringField("method", method);
        g.writeNumberField("score", Math.round(score * 1000) / 1000.0);
        g.writeStringField("summary", summary);
        g.writeStringField("end", Timestamps.eve(endNanos));
        JsonFields.strings(g, "references", references);
    }
}
