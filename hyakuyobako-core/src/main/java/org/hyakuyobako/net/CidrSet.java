package org.hyakuyobako.net;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.function.IntConsumer;

/**
 * Many prefixes, each with ids, looked up in a handful of hash probes (one per distinct IPv4
 * prefix length) instead of one test per prefix: the reputation lists written as rules (Spamhaus
 * DROP, DShield, Tor, botcc) hold hundreds of prefixes each. IPv6 prefixes, rare in those lists,
 * are tested one by one.
 *
 * <p>Asked on every packet for both its addresses, and most addresses are in no list: a bit per
 * /16 that holds a prefix of 16 bits or longer answers most of them with one test, and the tables
 * are primitive ({@link IntIntMap}), so a miss touches no boxed key.
 */
public final class CidrSet {
    /** Per IPv4 prefix length 0-32: the masked address to its index in {@link #idLists}. */
    private final IntIntMap[] v4 = new IntIntMap[33];
    /** The lengths in use: all, those below 16 (not covered by the /16 filter), those below 8. */
    private int[] lengths = new int[0];
    private int[] shortLengths = new int[0];
    private final long[] slash16 = new long[65_536 / 64];
    /** The same per /8 for prefixes of 8 to 15 bits (Spamhaus DROP lists /10s to /15s). */
    private final long[] slash8 = new long[256 / 64];
    private int[] tinyLengths = new int[0];
    private int[][] idLists = new int[16][];
    private int lists;
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
            v4[len] = new IntIntMap();
            lengths = append(lengths, len);
            if (len < 16) {
                shortLengths = append(shortLengths, len);
            }
            if (len < 8) {
                tinyLengths = append(tinyLengths, len);
            }
        }
        int key = (int) (c.lo() & c.loMask());
        if (len >= 16) {
            int top = key >>> 16;
            slash16[top >>> 6] |= 1L << top;
        } else if (len >= 8) {
            int top = key >>> 24;
            slash8[top >>> 6] |= 1L << top;
        }
        int at = v4[len].get(key);
        if (at < 0) {
            if (lists == idLists.length) {
                idLists = Arrays.copyOf(idLists, lists * 2);
            }
            idLists[lists] = new int[] {id};
            v4[len].put(key, lists++);
            return;
        }
        int[] a = idLists[at];
        for (int x : a) {
            if (x == id) {
                return;
            }
        }
        int[] n = Arrays.copyOf(a, a.length + 1);
        n[a.length] = id;
        idLists[at] = n;
    }

    private static int[] append(int[] a, int value) {
        int[] n = Arrays.copyOf(a, a.length + 1);
        n[a.length] = value;
        return n;
    }

    public int size() {
        return size;
    }

    /** Every id whose prefix holds the address (an id may come more than once). */
    public void forEachMatch(long hi, long lo, IntConsumer ids) {
        if (hi == 0 && (lo >>> 32) == 0xFFFFL) {
            int address = (int) lo;
            for (int len : lengthsFor(address)) {
                int at = v4[len].get(masked(address, len));
                if (at >= 0) {
                    for (int id : idLists[at]) {
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
        if (hi == 0 && (lo >>> 32) == 0xFFFFL) {
            int address = (int) lo;
            for (int len : lengthsFor(address)) {
                if (v4[len].get(masked(address, len)) >= 0) {
                    return true;
                }
            }
            return false;
        }
        for (Cidr c : v6) {
            if (c.contains(hi, lo)) {
                return true;
            }
        }
        return false;
    }

    /**
     * The prefix lengths worth probing for this address: those of 16 bits and more only when its
     * /16 holds one, those of 8 to 15 only when its /8 does.
     */
    private int[] lengthsFor(int address) {
        int top16 = address >>> 16;
        if ((slash16[top16 >>> 6] & 1L << top16) != 0) {
            return lengths;
        }
        int top8 = address >>> 24;
        return (slash8[top8 >>> 6] & 1L << top8) != 0 ? shortLengths : tinyLengths;
    }

    private static int masked(int address, int len) {
        return len == 0 ? 0 : address & (-1 << (32 - len));
    }
}
