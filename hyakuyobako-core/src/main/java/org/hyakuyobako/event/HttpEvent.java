package org.hyakuyobako.event;

import com.fasterxml.jackson.core.JsonGenerator;
import java.io.IOException;

/**
 * One HTTP request and its response, as Suricata's {@code http} event: {@code hostname},
 * {@code url}, {@code http_method}, {@code http_user_agent}, {@code protocol}, {@code status},
 * {@code http_content_type}, {@code length}, plus {@code executable} when the body starts with "MZ".
 *
 * @param status 0 when no response was seen
 * @param length the response's Content-Length, or -1 when it had none
 */
public record HttpEvent(long timestampNanos, ConnectionRef conn, String hostname, String url, String method, String userAgent,
                        String protocol, int status, String contentType, long length, boolean executable) implements ConnectionEvent {
    @Override
    public String eventType() {
        return "http";
    }

    @Override
    public void writeFields(JsonGenerator g, EveContext context) throws IOException {
        conn.write(g);
        g.writeObjectFieldStart("http");
        JsonFields.optional(g, "hostname", hostname);
        JsonFields.optional(g, "url", url);
        JsonFields.optional(g, "http_method", method);
        JsonFields.optional(g, "http_user_agent", userAgent);
        JsonFields.optional(g, "protocol", protocol);
        if (status > 0) {
            g.writeNumberField("status", status);
        }
        JsonFields.optional(g, "http_content_type", contentType);
        if (length >= 0) {
            g.writeNumberField("length", length);
        }
        if (executable) {
            g.writeBooleanField("executable", true);
        }
        g.writeEndObject();
    }
}
