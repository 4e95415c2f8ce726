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
        /** Distinct addresses outside the base home net that opened connections to this one. */
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

    private final HomeNet base;
    private final Map<Address, Role> roles = new HashMap<>();
    private final Set<Connection> seen = new HashSet<>();
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
        boolean syn = tcp && (p.tcpFlags & 0x12) == 0x02;
        Connection forward = new Connection(src, dst, p.protocol, p.srcPort, p.dstPort);
        Connection backward = new Connection(dst, src, p.protocol, p.dstPort, p.srcPort);
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
        end(src, dst, src);
    }

    private void end(Address a, Address b, Address opener) {
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
            Role to = opener.equals(a) ? rb : ra;
            from.opened++;
            if (!base.contains(opener.hi(), opener.lo()) && to.openedBy.size() < MAX_PEERS_KEPT) {
                to.openedBy.add(opener);
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
