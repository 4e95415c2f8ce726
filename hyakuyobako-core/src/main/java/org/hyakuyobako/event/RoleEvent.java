package org.hyakuyobako.event;

import com.fasterxml.jackson.core.JsonGenerator;
import java.io.IOException;

/**
 * A monitored host's server role, learned from traffic (D9: a mail relay's mail, a resolver's
 * look-ups and a proxy's connections are its job, not evidence): emitted once, when the traffic
 * first shows it.
 *
 * @param role mail-server, resolver, proxy, ntp-server, backup-server or update-server
 * @param clients the distinct monitored hosts that used the service when the role was learned
 * @param reason what showed it, in words
 */
public record RoleEvent(long timestampNanos, String host, String role, int clients, String reason) implements Event {
    @Override
    public String eventType() {
        return "role";
    }

    @Override
    public int sensorId() {
        return -1;
    }

    @Override
    public void writeFields(JsonGenerator g, EveContext context) throws IOException {
        g.writeStringField("host", host);
        g.writeStringField("role", role);
        g.writeNumberField("clients", clients);
        g.writeStringField("reason", reason);
    }
}
