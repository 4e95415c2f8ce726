package org.hyakuyobako.proto;

import org.hyakuyobako.event.ConnectionRef;

/**
 * Whoever reads the first bytes of TCP connections that no parser reads (their protocol stayed
 * unknown): executables pushed through a raw connection or an FTP data connection, command shells
 * served on a backdoor port. Called once per connection, when it is judged (both prefixes full, or
 * the connection ended), with up to {@code AppLayer.PREFIX} bytes of each direction (the first
 * segment may be longer). The arrays are the app layer's: read them during the call, never keep them.
 */
public interface ContentObserver {
    /** Counters for the run's stats (the app layer adds them to its own). */
    default java.util.Map<String, Long> counters() {
        return java.util.Map.of();
    }

    /**
     * @param conn the connection; src is its originator (the client)
     * @param firstNanos packet time of its first packet
     * @param lastNanos packet time of the packet that made it judged
     */
    void unidentified(ConnectionRef conn, long firstNanos, long lastNanos, byte[] client, int clientLength, byte[] server,
                      int serverLength);
}
