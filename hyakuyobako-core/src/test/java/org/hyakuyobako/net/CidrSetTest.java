package org.hyakuyobako.net;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import java.util.TreeSet;
import org.junit.jupiter.api.Test;

/**
 * The prefix set against a test of every prefix, on random prefixes of every length and addresses
 * drawn near them (so the /16 and /8 filters are crossed both ways), IPv4 and IPv6.
 */
class CidrSetTest {
    @Test
    void findsExactlyThePrefixesThatHoldTheAddress() {
        Random r = new Random(5);
        for (int round = 0; round < 300; round++) {
            CidrSet set = new CidrSet();
            List<Cidr> prefixes = new ArrayList<>();
            List<Integer> ids = new ArrayList<>();
            for (int i = 0, n = 1 + r.nextInt(40); i < n; i++) {
                Cidr c = r.nextInt(8) == 0
                        ? Cidr.parse("2001:db8:" + Integer.toHexString(r.nextInt(4)) + "::/" + (32 + r.nextInt(97)))
                        : Cidr.parse(ipv4(r.nextInt(4) << 30 | r.nextInt(1 << 20)) + "/" + r.nextInt(33));
                prefixes.add(c);
                ids.add(r.nextInt(20));
                set.add(c, ids.get(i));
            }
            for (int k = 0; k < 200; k++) {
                Cidr near = prefixes.get(r.nextInt(prefixes.size()));
                long[] a = near.v4()
                        ? org.hyakuyobako.decode.IpAddresses.parse(ipv4((int) near.lo() ^ (r.nextBoolean() ? 0 : 1 << r.nextInt(32))))
                        : new long[] {near.hi() ^ (r.nextBoolean() ? 0 : 1L << r.nextInt(64)), r.nextLong()};
                TreeSet<Integer> expected = new TreeSet<>();
                for (int i = 0; i < prefixes.size(); i++) {
                    if (prefixes.get(i).contains(a[0], a[1])) {
                        expected.add(ids.get(i));
                    }
                }
                TreeSet<Integer> found = new TreeSet<>();
                set.forEachMatch(a[0], a[1], found::add);
                assertEquals(expected, found, "round " + round + " " + prefixes);
                assertEquals(!expected.isEmpty(), set.contains(a[0], a[1]));
            }
        }
    }

    private static String ipv4(int a) {
        return (a >>> 24) + "." + (a >>> 16 & 0xff) + "." + (a >>> 8 & 0xff) + "." + (a & 0xff);
    }
}
