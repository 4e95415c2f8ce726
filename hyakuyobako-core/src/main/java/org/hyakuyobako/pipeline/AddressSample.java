package org.hyakuyobako.pipeline;

import java.util.HashMap;
import java.util.HashSet;
import java.util.Map;
import java.util.Set;
import org.hyakuyobako.decode.DecodedPacket;
import org.hyakuyobako.decode.IpAddresses;
import org.hyakuyobako.decode.IpProtocol;
import org.hyakuyobako.net.HomeNet;

/**
 * What a sample of one sensor's packets says about each address in it: how many connections it is
 * an end of, who opened them, and with whom it talks. {@link MonitoredAddressChoice} reads these
 * roles to tell the sensor's own hosts (a honeypot, a tapped server) from their peers.
 *
 * <p>A connection's opener is the sender of a TCP SYN without ACK, or the sender of the first
 * packet seen of a UDP or ICMP exchange; a TCP connection whose SYN was not sampled has no known
 * opener (it counts for the ends only). Bounded by the sample: the caller stops adding after a
 * fixed number of packets.
 */
final class AddressSample {
    /** One address's part in the sample. */
    static final class Role {
        final long hi;
        final long lo;
        int connections;
        int opened;
        /** Distinct addresses outside the base home net that opened connections to this one, and were answered. */
        final Set<Address> openedBy = new HashSet<>();
        final Set<Address> peers = new HashSet<>();
        int peersInBase;

        Role(long hi, long lo) {
            this.hi = hi;
            this.lo = lo;
        }

        String text() {
            return IpAddresses.format(hi, lo);
        }
    }

    record Address(long hi, long lo) {
    }

    private record Connection(Address a, Address b, int protocol, int portA, int portB) {
    }

    /** Caps what one sample keeps, so a capture of a million sources cannot blow the probe up. */
    static final int MAX_ADDRESSES = 200_000;
    static final int MAX_PEERS_KEPT = 10_000;
    static final int MAX_UNANSWERED = 200_000;
    private static final int TCP_SYN = 0x02;
    private static final int TCP_ACK = 0x10;

    private final HomeNet base;
    private final Map<Address, Role> roles = new HashMap<>();
    private final Set<Connection> seen = new HashSet<>();
    /** Connections opened from outside the base whose responder has not answered yet: the opener counts once it does. */
    private final Map<Connection, Address> unanswered = new HashMap<>();
    private int connections;

    AddressSample(HomeNet base) {
        this.base = base;
    }

    void add(DecodedPacket p) {
        Address src = new Address(p.srcHi, p.srcLo);
        Address dst = new Address(p.dstHi, p.dstLo);
        if (src.equals(dst)) {
            // Loopback traffic: one host talking to itself is the sensor's own host.
            Connection self = new Connection(src, dst, p.protocol, Math.min(p.srcPort, p.dstPort), Math.max(p.srcPort, p.dstPort));
            if (seen.add(self)) {
                connections++;
                role(src).connections++;
            }
            return;
        }
        boolean tcp = p.protocol == IpProtocol.TCP;
        boolean syn = tcp && (p.tcpFlags & (TCP_SYN | TCP_ACK)) == TCP_SYN;
        Connection forward = new Connection(src, dst, p.protocol, p.srcPort, p.dstPort);
        Connection backward = new Connection(dst, src, p.protocol, p.dstPort, p.srcPort);
        Address opener = unanswered.remove(backward);
        if (opener != null) {
            // The responder answered: its opener was a real source (a spoofed one gets no answer here).
            Role to = role(src);
            if (to.openedBy.size() < MAX_PEERS_KEPT) {
                to.openedBy.add(opener);
            }
            return;
        }
        if (seen.contains(forward) || seen.contains(backward)) {
            return;
        }
        if (tcp && !syn) {
            // A connection caught mid-way: both are ends, neither is known to have opened it. A
            // later SYN of the same ports would be a new connection, which is rare enough to ignore.
            seen.add(forward);
            end(src, dst, null);
            return;
        }
        seen.add(forward);
        end(src, dst, src, p.protocol, p.srcPort, p.dstPort);
    }

    private void end(Address a, Address b, Address opener) {
        end(a, b, opener, 0, 0, 0);
    }

    /** A connection between a and b, opened by {@code opener} (null: unknown) from its port to the responder's. */
    private void end(Address a, Address b, Address opener, int protocol, int openerPort, int responderPort) {
        if (roles.size() >= MAX_ADDRESSES && (!roles.containsKey(a) || !roles.containsKey(b))) {
            return;
        }
        connections++;
        Role ra = role(a);
        Role rb = role(b);
        ra.connections++;
        rb.connections++;
        link(ra, b);
        link(rb, a);
        if (opener != null) {
            Role from = opener.equals(a) ? ra : rb;
            from.opened++;
            if (!base.contains(opener.hi(), opener.lo()) && unanswered.size() < MAX_UNANSWERED) {
                Address responder = opener.equals(a) ? b : a;
                unanswered.put(new Connection(opener, responder, protocol, openerPort, responderPort), opener);
            }
        }
    }

    private void link(Role r, Address peer) {
        if (r.peers.size() < MAX_PEERS_KEPT && r.peers.add(peer) && base.contains(peer.hi(), peer.lo())) {
            r.peersInBase++;
        }
    }

    private Role role(Address a) {
        return roles.computeIfAbsent(a, k -> new Role(k.hi(), k.lo()));
    }

    Map<Address, Role> roles() {
        return roles;
    }

    int connections() {
        return connections;
    }

    HomeNet base() {
        return base;
    }
}
