package org.hyakuyobako.event;

import com.fasterxml.jackson.core.JsonGenerator;
import java.io.IOException;

/**
 * The timing of one TCP session (D5, seed 001): the first client-to-server payload sizes Sn and
 * inter-arrival times Tn, the same for the IRC control commands, the period and size of the
 * client's unprompted messages, and how fast it answers the server. Written for IRC sessions and
 * for every session the timing analysis holds as evidence.
 *
 * @param periodMedianNanos median interval of unprompted client messages (0 when under two)
 * @param periodDispersion interquartile range over median of those intervals (negative: none)
 */
public record TimingEvent(long timestampNanos, ConnectionRef conn, String appProto, int[] sizes, long[] gapsNanos,
                          int[] controlSizes, long[] controlGapsNanos, long turns, long unprompted,
                          long periodMedianNanos, double periodDispersion, long sizeMedian, double sizeDispersion,
                          long answers, long answerMedianNanos, long serverPushes) implements ConnectionEvent {
    @Override
    public String eventType() {
        return "timing";
    }

    @Override
    public void writeFields(JsonGenerator g, EveContext context) throws IOException {
        conn.write(g);
        JsonFields.optional(g, "app_proto", appProto);
        g.writeObjectFieldStart("timing");
        ints(g, "sizes_to_server", sizes);
        millis(g, "gaps_ms", gapsNanos);
        if (controlSizes.length > 0) {
            ints(g, "control_sizes", controlSizes);
            millis(g, "control_gaps_ms", controlGapsNanos);
        }
        g.writeNumberField("client_messages", turns);
        g.writeNumberField("unprompted", unprompted);
        if (periodDispersion >= 0) {
            g.writeNumberField("period_s", Math.round(periodMedianNanos / 1e6) / 1000.0);
            g.writeNumberField("period_dispersion", Math.round(periodDispersion * 1000) / 1000.0);
            g.writeNumberField("size_median", sizeMedian);
            g.writeNumberField("size_dispersion", Math.round(sizeDispersion * 1000) / 1000.0);
        }
        g.writeNumberField("answers", answers);
        if (answers > 0) {
            g.writeNumberField("answer_median_ms", Math.round(answerMedianNanos / 1e3) / 1000.0);
        }
        g.writeNumberField("server_pushes", serverPushes);
        g.writeEndObject();
    }

    private static void ints(JsonGenerator g, String name, int[] values) throws IOException {
        g.writeArrayFieldStart(name);
        for (int v : values) {
            g.writeNumber(v);
        }
        g.writeEndArray();
    }

    private static void millis(JsonGenerator g, String name, long[] nanos) throws IOException {
        g.writeArrayFieldStart(name);
        for (long v : nanos) {
            g.writeNumber(Math.round(v / 1e3) / 1000.0);
        }
        g.writeEndArray();
    }
}
