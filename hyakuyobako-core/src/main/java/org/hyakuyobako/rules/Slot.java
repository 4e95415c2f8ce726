package org.hyakuyobako.rules;

/**
 * When a rule is inspected: on each packet, on reassembled TCP stream data, or on a parsed
 * application-layer unit (an HTTP request or response, a DNS message, a TLS handshake, a mail
 * attachment). Decided from the buffers the rule uses.
 */
public enum Slot {
    PACKET, STREAM, HTTP_REQUEST, HTTP_RESPONSE, DNS, TLS, SMTP_FILE
}
