package org.hyakuyobako.event;

import com.fasterxml.jackson.core.JsonGenerator;
import java.io.IOException;
import java.util.List;

/**
 * One SMTP transaction (a mail), with Zeek smtp.log's fields: {@code helo}, {@code mailfrom},
 * {@code rcptto}, {@code subject}, {@code last_reply}, {@code tls}, plus the AUTH mechanism used and
 * the attachments' content types and names as the mail's MIME headers give them.
 *
 * @param transDepth the mail's number within the connection, from 1
 */
public record SmtpEvent(long timestampNanos, ConnectionRef conn, int transDepth, String helo, String auth, String mailFrom,
                        List<String> rcptTo, String subject, List<String> attachments, String lastReply, boolean tls)
        implements ConnectionEvent {
    @Override
    public String eventType() {
        return "smtp";
    }

    @Override
    public void writeFields(JsonGenerator g, EveContext context) throws IOException {
        conn.write(g);
        g.writeObjectFieldStart("smtp");
        g.writeNumberField("trans_depth", transDepth);
        JsonFields.optional(g, "helo", helo);
        JsonFields.optional(g, "auth", auth);
        JsonFields.optional(g, "mail_from", mailFrom);
        JsonFields.strings(g, "rcpt_to", rcptTo);
        JsonFields.optional(g, "subject", subject);
        JsonFields.strings(g, "attachments", attachments);
        JsonFields.optional(g, "last_reply", lastReply);
        g.writeBooleanField("tls", tls);
        g.writeEndObject();
    }
}
