package org.hyakuyobako.event;

import com.fasterxml.jackson.core.JsonGenerator;
import java.io.IOException;

/**
 * A TLS handshake as Suricata's {@code tls} event: {@code sni} (ClientHello), {@code version}
 * (ServerHello, TLS 1.3 from its supported_versions), and the server certificate's {@code subject},
 * {@code issuerdn}, {@code serial} (Suricata's form, {@code 0A:1B:…}), {@code notbefore}, {@code notafter}
 * (TLS 1.2 and older; 1.3 encrypts them).
 */
public record TlsEvent(long timestampNanos, ConnectionRef conn, String sni, String version, String subject, String issuer,
                       String serial, long notBeforeNanos, long notAfterNanos) implements ConnectionEvent {
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
        g.writeEndObject();
    }
}
