package org.hyakuyobako.source.firewall;

/**
 * One firewall message that carries a connection, a translation or a denial, with what it says:
 * the action as the device wrote it ({@code built}, {@code teardown}, {@code deny}, {@code denied},
 * {@code permitted}, …), the transport, the direction, both endpoints with interfaces and NAT, and
 * for teardowns the connection id, duration, bytes and reason.
 *
 * @param direction {@code inbound} / {@code outbound} as the message writes it, or null
 * @param iface the interface a denial happened on ("on interface X"), when the message names it so
 * @param reason the teardown reason, the access list, or the cause the message names
 * @param connectionId the device's connection number (joins Built and Teardown), or -1
 * @param durationSeconds -1 when not given
 * @param bytes -1 when not given
 */
public record FirewallEvent(String product, int severity, String messageId, long timestampNanos, String host,
                            String action, String transport, String direction, FirewallEndpoint src, FirewallEndpoint dst,
                            String iface, String reason, long connectionId, long durationSeconds, long bytes,
                            int icmpType, int icmpCode) {
}
