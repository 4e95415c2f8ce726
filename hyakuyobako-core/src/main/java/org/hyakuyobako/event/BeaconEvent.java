package org.hyakuyobako.event;

import com.fasterxml.jackson.core.JsonGenerator;
import java.io.IOException;

/**
 * A monitored host that talks to one outside endpoint at a regular period (RITA's beacon, seed
 * 001's periodic C&C session): new connections every period (a poller; one event per host and
 * endpoint), or unprompted messages inside one long session (a push channel's heartbeat; one event
 * per session). Written for every regular series, whether or not session timing holds it as
 * evidence (a job firing on the minute is not); synchronized-activity analysis groups hosts that
 * beacon alike to one endpoint.
 *
 * @param kind {@code connections} or {@code heartbeat}
 * @param periodDispersion interquartile range over median of the intervals
 * @param sizeMedian median bytes the host sends each time
 * @param secondOfMinute for a period of whole minutes kept to the second (a scheduled job, cron), the
 *     second of the minute it fires at; -1 otherwise
 */
public record BeaconEvent(long timestampNanos, int sensorId, String host, String destIp, int destPort, String kind, long periodNanos,
                          double periodDispersion, long sizeMedian, long count, long firstNanos, long lastNanos, int secondOfMinute)
        implements Event {
    @Override
    public String eventType() {
        return "beacon";
    }

    @Override
    public void writeFields(JsonGenerator g, EveContext context) throws IOException {
        g.writeStringField("src_ip", host);
        g.writeStringField("dest_ip", destIp);
        g.writeNumberField("dest_port", destPort);
        g.writeObjectFieldStart("beacon");
        g.writeStringField("kind", kind);
        g.writeNumberField("period_s", Math.round(periodNanos / 1e6) / 1000.0);
        g.writeNumberField("period_dispersion", Math.round(periodDispersion * 1000) / 1000.0);
        g.writeNumberField("size_median", sizeMedian);
        g.writeNumberField("count", count);
        g.writeStringField("first", Timestamps.eve(firstNanos));
        g.writeStringField("last", Timestamps.eve(lastNanos));
        if (secondOfMinute >= 0) {
            g.writeNumberField("second_of_minute", secondOfMinute);
        }
        g.writeEndObject();
    }
}
