package org.hyakuyobako.source.firewall;

/**
 * One side of a firewall message: the interface it is on (when the message names one), the real
 * address and port, the address and port it is translated to (NAT; when the message gives them),
 * and the identity-firewall user.
 *
 * @param port -1 when the message gives none (ICMP without an id, protocol-only denials)
 */
public record FirewallEndpoint(String iface, String ip, int port, String mappedIp, int mappedPort, String user) {
    static FirewallEndpoint of(String iface, String ip, int port) {
        return new FirewallEndpoint(iface, ip, port, null, -1, null);
    }

    FirewallEndpoint withMapped(String ip, int port) {
        return new FirewallEndpoint(iface, this.ip, this.port, ip, port, user);
    }

    FirewallEndpoint withUser(String name) {
        return new FirewallEndpoint(iface, ip, port, mappedIp, mappedPort, name);
    }
}
