package org.hyakuyobako.source.firewall;

import org.hyakuyobako.decode.IpAddresses;
import org.hyakuyobako.decode.IpProtocol;
import org.hyakuyobako.flow.FlowRecord;

/**
 * One connection through a firewall, from its Built and Teardown messages: the initiator and the
 * responder (each with interface and NAT address), times, bytes (ASA counts both directions
 * together) and how it ended.
 *
 * @param startNanos from the Built message, else the Teardown's time minus the duration
 * @param bytes both directions together, as the Teardown gives them; -1 when it never came
 * @param state {@code closed} (Built and Teardown), {@code torn-down} (Teardown only: the log began
 *              during the connection), {@code open} (Built only: the log ended before it did),
 *              {@code evicted} (Built only: pushed out of memory by newer connections; its end is unknown)
 * @param reason the Teardown's reason ({@code TCP FINs}, {@code SYN Timeout}, …), or null
 */
public record FirewallFlow(String device, long connectionId, String transport, String direction, FirewallEndpoint initiator,
                           FirewallEndpoint responder, long startNanos, long endNanos, long bytes, String state, String reason) {
    /**
     * The same connection as the packet path's flow record, so flow-level detectors and writers take
     * it unchanged: addresses are the real (pre-NAT) ones, bytes all count to the server (the split
     * is unknown), packets are unknown (0). Null when an end is an object name, not an address.
     */
    public FlowRecord toFlowRecord(long flowId, int sensorId) {
        long[] src;
        long[] dst;
        try {
            src = IpAddresses.parse(initiator.ip());
            dst = IpAddresses.parse(responder.ip());
        } catch (IllegalArgumentException e) {
            return null;
        }
        int protocol = switch (transport) {
            case "tcp" -> IpProtocol.TCP;
            case "udp" -> IpProtocol.UDP;
            case "icmp" -> IpProtocol.ICMP;
            default -> -1;
        };
        if (protocol < 0) {
            return null;
        }
        long b = Math.max(0, bytes);
        String connState = switch (state) {
            case "closed" -> "SF";
            case "open" -> "S1";
            default -> "OTH";
        };
        return new FlowRecord(flowId, sensorId, protocol, Math.max(0, initiator.port()), Math.max(0, responder.port()), startNanos,
                endNanos, Math.max(0, endNanos - startNanos), 0, 0, b, 0, b, 0, b, 0, connState, "", 0, 0, null,
                "firewall " + state, null, -1, -1, src[0], src[1], dst[0], dst[1]);
    }
}
