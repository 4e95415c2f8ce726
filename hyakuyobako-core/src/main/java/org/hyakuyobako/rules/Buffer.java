package org.hyakuyobako.rules;

import java.util.HashMap;
import java.util.Map;

/**
 * Where a content, pcre or byte option looks: the packet or stream payload, or a buffer the
 * protocol parsers fill. Each has its Snort-style content modifier, its Suricata sticky-buffer
 * names and its pcre flag letter, when it has one. DNS and TLS buffers are sticky only, as in
 * Suricata 4 and later ({@code tls_cert_issuer; content:…}).
 */
public enum Buffer {
    /**
     * The packet or reassembled stream; in a rule that also uses HTTP buffers, the raw bytes of the
     * HTTP message inspected (start line, headers, body), which is where Suricata finds them.
     */
    PAYLOAD(Side.ANY, null, '\0'),
    HTTP_URI(Side.REQUEST, "http_uri", 'U', "http.uri"),
    HTTP_RAW_URI(Side.REQUEST, "http_raw_uri", 'I', "http.uri.raw"),
    HTTP_METHOD(Side.REQUEST, "http_method", 'M', "http.method"),
    HTTP_REQUEST_LINE(Side.REQUEST, "http_request_line", '\0', "http.request_line"),
    HTTP_CLIENT_BODY(Side.REQUEST, "http_client_body", 'P', "http.request_body"),
    HTTP_USER_AGENT(Side.REQUEST, "http_user_agent", 'V', "http.user_agent"),
    HTTP_HOST(Side.REQUEST, "http_host", 'W', "http.host"),
    HTTP_RAW_HOST(Side.REQUEST, "http_raw_host", 'Z', "http.host.raw"),
    HTTP_ACCEPT(Side.REQUEST, "http_accept", '\0', "http.accept"),
    HTTP_ACCEPT_ENC(Side.REQUEST, "http_accept_enc", '\0', "http.accept_enc"),
    HTTP_ACCEPT_LANG(Side.REQUEST, "http_accept_lang", '\0', "http.accept_lang"),
    HTTP_REFERER(Side.REQUEST, "http_referer", '\0', "http.referer"),
    HTTP_STAT_CODE(Side.RESPONSE, "http_stat_code", 'S', "http.stat_code"),
    HTTP_STAT_MSG(Side.RESPONSE, "http_stat_msg", 'Y', "http.stat_msg"),
    HTTP_RESPONSE_LINE(Side.RESPONSE, "http_response_line", '\0', "http.response_line"),
    HTTP_SERVER_BODY(Side.RESPONSE, "http_server_body", 'Q', "http.response_body"),
    HTTP_SERVER(Side.RESPONSE, "http_server", '\0', "http.server"),
    HTTP_LOCATION(Side.RESPONSE, "http_location", '\0', "http.location"),
    /** Request or response, whichever the inspection is of (a rule's flow direction says which). */
    HTTP_HEADER(Side.EITHER, "http_header", 'H', "http.header"),
    HTTP_RAW_HEADER(Side.EITHER, "http_raw_header", 'D', "http.header.raw"),
    HTTP_COOKIE(Side.EITHER, "http_cookie", 'C', "http.cookie"),
    HTTP_CONTENT_TYPE(Side.EITHER, "http_content_type", '\0', "http.content_type"),
    HTTP_CONTENT_LEN(Side.EITHER, "http_content_len", '\0', "http.content_len"),
    HTTP_HEADER_NAMES(Side.EITHER, "http_header_names", '\0', "http.header_names"),
    HTTP_PROTOCOL(Side.EITHER, "http_protocol", '\0', "http.protocol"),
    HTTP_START(Side.EITHER, "http_start", '\0', "http.start"),
    HTTP_CONNECTION(Side.EITHER, "http_connection", '\0', "http.connection"),
    /** HTTP response body (dechunked, unzipped) or an SMTP attachment (decoded). */
    FILE_DATA(Side.RESPONSE, null, '\0', "file_data", "file.data"),
    DNS_QUERY(Side.DNS, null, '\0', "dns.query", "dns_query"),
    DNS_RESPONSE_RRNAME(Side.DNS, null, '\0', "dns.response.rrname"),
    TLS_SNI(Side.TLS, null, '\0', "tls.sni", "tls_sni"),
    TLS_CERT_SUBJECT(Side.TLS, null, '\0', "tls.cert_subject", "tls_cert_subject"),
    TLS_CERT_ISSUER(Side.TLS, null, '\0', "tls.cert_issuer", "tls_cert_issuer"),
    TLS_CERT_SERIAL(Side.TLS, null, '\0', "tls.cert_serial", "tls_cert_serial"),
    /** The ClientHello's JA3 hash (32 lower-case hex digits) and string, Suricata's names old and new. */
    TLS_JA3_HASH(Side.TLS, null, '\0', "ja3.hash", "ja3_hash"),
    TLS_JA3_STRING(Side.TLS, null, '\0', "ja3.string", "ja3_string"),
    /** The ServerHello's JA3S. */
    TLS_JA3S_HASH(Side.TLS, null, '\0', "ja3s.hash"),
    TLS_JA3S_STRING(Side.TLS, null, '\0', "ja3s.string"),
    /** The ClientHello's JA4 ({@code t13d1516h2_8daaf6152771_e5627efa2ab1}). */
    TLS_JA4(Side.TLS, null, '\0', "ja4.hash");

    /** Which inspection fills the buffer. */
    public enum Side { ANY, REQUEST, RESPONSE, EITHER, DNS, TLS }

    private static final Map<String, Buffer> BY_MODIFIER = new HashMap<>();
    private static final Map<String, Buffer> BY_STICKY = new HashMap<>();
    private static final Map<Character, Buffer> BY_PCRE_FLAG = new HashMap<>();

    static {
        for (Buffer b : values()) {
            if (b.modifier != null) {
                BY_MODIFIER.put(b.modifier, b);
            }
            for (String s : b.sticky) {
                BY_STICKY.put(s, b);
            }
            if (b.pcreFlag != '\0') {
                BY_PCRE_FLAG.put(b.pcreFlag, b);
            }
        }
    }

    public final Side side;
    private final String modifier;
    private final char pcreFlag;
    private final String[] sticky;

    Buffer(Side side, String modifier, char pcreFlag, String... sticky) {
        this.side = side;
        this.modifier = modifier;
        this.pcreFlag = pcreFlag;
        this.sticky = sticky;
    }

    static Buffer byModifier(String keyword) {
        return BY_MODIFIER.get(keyword);
    }

    static Buffer bySticky(String keyword) {
        return BY_STICKY.get(keyword);
    }

    static Buffer byPcreFlag(char flag) {
        return BY_PCRE_FLAG.get(flag);
    }
}
