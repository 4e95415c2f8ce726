package org.hyakuyobako.proto.http;

import java.util.ArrayDeque;
import java.util.Locale;
import java.util.function.Consumer;
import org.hyakuyobako.event.ConnectionRef;
import org.hyakuyobako.event.Event;
import org.hyakuyobako.event.HttpEvent;
import org.hyakuyobako.event.WeirdEvent;
import org.hyakuyobako.stream.StreamConsumer;

/**
 * One HTTP/1.x connection: requests matched to responses in order (pipelining included, at most
 * {@link #MAX_PENDING} outstanding), one {@code http} event per exchange once the response's first
 * body bytes are known. A CONNECT answered with 2xx turns the connection into a tunnel; the tunnel's
 * two directions go to the consumers a factory gives for the target (an SMTP parser for port 25),
 * as Zeek hands a CONNECT tunnel to the protocol inside it.
 */
public final class HttpSession {
    static final int MAX_PENDING = 32;

    /** Opens the tunnel's parsers for a CONNECT target ("host:port"); null when nothing should read it. */
    public interface TunnelOpener {
        StreamConsumer[] open(String target, ConnectionRef conn);
    }

    private static final class Exchange {
        String method;
        String url;
        String protocol;
        String host;
        String userAgent;
        int status;
        String contentType;
        long length = -1;
        boolean chunked;
        boolean emitted;
        String contentEncoding;
        boolean executable;
        String requestContentType;
        String requestContentEncoding;
        final BodySample requestBody = new BodySample();
        /** Null until the response's headers ended (no response yet: no response body either). */
        BodySample responseBody;
        final HttpTransaction tx = new HttpTransaction();
    }

    private final ConnectionRef conn;
    private final Consumer<Event> emit;
    private final TunnelOpener tunnels;
    private final org.hyakuyobako.proto.AppInspector inspector;
    private final ArrayDeque<Exchange> pending = new ArrayDeque<>();
    private Exchange request;
    private Exchange response;
    private long now;
    private final HttpDirection client;
    private final HttpDirection server;

    public HttpSession(ConnectionRef conn, Consumer<Event> emit, TunnelOpener tunnels) {
        this(conn, emit, tunnels, org.hyakuyobako.proto.AppInspector.NONE);
    }

    /** With an inspector that is handed every request and response whole (headers, bodies up to its limit). */
    public HttpSession(ConnectionRef conn, Consumer<Event> emit, TunnelOpener tunnels, org.hyakuyobako.proto.AppInspector inspector) {
        this.conn = conn;
        this.emit = emit;
        this.tunnels = tunnels;
        this.inspector = inspector;
        this.client = new HttpDirection(new ClientSide());
        this.server = new HttpDirection(new ServerSide());
        int limit = inspector.httpBodyLimit();
        if (limit > 0) {
            client.keepBodies(limit);
            server.keepBodies(limit);
        }
    }

    public StreamConsumer clientStream() {
        return client;
    }

    public StreamConsumer serverStream() {
        return server;
    }

    public void at(long timestampNanos) {
        now = timestampNanos;
    }

    private final class ClientSide implements HttpDirection.Listener {
        private long bodyLength;

        @Override
        public void startLine(String line) {
            // As Zeek reads it: the URI is all between the method and the last " HTTP/" (a CONNECT line
            // "CONNECT host:25 / HTTP/1.0" has the URI "host:25 /").
            int space = line.indexOf(' ');
            int version = line.lastIndexOf(" HTTP/");
            request = new Exchange();
            request.method = space < 0 ? line : line.substring(0, space);
            if (space >= 0) {
                request.url = version > space ? line.substring(space + 1, version) : line.substring(space + 1);
                request.protocol = version > space ? line.substring(version + 1) : null;
            }
            request.tx.requestLine = line;
            request.tx.method = request.method;
            request.tx.uri = request.url;
            request.tx.protocol = request.protocol;
            bodyLength = 0;
            if (space < 0 || !request.method.chars().allMatch(c -> c >= 'A' && c <= 'Z')) {
                emit.accept(new WeirdEvent(now, conn, "bad_HTTP_request", clip(line), "HTTP"));
                client.stop();
            }
        }

        @Override
        public void header(String sentName, String value) {
            String name = sentName.toLowerCase(Locale.ROOT);
            if (inspector != org.hyakuyobako.proto.AppInspector.NONE && request.tx.requestHeaders.size() < HttpDirection.MAX_HEADERS) {
                request.tx.requestHeaders.add(new HttpTransaction.Header(sentName, value));
            }
            switch (name) {
                case "host" -> request.host = value;
                case "content-type" -> request.requestContentType = value;
                case "content-encoding" -> request.requestContentEncoding = value.toLowerCase(Locale.ROOT);
                case "user-agent" -> request.userAgent = value;
                case "content-length" -> bodyLength = parseLength(value);
                case "transfer-encoding" -> {
                    if (value.toLowerCase(Locale.ROOT).contains("chunked")) {
                        bodyLength = HttpDirection.CHUNKED;
                    }
                }
                default -> {
                }
            }
        }

        @Override
        public long headersEnd() {
            request.tx.rawRequestHeaders = client.rawHeaders();
            if (pending.size() < MAX_PENDING) {
                pending.add(request);
            }
            return Math.max(bodyLength, HttpDirection.CHUNKED);
        }

        @Override
        public void bodyStart(byte[] prefix) {
            // Uploads are not looked at here; the inspector has them whole (bodyEnd).
        }

