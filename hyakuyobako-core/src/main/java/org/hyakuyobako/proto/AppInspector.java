package org.hyakuyobako.proto;

import org.hyakuyobako.event.ConnectionRef;
import org.hyakuyobako.proto.http.HttpTransaction;

/**
 * Whoever inspects whole application messages (the signature engine): the parsers hand it each
 * HTTP request and response with its headers and body, and each mail attachment decoded. Bodies
 * are kept only up to the limit it asks for, and not at all when nobody asks.
 */
public interface AppInspector {
    AppInspector NONE = new AppInspector() {
    };

    /** How many body bytes of each HTTP message to keep (0: none). */
    default int httpBodyLimit() {
        return 0;
    }

    /** The request's headers and body (up to the limit) are complete. */
    default void httpRequest(ConnectionRef conn, HttpTransaction tx, long timestampNanos) {
    }

    /** The response's headers and body (up to the limit) are complete; the request is in the same transaction. */
    default void httpResponse(ConnectionRef conn, HttpTransaction tx, long timestampNanos) {
    }

    /** Whether mail attachments should be decoded and handed over. */
    default boolean wantsMailFiles() {
        return false;
    }

    /** One attachment of a mail, decoded (base64, quoted-printable), sent from the client. */
    default void mailFile(ConnectionRef conn, String name, byte[] content, long timestampNanos) {
    }
}
