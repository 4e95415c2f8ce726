package org.hyakuyobako.action;

import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;
import org.hyakuyobako.net.DnsNames;

/**
 * What a firewall blocks, checked once for all firewall formats: C&C addresses whole (a C&C server
 * is the attacker's; every port of it is theirs) and download endpoints by address, transport and
 * port (download sources are often hijacked shared web servers, whose other sites are innocent).
 * Only literal addresses pass; anything else is refused, so no line can carry a hostile string.
 */
final class BlockTargets {
    /** A download endpoint: address, "tcp" or "udp", port. */
    record Endpoint(String ip, String transport, int port) {
    }

    final Set<String> cnc4 = new TreeSet<>();
    final Set<String> cnc6 = new TreeSet<>();
    final List<Endpoint> download4 = new ArrayList<>();
    final List<Endpoint> download6 = new ArrayList<>();

    static BlockTargets of(Findings findings, String writerKind, RefusedIndicators refused) {
        BlockTargets t = new BlockTargets();
        for (Indicator i : findings.of(Indicator.Kind.ADDRESS)) {
            if (!DnsNames.isAddressLiteral(i.value())) {
                refused.refuse(writerKind, i, "not an address literal");
                continue;
            }
            boolean v6 = i.isIpv6();
            if (i.role() == Indicator.Role.CNC || i.port() == 0 || !Set.of("tcp", "udp").contains(i.transport())) {
                (v6 ? t.cnc6 : t.cnc4).add(i.value());
            } else {
                Endpoint e = new Endpoint(i.value(), i.transport(), i.port());
                List<Endpoint> into = v6 ? t.download6 : t.download4;
                if (!into.contains(e)) {
                    into.add(e);
                }
            }
        }
        // An address blocked whole needs no endpoint line of its own.
        t.download4.removeIf(e -> t.cnc4.contains(e.ip()));
        t.download6.removeIf(e -> t.cnc6.contains(e.ip()));
        return t;
    }

    boolean isEmpty() {
        return cnc4.isEmpty() && cnc6.isEmpty() && download4.isEmpty() && download6.isEmpty();
    }
}
