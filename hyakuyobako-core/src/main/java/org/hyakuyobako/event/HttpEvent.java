package org.hyakuyobako.event;

import com.fasterxml.jackson.core.JsonGenerator;
import java.io.IOException;

/**
 * One HTTP request and its response, as Suricata's {@code http} event: {@code hostname},
 * {@code url}, {@code http_method}, {@code http_user_agent}, {@code protocol}, {@code status},
 * {@code http_content_type}, {@code length}, plus {@code executable} when the body starts with "MZ",
 * and the bodies as Zeek's http.log measures them ({@link Bodies}).
 *
 * @param status 0 when no response was seen
 * @param length the response's Content-Length, or -1 when it had none
 */
public record HttpEvent(long timestampNanos, ConnectionRef conn, String hostname, String url, String method, String userAgent,
                        String protocol, int status, String contentType, long length, boolean executable, Bodies bodies)
        implements ConnectionEvent {

    /**
     * The bodies of the exchange: lengths as Zeek's {@code request_body_len} and {@code response_body_len}
     * (bytes that went by, dechunked, not decompressed), the request's Content-Type, and what each
     * body looks like from its first 256 bytes ({@code empty}, {@code form}, {@code base64},
     * {@code json}, {@code text}, {@code executable}, {@code file}, {@code binary}).
     *
     * @param responseBodyLength -1 when no response was seen
     * @param requestBodyKind null when unknown (events made without a parser)
     * @param responseBodyKind null when no response was seen
     */
    public record Bodies(long requestBodyLength, String requestContentType, String requestBodyKind, long responseBodyLength,
                         String responseBodyKind) {
        /** Nothing known about the bodies. */
        public static final Bodies UNKNOWN = new Bodies(-1, null, null, -1, null);
    }

    public HttpEvent {
        bodies = bodies == null ? Bodies.UNKNOWN : bodies;
    }

    /** An exchange whose bodies are not known. */
    public HttpEvent(long timestampNanos, ConnectionRef conn, String hostname, String url, String method, String userAgent,
                     String protocol, int status, String contentType, long length, boolean executable) {
        this(timestampNanos, conn, hostname, url, method, userAgent, protocol, status, contentType, length, executable, Bodies.UNKNOWN);
    }

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
        JsonFields.optional(g, "http_request_content_type", bodies.requestContentType());
        if (bodies.requestBodyLength() >= 0) {
            g.writeNumberField("request_body_len", bodies.requestBodyLength());
        }
        JsonFields.optional(g, "request_body_kind", bodies.requestBodyKind());
        if (bodies.responseBodyLength() >= 0) {
            g.writeNumberField("response_body_len", bodies.responseBodyLength());
        }
        JsonFields.optional(g, "response_body_kind", bodies.responseBodyKind());
        g.writeEndObject();
    }
}
