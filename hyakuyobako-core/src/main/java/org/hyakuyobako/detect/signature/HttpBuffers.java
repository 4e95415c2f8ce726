package org.hyakuyobako.detect.signature;

import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Locale;
import org.hyakuyobako.proto.http.HttpTransaction;
import org.hyakuyobako.proto.http.HttpTransaction.Header;
import org.hyakuyobako.rules.Buffer;

/**
 * Fills an inspection with the HTTP buffers of one transaction, in the forms Suricata gives them:
 * normalised and raw URI, the request or response headers as "Name: value" lines (the side the
 * inspection is of), header names, cookies, host without port and lower-cased, bodies.
 */
final class HttpBuffers {
    private HttpBuffers() {
    }

    private static byte[] bytes(String s) {
        return s == null ? null : s.getBytes(StandardCharsets.ISO_8859_1);
    }

    static void fill(Inspection in, HttpTransaction tx, boolean response) {
        // The request side is there for both inspections: a response rule may test the method or URI too.
        in.set(Buffer.HTTP_METHOD, bytes(tx.method()));
        in.set(Buffer.HTTP_REQUEST_LINE, bytes(tx.requestLine()));
        if (tx.uri() != null) {
            byte[] normalized = UriNormalizer.normalize(tx.uri());
            in.set(Buffer.HTTP_URI, normalized);
            in.set(Buffer.HTTP_RAW_URI, bytes(tx.uri()));
            in.uriLength = normalized.length;
            in.rawUriLength = tx.uri().length();
        }
        List<Header> req = tx.requestHeaders();
        in.set(Buffer.HTTP_CLIENT_BODY, tx.requestBody().length == 0 ? null : tx.requestBody());
        in.set(Buffer.HTTP_USER_AGENT, bytes(HttpTransaction.header(req, "User-Agent")));
        String host = HttpTransaction.header(req, "Host");
        if (host != null) {
            in.set(Buffer.HTTP_RAW_HOST, bytes(host));
            in.set(Buffer.HTTP_HOST, bytes(hostWithoutPort(host).toLowerCase(Locale.ROOT)));
        }
        in.set(Buffer.HTTP_ACCEPT, bytes(HttpTransaction.header(req, "Accept")));
        in.set(Buffer.HTTP_ACCEPT_ENC, bytes(HttpTransaction.header(req, "Accept-Encoding")));
        in.set(Buffer.HTTP_ACCEPT_LANG, bytes(HttpTransaction.header(req, "Accept-Language")));
        in.set(Buffer.HTTP_REFERER, bytes(HttpTransaction.header(req, "Referer")));
        List<Header> side = response ? tx.responseHeaders() : req;
        in.set(Buffer.HTTP_HEADER, headerLines(side));
        in.set(Buffer.HTTP_RAW_HEADER, bytes(response ? tx.rawResponseHeaders() : tx.rawRequestHeaders()));
        in.set(Buffer.HTTP_HEADER_NAMES, headerNames(side));
        in.set(Buffer.HTTP_COOKIE, bytes(HttpTransaction.header(side, response ? "Set-Cookie" : "Cookie")));
        in.set(Buffer.HTTP_CONTENT_TYPE, bytes(HttpTransaction.header(side, "Content-Type")));
        in.set(Buffer.HTTP_CONTENT_LEN, bytes(HttpTransaction.header(side, "Content-Length")));
        in.set(Buffer.HTTP_CONNECTION, bytes(HttpTransaction.header(side, "Connection")));
        in.set(Buffer.HTTP_PROTOCOL, bytes(response ? protocolOf(tx.statusLine()) : tx.protocol()));
        String start = response ? tx.statusLine() : tx.requestLine();
        String raw = response ? tx.rawResponseHeaders() : tx.rawRequestHeaders();
        in.set(Buffer.HTTP_START, bytes(start == null ? null : start + "\r\n" + raw + "\r\n"));
        byte[] body = response ? tx.responseBody() : tx.requestBody();
        if (response) {
            in.set(Buffer.HTTP_STAT_CODE, bytes(tx.statusCode()));
            in.set(Buffer.HTTP_STAT_MSG, bytes(tx.statusMessage()));
            in.set(Buffer.HTTP_RESPONSE_LINE, bytes(tx.statusLine()));
            in.set(Buffer.HTTP_SERVER, bytes(HttpTransaction.header(side, "Server")));
            in.set(Buffer.HTTP_LOCATION, bytes(HttpTransaction.header(side, "Location")));
            in.set(Buffer.HTTP_SERVER_BODY, body.length == 0 ? null : body);
            in.set(Buffer.FILE_DATA, body.length == 0 ? null : body);
        }
        // Raw content in an http rule: the message as it came (start line, headers, body).
        if (start != null) {
            ByteArrayOutputStream msg = new ByteArrayOutputStream(start.length() + raw.length() + body.length + 4);
            byte[] head = bytes(start + "\r\n" + raw + "\r\n");
            msg.write(head, 0, head.length);
            msg.write(body, 0, body.length);
            in.set(Buffer.PAYLOAD, msg.toByteArray());
        }
        if (host != null) {
            in.app.put("http.hostname", hostWithoutPort(host));
        }
        if (tx.uri() != null) {
            in.app.put("http.url", tx.uri());
        }
        if (tx.method() != null) {
            in.app.put("http.http_method", tx.method());
        }
        String ua = HttpTransaction.header(req, "User-Agent");
        if (ua != null) {
            in.app.put("http.http_user_agent", ua);
        }
        if (response && tx.statusCode() != null) {
            in.app.put("http.status", tx.statusCode());
        }
    }

    private static String hostWithoutPort(String host) {
        String h = host.strip();
        if (h.startsWith("[")) {
            int close = h.indexOf(']');
            return close > 0 ? h.substring(0, close + 1) : h;
        }
        int colon = h.indexOf(':');
        return colon >= 0 && h.indexOf(':', colon + 1) < 0 ? h.substring(0, colon) : h;
    }

    private static String protocolOf(String statusLine) {
        if (statusLine == null) {
            return null;
        }
        int space = statusLine.indexOf(' ');
        return space < 0 ? statusLine : statusLine.substring(0, space);
    }

    private static byte[] headerLines(List<Header> headers) {
        if (headers.isEmpty()) {
            return null;
        }
        StringBuilder sb = new StringBuilder();
        for (Header h : headers) {
            sb.append(h.name()).append(": ").append(h.value()).append("\r\n");
        }
        return bytes(sb.toString());
    }

    private static byte[] headerNames(List<Header> headers) {
        if (headers.isEmpty()) {
            return null;
        }
        StringBuilder sb = new StringBuilder("\r\n");
        for (Header h : headers) {
            sb.append(h.name()).append("\r\n");
        }
        return bytes(sb.append("\r\n").toString());
    }
}
