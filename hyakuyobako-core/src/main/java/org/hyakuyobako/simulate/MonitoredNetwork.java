package org.hyakuyobako.simulate;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.SplittableRandom;
import org.hyakuyobako.decode.IpAddresses;

/**
 * The monitored hosts and the networks they sit in: honeypots with public addresses spread over a
 * few /24s (one sensor each, or one merged capture), or intranet PCs in 10.x space (one tap). The
 * layout is drawn per seed, so that no detector can learn "the hosts are 10.1.0.20 and up".
 */
final class MonitoredNetwork {
    /** Honeypots are spread over this many distinct /24s (fewer when there are fewer honeypots). */
    static final int MIN_HONEYPOT_NETS = 2;
    static final int MAX_HONEYPOT_NETS = 3;
    /** Host numbers inside a /24: .1 is the gateway, .255 the broadcast. */
    static final int FIRST_HOST = 2;
    static final int LAST_HOST = 254;
    /** Intranet layouts: one /24 (this share of seeds), two /24s (up to the next), else several /24s of one /16. */
    static final double ONE_SUBNET = 0.4;
    static final double TWO_SUBNETS = 0.7;
    static final int MIN_SPREAD_SUBNETS = 3;
    static final int MAX_SPREAD_SUBNETS = 10;
    private static final int TEN = 10 << 24;
    /** Values an address octet can take. */
    private static final int OCTET_VALUES = 256;

    private final List<MonitoredHost> hosts;
    private final List<String> cidrs;
    private final Map<Integer, MonitoredHost> byAddress = new HashMap<>();

    private MonitoredNetwork(List<MonitoredHost> hosts, List<String> cidrs) {
        this.hosts = List.copyOf(hosts);
        this.cidrs = List.copyOf(cidrs);
        for (MonitoredHost h : hosts) {
            byAddress.put(h.address(), h);
        }
    }

    /** {@code count} honeypots in 2–3 public /24s; honeypot i on sensor i, or all on sensor 0 when merged. */
    static MonitoredNetwork honeypots(int count, boolean merged, AddressBook book, SplittableRandom r) {
        int nets = Math.min(count, Draws.between(r, MIN_HONEYPOT_NETS, MAX_HONEYPOT_NETS));
        List<Integer> bases = new ArrayList<>();
        for (int i = 0; i < nets; i++) {
            bases.add(book.freshNetwork(r));
        }
        List<List<Integer>> freeOctets = new ArrayList<>();
        for (int i = 0; i < nets; i++) {
            freeOctets.add(shuffledHostNumbers(r));
        }
        List<MonitoredHost> hosts = new ArrayList<>();
        List<String> cidrs = new ArrayList<>();
        for (int i = 0; i < count; i++) {
            // Every /24 gets one honeypot first, so that the layout really spans 2–3 networks.
            int net = i < nets ? i : r.nextInt(nets);
            int address = bases.get(net) | freeOctets.get(net).remove(0);
            book.claim(address);
            hosts.add(new MonitoredHost(address, merged ? 0 : i));
            cidrs.add(IpAddresses.formatV4(address) + "/32");
        }
        return new MonitoredNetwork(hosts, cidrs);
    }

    /** {@code count} PCs in 10.x: one /24, two /24s or several /24s of a /16, drawn per seed. */
    static MonitoredNetwork intranet(int count, SplittableRandom r) {
        int second = r.nextInt(OCTET_VALUES);
        double layout = r.nextDouble();
        int subnets = layout < ONE_SUBNET ? 1 : layout < TWO_SUBNETS ? 2 : Draws.between(r, MIN_SPREAD_SUBNETS, MAX_SPREAD_SUBNETS);
        int perSubnet = LAST_HOST - FIRST_HOST + 1;
        subnets = Math.max(subnets, (count + perSubnet - 1) / perSubnet);
        List<Integer> thirds = new ArrayList<>();
        for (int i = 0; i < OCTET_VALUES; i++) {
            thirds.add(i);
        }
        thirds = Draws.sample(r, thirds, Math.min(OCTET_VALUES, subnets));
        List<Integer> slots = new ArrayList<>();
        for (int third : thirds) {
            for (int last = FIRST_HOST; last <= LAST_HOST; last++) {
                slots.add(TEN | second << 16 | third << 8 | last);
            }
        }
        List<MonitoredHost> hosts = new ArrayList<>();
        for (int address : Draws.sample(r, slots, count)) {
            hosts.add(new MonitoredHost(address, 0));
        }
        hosts.sort((a, b) -> Integer.compareUnsigned(a.address(), b.address()));
        List<String> cidrs = new ArrayList<>();
        if (subnets > 2) {
            cidrs.add(IpAddresses.formatV4(TEN | second << 16) + "/16");
        } else {
            for (int third : thirds) {
                cidrs.add(IpAddresses.formatV4(TEN | second << 16 | third << 8) + "/24");
            }
        }
        return new MonitoredNetwork(hosts, cidrs);
    }

    private static List<Integer> shuffledHostNumbers(SplittableRandom r) {
        List<Integer> numbers = new ArrayList<>();
        for (int n = FIRST_HOST; n <= LAST_HOST; n++) {
            numbers.add(n);
        }
        return Draws.sample(r, numbers, numbers.size());
    }

    List<MonitoredHost> hosts() {
        return hosts;
    }

    /** The home networks, as CIDRs (a honeypot's is its own /32). */
    List<String> cidrs() {
        return cidrs;
    }

    /** The monitored host with this address, or null. */
    MonitoredHost at(int address) {
        return byAddress.get(address);
    }
}
