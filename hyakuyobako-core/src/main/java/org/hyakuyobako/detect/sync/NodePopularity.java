package org.hyakuyobako.detect.sync;

import java.util.HashMap;
import java.util.Map;

/**
 * How many distinct monitored hosts opened connections to each node (internal or external) over
 * the run: a page's CDN or a shared update server is contacted by many, a per-bot download mirror
 * or a random scan target by one. A reaction that only reaches popular nodes is what everyone does.
 *
 * <p>Bounded: up to {@link #MAX_NODES} nodes (more are not counted and read as never contacted),
 * and each node's hosts are remembered up to {@link #MAX_HOSTS_PER_NODE}, beyond which the count
 * stays at that cap (enough to call a node popular). Most nodes are contacted by one host, so a node
 * costs one map entry and a short array.
 */
final class NodePopularity {
    static final int MAX_NODES = 2_000_000;
    static final int MAX_HOSTS_PER_NODE = 64;

    /** Per node: {@code [count, host1, host2, ...]} as address hashes. */
    private final Map<Long, long[]> nodes = new HashMap<>();
    long nodesNotCounted;

    static long key(long hi, long lo) {
        long h = hi * 0x9E37_79B9_7F4A_7C15L ^ lo * 0xC2B2_AE3D_27D4_EB4FL;
        return h ^ (h >>> 29);
    }

    void contacted(long nodeHi, long nodeLo, long hostHi, long hostLo) {
        long node = key(nodeHi, nodeLo);
        long host = key(hostHi, hostLo);
        long[] hosts = nodes.get(node);
        if (hosts == null) {
            if (nodes.size() >= MAX_NODES) {
                nodesNotCounted++;
                return;
            }
            nodes.put(node, new long[] {1, host});
            return;
        }
        int count = (int) hosts[0];
        if (count >= MAX_HOSTS_PER_NODE) {
            return;
        }
        for (int i = 1; i <= count; i++) {
            if (hosts[i] == host) {
                return;
            }
        }
        if (count + 1 >= hosts.length) {
            hosts = java.util.Arrays.copyOf(hosts, Math.min(MAX_HOSTS_PER_NODE + 1, hosts.length * 2));
            nodes.put(node, hosts);
        }
        hosts[count + 1] = host;
        hosts[0] = count + 1;
    }

    /**
     * Distinct monitored hosts that contacted the node; {@link Integer#MAX_VALUE} when that is not
     * known exactly: more than {@link #MAX_HOSTS_PER_NODE} (popular), or the table was full when the
     * node came (unknown is read as popular: it never makes a reaction or a C&C).
     */
    int hosts(long nodeHi, long nodeLo) {
        long[] hosts = nodes.get(key(nodeHi, nodeLo));
        if (hosts == null) {
            return nodesNotCounted > 0 ? Integer.MAX_VALUE : 0;
        }
        return hosts[0] >= MAX_HOSTS_PER_NODE ? Integer.MAX_VALUE : (int) hosts[0];
    }
}
