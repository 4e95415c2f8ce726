package org.hyakuyobako.simulate;

import java.util.HashSet;
import java.util.Set;
import java.util.SplittableRandom;

/**
 * Hands out public IPv4 unicast addresses, each at most once per scenario, so that no address plays
 * two roles (a C&C server is never also a CDN node, a scan target never a benign server) and the
 * ground truth stays exact. Reserved, private and documentation ranges are never handed out: the
 * private ones are the intranet's, and 198.51.100.0/24 is where the benign IRC server lives.
 */
final class AddressBook {
    /** Prefixes that are not public unicast space: {address, prefix length}. */
    private static final int[][] RESERVED = {
        {0x0000_0000, 8}, {0x0A00_0000, 8}, {0x6440_0000, 10}, {0x7F00_0000, 8}, {0xA9FE_0000, 16}, {0xAC10_0000, 12},
        {0xC000_0000, 24}, {0xC000_0200, 24}, {0xC0A8_0000, 16}, {0xC612_0000, 15}, {0xC633_6400, 24}, {0xCB00_7100, 24},
        {0xE000_0000, 3},
    };
    private static final int LAST_OCTET = 0xFF;

    private final Set<Integer> used = new HashSet<>();

    static boolean isPublic(int address) {
        for (int[] prefix : RESERVED) {
            int mask = -1 << (32 - prefix[1]);
            if ((address & mask) == prefix[0]) {
                return false;
            }
        }
        int last = address & LAST_OCTET;
        return last != 0 && last != LAST_OCTET;
    }

    /** A public address never handed out before, drawn from {@code r}. */
    int fresh(SplittableRandom r) {
        while (true) {
            int a = r.nextInt();
            if (isPublic(a) && used.add(a)) {
                return a;
            }
        }
    }

    /** The base (x.y.z.0) of a public /24 none of whose addresses was handed out yet. */
    int freshNetwork(SplittableRandom r) {
        while (true) {
            int base = r.nextInt() & ~LAST_OCTET;
            if (isPublic(base | 1) && !anyUsedIn(base)) {
                return base;
            }
        }
    }

    private boolean anyUsedIn(int base) {
        for (int a : used) {
            if ((a & ~LAST_OCTET) == base) {
                return true;
            }
        }
        return false;
    }

    /** Marks an address as taken (a monitored host's), so that no other role gets it. */
    void claim(int address) {
        used.add(address);
    }
}
