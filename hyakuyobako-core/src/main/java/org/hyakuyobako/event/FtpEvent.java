package org.hyakuyobako.event;

import com.fasterxml.jackson.core.JsonGenerator;
import java.io.IOException;

/**
 * One FTP file command and its outcome, with Zeek ftp.log's fields: {@code user}, {@code command}
 * (RETR, STOR, …), {@code arg} (the file), {@code reply_code} and {@code reply_msg}.
 */
public record FtpEvent(long timestampNanos, ConnectionRef conn, String user, String command, String arg, int replyCode,
                       String replyMsg) implements ConnectionEvent {
    @Override
    public String eventType() {
        return "ftp";
    }

    @Override
    public void writeFields(JsonGenerator g, EveContext context) throws IOException {
        conn.write(g);
        g.writeObjectFieldStart("ftp");
        JsonFields.optional(g, "user", user);
        g.writeStringField("command", command);
        JsonFields.optional(g, "arg", arg);
        if (replyCode > 0) {
            g.writeNumberField("reply_code", replyCode);
        }
        JsonFields.optional(g, "reply_msg", replyMsg);
        g.writeEndObject();
    }
}
