package org.hyakuyobako.flow;

import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.Base64;
import org.hyakuyobako.decode.IcmpCounterparts;
import org.hyakuyobako.decode.IpAddresses;
import org.hyakuyobako.decode.IpProtocol;

/**
 * Community ID v1 (corelight/community-id-spec): the flow hash Zeek, Suricata and Arkime share,
 * so our flows join theirs. Seed 0, base64 output, "1:" prefix.
 */
public final class CommunityId {
    private static final ThreadLocal<MessageDigest> SHA1 = ThreadLocal.withInitial(() -> {
        try {
            return MessageDigest.getInstance("SHA-1");
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("SHA-1 is required by every Java runtime", e);
        }
    });

    private CommunityId() {
    }

    /**
     * @param srcPort for ICMP, the type; {@code destPort} is then ignored and recomputed from type and code
     */
    public static String compute(int protocol, long srcHi, long srcLo, int srcPort, long dstHi, long dstLo, int dstPort) {
        return compute(0, protocol, srcHi, srcLo, srcPort, dstHi, dstLo, dstPort);
    }

    public static String compute(int seed, int protocol, long srcHi, long srcLo, int srcPort,
                                 long dstHi, long dstLo, int dstPort) {
        boolean v4 = IpAddresses.isV4(srcHi, srcLo) && IpAddresses.isV4(dstHi, dstLo);
        byte[] a = IpAddresses.toBytes(srcHi, srcLo, v4);
        byte[] b = IpAddresses.toBytes(dstHi, dstLo, v4);
        int pa = srcPort;
        int pb = dstPort;
        boolean hasPorts = protocol == IpProtocol.TCP || protocol == IpProtocol.UDP || protocol == IpProtocol.SCTP
                || protocol == IpProtocol.ICMP || protocol == IpProtocol.ICMPV6;
        boolean oneWay = false;
        if (protocol == IpProtocol.ICMP || protocol == IpProtocol.ICMPV6) {
            // Our flows already hold (type, counterpart-or-code) as ports, like the spec's mapping.
            oneWay = !IcmpCounterparts.isTwoWay(protocol == IpProtocol.ICMPV6, pa);
        }
        int cmp = compare(a, b);
        // One-way ICMP messages keep the sender first; everything else is ordered by (address, port).
        boolean swap = !oneWay && (cmp > 0 || (cmp == 0 && pa > pb));
        if (swap) {
            byte[] t = a;
            a = b;
            b = t;
            int tp = pa;
            pa = pb;
            pb = tp;
        }
        MessageDigest sha = SHA1.get();
        sha.reset();
        sha.update((byte) (seed >>> 8));
        sha.update((byte) seed);
        sha.update(a);
        sha.update(b);
        sha.update((byte) protocol);
        sha.update((byte) 0);
        if (hasPorts) {
            sha.update((byte) (pa >>> 8));
            sha.update((byte) pa);
            sha.update((byte) (pb >>> 8));
            sha.update((byte) pb);
        }
        return "1:" + Base64.getEncoder().encodeToString(sha.digest());
    }

    private static int compare(byte[] a, byte[] b) {
        for (int i = 0; i < a.length; i++) {
            int x = a[i] & 0xFF;
            int y = b[i] & 0xFF;
            if (x != y) {
                return x < y ? -1 : 1;
            }
        }
        return 0;
    }
}
