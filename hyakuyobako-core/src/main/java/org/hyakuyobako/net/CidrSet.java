package org.hyakuyobako.net;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.function.IntConsumer;

/**
 * Many prefixes, each with ids, looked up in a handful of hash probes (one per distinct IPv4
 * prefix length) instead of one test per prefix: the reputation lists written as rules (Spamhaus
 * DROP, DShield, Tor, botcc) hold hundreds of prefixes each. IPv6 prefixes, rare in those lists,
 * are tested one by one.
 */
public final class CidrSet {
    @SuppressWarnings("unchecked")
    private final HashMap<Long, int[]>[] v4 = new HashMap[33];
    private int[] lengths = new int[0];
    private final List<Cidr> v6 = new ArrayList<>();
    private final List<Integer> v6Ids = new ArrayList<>();
    private int size;

    public void add(Cidr c, int id) {
        size++;
        if (!c.v4()) {
            v6.add(c);
            v6Ids.add(id);
            return;
        }
        int len = c.bits() - 96;
        if (v4[len] == null) {
            v4[len] = new HashMap<>();
            lengths = Arrays.copyOf(lengths, lengths.length + 1);
            lengths[lengths.length - 1] = len;
        }
        v4[len].merge(c.lo(), new int[] {id}, (a, b) -> {
            for (int x : a) {
                if (x == id) {
                    return a;
                }
            }
            int[] n = Arrays.copyOf(a, a.length + 1);
            n[a.length] = id;
            return n;
        });
    }

    public int size() {
        return size;
    }

    /** Every id whose prefix holds the address (an id may come more than once). */
    public void forEachMatch(long hi, long lo, IntConsumer ids) {
        if (hi == 0 && (lo >>> 32) == 0xFFFFL) {
            for (int len : lengths) {
                long mask = len == 0 ? 0xFFFF_0000_0000L : 0xFFFF_0000_0000L | (0xFFFF_FFFFL << (32 - len) & 0xFFFF_FFFFL);
                int[] found = v4[len].get(lo & mask);
                if (found != null) {
                    for (int id : found) {
                        ids.accept(id);
                    }
                }
            }
            return;
        }
        for (int i = 0; i < v6.size(); i++) {
            if (v6.get(i).contains(hi, lo)) {
                ids.accept(v6Ids.get(i));
            }
        }
    }

    public boolean contains(long hi, long lo) {
        boolean[] hit = {false};
        forEachMatch(hi, lo, id -> hit[0] = true);
        return hit[0];
    }
}
