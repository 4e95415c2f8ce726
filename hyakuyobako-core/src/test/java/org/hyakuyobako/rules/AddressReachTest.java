package org.hyakuyobako.rules;

import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import org.hyakuyobako.decode.IpAddresses;
import org.hyakuyobako.net.Cidr;
import org.hyakuyobako.net.HomeNet;
import org.junit.jupiter.api.Test;

/**
 * {@link AddressMatcher#reach} never claims less than the matcher does: random address specs
 * (prefixes, negations, nested lists, {@code any}, {@code $HOME_NET}) against random home nets,
 * checked on addresses drawn inside and outside the home net. If it said "may not" where an
 * address matched, the engine would leave the rule out of that traffic's groups and miss alerts.
 */
class AddressReachTest {
    private static final String[] POOL = {"10.0.0.0/8", "10.1.0.0/16", "10.1.2.3", "192.168.0.0/16", "192.168.7.0/24", "172.16.0.0/12",
        "198.51.100.0/24", "198.51.100.9", "8.8.8.0/24", "0.0.0.0/0", "fc00::/7", "2001:db8::/32", "fd00::1"};

    private static String spec(Random r, int depth) {
        int k = r.nextInt(depth > 2 ? 3 : 6);
        return switch (k) {
            case 0 -> POOL[r.nextInt(POOL.length)];
            case 1 -> r.nextInt(3) == 0 ? "any" : "$HOME_NET";
            case 2 -> "!" + POOL[r.nextInt(POOL.length)];
            case 3 -> "!$HOME_NET";
            default -> {
                List<String> items = new ArrayList<>();
                for (int i = 0, n = 1 + r.nextInt(3); i < n; i++) {
                    String item = spec(r, depth + 1);
                    items.add(r.nextInt(4) == 0 && !item.startsWith("!") ? "!" + item : item);
                }
                yield "[" + String.join(",", items) + "]";
            }
        };
    }

    /** A random address in the prefix. */
    private static long[] inside(Random r, Cidr c) {
        long hi = c.hi() | (r.nextLong() & ~c.hiMask());
        long lo = c.lo() | (r.nextLong() & ~c.loMask());
        return new long[] {hi, lo};
    }

    private static long[] anywhere(Random r) {
        if (r.nextBoolean()) {
            Cidr near = Cidr.parse(POOL[r.nextInt(POOL.length)]);
            return inside(r, Cidr.parse(IpAddresses.format(near.hi(), near.lo()) + (near.v4() ? "/16" : "/24")));
        }
        return r.nextBoolean() ? IpAddresses.parse(IpAddresses.formatV4(r.nextInt())) : new long[] {r.nextLong(), r.nextLong()};
    }

    @Test
    void reachIsNeverNarrowerThanTheMatcher() throws UnsupportedRuleException {
        Random r = new Random(17);
        for (int round = 0; round < 2_000; round++) {
            List<Cidr> region = new ArrayList<>();
            for (int i = 0, n = r.nextInt(4); i < n; i++) {
                region.add(Cidr.parse(POOL[r.nextInt(POOL.length - 4) + 1]));
            }
            HomeNet home = new HomeNet(region);
            String spec = spec(r, 0);
            AddressMatcher m = AddressMatcher.parse(spec, RuleVariables.defaults(home));
            AddressMatcher.Reach reach = m.reach(region);
            for (int k = 0; k < 200; k++) {
                long[] a = !region.isEmpty() && r.nextBoolean() ? inside(r, region.get(r.nextInt(region.size()))) : anywhere(r);
                boolean in = home.contains(a[0], a[1]);
                boolean match = m.matches(a[0], a[1]);
                String where = spec + " over " + region + " at " + IpAddresses.format(a[0], a[1]) + ": " + reach;
                assertTrue(!match || reach.may(in), "matched but 'may not': " + where);
                assertTrue(match || !(in ? reach.allIn() : reach.allOut()), "'all' but did not match: " + where);
            }
        }
    }
}
