package org.hyakuyobako.event;

import com.fasterxml.jackson.core.JsonGenerator;
import java.io.IOException;

/**
 * A TLS handshake as Suricata's {@code tls} event: {@code sni} (ClientHello), {@code version}
 * (ServerHello, TLS 1.3 from its supported_versions), and the server certificate's {@code subject},
 * {@code issuerdn}, {@code serial} (Suricata's form, {@code 0A:1B:…}), {@code notbefore}, {@code notafter}
 * (TLS 1.2 and older; 1.3 encrypts them); the client's fingerprints as Suricata writes them,
 * {@code ja3.hash}, {@code ja3.string}, {@code ja4}, and the server's {@code ja3s.hash},
 * {@code ja3s.string} (null when the hello was not seen or not parseable).
 */
public record TlsEvent(long timestampNanos, ConnectionRef conn, String sni, String version, String subject, String issuer,
                       String serial, long notBeforeNanos, long notAfterNanos, String ja3Hash, String ja3String, String ja4,
                       String ja3sHash, String ja3sString) implements ConnectionEvent {
    /** An event without fingerprints (crafted in tests and by readers of other logs). */
    public TlsEvent(long timestampNanos, ConnectionRef conn, String sni, String version, String subject, String issuer,
                    String serial, long notBeforeNanos, long notAfterNanos) {
        this(timestampNanos, conn, sni, version, subject, issuer, serial, notBeforeNanos, notAfterNanos, null, null, null, null, null);
    }

    @Override
    public String eventType() {
        return "tls";
    }

    @Override
    public void writeFields(JsonGenerator g, EveContext context) throws IOException {
        conn.write(g);
        g.writeObjectFieldStart("tls");
        JsonFields.optional(g, "sni", sni);
        JsonFields.optional(g, "version", version);
        JsonFields.optional(g, "subject", subject);
        JsonFields.optional(g, "issuerdn", issuer);
        JsonFields.optional(g, "serial", serial);
        if (notBeforeNanos != 0) {
            g.writeStringField("notbefore", Timestamps.eve(notBeforeNanos));
            g.writeStringField("notafter", Timestamps.eve(notAfterNanos));
        }
        fingerprint(g, "ja3", ja3Hash, ja3String);
        fingerprint(g, "ja3s", ja3sHash, ja3sString);
        JsonFields.optional(g, "ja4", ja4);
        g.writeEndObject();
    }

    /** {@code "ja3": {"hash": …, "string": …}}, Suricata's shape; left out when unknown. */
    private static void fingerprint(JsonGenerator g, String name, String hash, String string) throws IOException {
        if (hash != null) {
            g.writeObjectFieldStart(name);
            g.writeStringField("hash", hash);
            JsonFields.optional(g, "string", string);
            g.writeEndObject();
        }
    }
}