        @Override
        public void bodyData(java.nio.ByteBuffer buffer, int at, int n) {
            if (request != null) {
                request.requestBody.add(buffer, at, n);
            }
        }

        @Override
        public void bodyEnd(byte[] body) {
            if (inspector != org.hyakuyobako.proto.AppInspector.NONE && request != null) {
                request.tx.requestBody = body;
                inspector.httpRequest(conn, request.tx, now);
            }
        }

        @Override
        public void lineTooLong() {
            emit.accept(new WeirdEvent(now, conn, "HTTP_line_too_long", "request line over " + HttpDirection.MAX_LINE + " bytes", "HTTP"));
        }
    }

    private final class ServerSide implements HttpDirection.Listener {
        @Override
        public void startLine(String line) {
            response = pending.isEmpty() ? new Exchange() : pending.poll();
            String[] parts = line.split(" ", 3);
            response.tx.statusLine = line;
            response.tx.statusCode = parts.length > 1 ? parts[1] : null;
            response.tx.statusMessage = parts.length > 2 ? parts[2] : null;
            response.tx.responseSeen = true;
            try {
                response.status = parts.length > 1 ? Integer.parseInt(parts[1]) : 0;
            } catch (NumberFormatException e) {
                response.status = 0;
            }
            if (!parts[0].startsWith("HTTP/")) {
                emit.accept(new WeirdEvent(now, conn, "bad_HTTP_reply", clip(line), "HTTP"));
                server.stop();
            }
        }

        @Override
        public void header(String sentName, String value) {
            String name = sentName.toLowerCase(Locale.ROOT);
            if (inspector != org.hyakuyobako.proto.AppInspector.NONE && response.tx.responseHeaders.size() < HttpDirection.MAX_HEADERS) {
                response.tx.responseHeaders.add(new HttpTransaction.Header(sentName, value));
            }
            switch (name) {
                case "content-encoding" -> response.contentEncoding = value.toLowerCase(Locale.ROOT);
                case "content-type" -> response.contentType = value;
                case "content-length" -> response.length = parseLength(value);
                case "transfer-encoding" -> response.chunked = value.toLowerCase(Locale.ROOT).contains("chunked");
                default -> {
                }
            }
        }

        @Override
        public long headersEnd() {
            Exchange r = response;
            r.tx.rawResponseHeaders = server.rawHeaders();
            r.responseBody = new BodySample();
            boolean noBody = "HEAD".equals(r.method) || r.status / 100 == 1 || r.status == 204 || r.status == 304;
            if ("CONNECT".equals(r.method) && r.status / 100 == 2) {
                emit(r);
                StreamConsumer[] inside = r.url == null ? null : tunnels.open(r.url.strip().split(" ", 2)[0], conn);
                client.becomeTunnel(inside == null ? null : inside[0]);
                server.becomeTunnel(inside == null ? null : inside[1]);
                return 0;
            }
            if (noBody) {
                return 0;
            }
            if (r.chunked) {
                return HttpDirection.CHUNKED;
            }
            return r.length >= 0 ? r.length : HttpDirection.UNTIL_CLOSE;
        }

        @Override
        public void bodyStart(byte[] prefix) {
            response.executable = prefix.length >= 2 && prefix[0] == 'M' && prefix[1] == 'Z';
        }

        @Override
        public void bodyData(java.nio.ByteBuffer buffer, int at, int n) {
            if (response != null && response.responseBody != null) {
                response.responseBody.add(buffer, at, n);
            }
        }

        /** The body ended: its length is known, so the exchange is logged now (as Zeek logs at a message's end). */
        @Override
        public void bodyEnd(byte[] body) {
            if (response == null) {
                return;
            }
            if (inspector != org.hyakuyobako.proto.AppInspector.NONE) {
                response.tx.responseBody = ContentDecoding.decode(body, response.contentEncoding, inspector.httpBodyLimit());
                inspector.httpResponse(conn, response.tx, now);
            }
            emit(response);
        }

        @Override
        public void lineTooLong() {
            emit.accept(new WeirdEvent(now, conn, "HTTP_line_too_long", "reply line over " + HttpDirection.MAX_LINE + " bytes", "HTTP"));
        }
    }

    private void emit(Exchange e) {
        if (e == null || e.emitted) {
            return;
        }
        e.emitted = true;
        BodySample answer = e.responseBody;
        emit.accept(new HttpEvent(now, conn, e.host, e.url, e.method, e.userAgent, e.protocol, e.status, e.contentType, e.length,
                e.executable, new HttpEvent.Bodies(e.requestBody.length(), e.requestContentType, e.requestBody.kind(e.requestContentEncoding).eveName(),
                answer == null ? -1 : answer.length(), answer == null ? null : answer.kind(e.contentEncoding).eveName())));
    }

    /**
     * Requests never answered (the capture ended, or the server went silent) are logged too, and
     * so is a response whose body never ended (a gap stopped the parser, or the capture ended
     * inside it): its body length is what went by.
     */
    public void close() {
        emit(response);
        for (Exchange e : pending) {
            emit(e);
        }
        pending.clear();
    }

    private static long parseLength(String v) {
        try {
            long n = Long.parseLong(v.strip());
            return n < 0 ? 0 : n;
        } catch (NumberFormatException e) {
            return 0;
        }
    }

    private static String clip(String s) {
        return s.length() > 100 ? s.substring(0, 100) : s;
    }
}
