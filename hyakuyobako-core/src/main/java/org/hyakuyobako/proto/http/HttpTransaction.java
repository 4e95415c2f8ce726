package org.hyakuyobako.proto.http;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * One HTTP request and its response as the signature engine reads them: start lines, headers in
 * the order and case they came, and bodies (dechunked, up to the inspector's limit; the response
 * body also unzipped when its Content-Encoding says gzip or deflate).
 */
public final class HttpTransaction {
    /** One header line. */
    public record Header(String name, String value) {
    }

    String requestLine;
    String method;
    String uri;
    String protocol;
    final List<Header> requestHeaders = new ArrayList<>();
    String rawRequestHeaders = "";
    byte[] requestBody = new byte[0];
    String statusLine;
    String statusCode;
    String statusMessage;
    final List<Header> responseHeaders = new ArrayList<>();
    String rawResponseHeaders = "";
    byte[] responseBody = new byte[0];
    boolean responseSeen;

    public String requestLine() {
        return requestLine;
    }

    public String method() {
        return method;
    }

    public String uri() {
        return uri;
    }

    public String protocol() {
        return protocol;
    }

    public List<Header> requestHeaders() {
        return requestHeaders;
    }

    /** The header block as it came, each line ended by CR LF. */
    public String rawRequestHeaders() {
        return rawRequestHeaders;
    }

    public byte[] requestBody() {
        return requestBody;
    }

    public String statusLine() {
        return statusLine;
    }

    public String statusCode() {
        return statusCode;
    }

    public String statusMessage() {
        return statusMessage;
    }

    public List<Header> responseHeaders() {
        return responseHeaders;
    }

    public String rawResponseHeaders() {
        return rawResponseHeaders;
    }

    public byte[] responseBody() {
        return responseBody;
    }

    public boolean responseSeen() {
        return responseSeen;
    }

    /** The first value of a header, by case-insensitive name, or null. */
    public static String header(List<Header> headers, String name) {
        for (Header h : headers) {
            if (h.name().equalsIgnoreCase(name)) {
                return h.value();
            }
        }
        return null;
    }

    static String lower(String s) {
        return s == null ? null : s.toLowerCase(Locale.ROOT);
    }
}
