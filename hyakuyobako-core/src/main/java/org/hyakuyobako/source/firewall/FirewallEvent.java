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
    /** A connection attempt the device refused (an ACL, no matching session, a rate limit). */
    public boolean isDenial() {
        return switch (action) {
            case "deny", "denied", "dropped" -> true;
            default -> false;
        };
    }

    /**
     * A refused attempt as a flow that never got an answer (Zeek's S0: one packet, no reply), so the
     * scan detector counts it as a failed probe; null when an end is not an address or the transport
     * is not TCP, UDP or ICMP.
     */
    public org.hyakuyobako.flow.FlowRecord asFailedAttempt(int sensorId) {
        if (!isDenial() || src == null || dst == null || transport == null) {
            return null;
        }
        int protocol = switch (transport) {
            case "tcp" -> 6;
            case "udp" -> 17;
            case "icmp" -> 1;
            default -> -1;
        };
        long[] a;
        long[] b;
        try {
            a = org.hyakuyobako.decode.IpAddresses.parse(src.ip());
            b = org.hyakuyobako.decode.IpAddresses.parse(dst.ip());
        } catch (IllegalArgumentException e) {
            return null;
        }
        if (protocol < 0 || timestampNanos < 0) {
            return null;
        }
        int sport = protocol == 1 ? Math.max(0, icmpType) : Math.max(0, src.port());
        int dport = protocol == 1 ? Math.max(0, icmpCode) : Math.max(0, dst.port());
        return new org.hyakuyobako.flow.FlowRecord(0, sensorId, protocol, sport, dport, timestampNanos, timestampNanos, 0, 1, 0, 0, 0,
                0, 0, 0, 0, "S0", protocol == 6 ? "S" : "D", 0, 0, null, "firewall " + action + " " + messageId, null, -1, -1,
                a[0], a[1], b[0], b[1]);
    }
}
