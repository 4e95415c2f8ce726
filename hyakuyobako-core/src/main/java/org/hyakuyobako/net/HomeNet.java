package org.hyakuyobako.net;

import java.util.ArrayList;
import java.util.List;

/**
 * The monitored hosts (Snort's and Suricata's HOME_NET). Default as Suricata's: the private
 * ranges, to which each sensor's own public address is added when it has one.
 */
public final class HomeNet {
    public static final List<String> PRIVATE_RANGES = List.of("10.0.0.0/8", "172.16.0.0/12", "192.168.0.0/16", "fc00::/7");

    private final List<Cidr> prefixes;
    private final Cidr[] array;

    public HomeNet(List<Cidr> prefixes) {
        this.prefixes = List.copyOf(prefixes);
        this.array = this.prefixes.toArray(new Cidr[0]);
    }

    /** Parses a comma-separated list of CIDRs, as given to {@code --home-net}. */
    public static HomeNet parse(String commaSeparated) {
        List<Cidr> list = new ArrayList<>();
        for (String part : commaSeparated.split(",")) {
            if (!part.isBlank()) {
                list.add(Cidr.parse(part));
            }
        }
        return new HomeNet(list);
    }

    public static HomeNet privateRanges() {
        return parse(String.join(",", PRIVATE_RANGES));
    }

    public HomeNet with(Cidr extra) {
        List<Cidr> list = new ArrayList<>(prefixes);
        if (!list.contains(extra)) {
            list.add(extra);
        }
        return new HomeNet(list);
    }

    /** Linear over the prefixes: home nets are a handful of CIDRs (blacklists use a radix tree). */
    public boolean contains(long hi, long lo) {
        for (Cidr c : array) {
            if (c.contains(hi, lo)) {
                return true;
            }
        }
        return false;
    }

    public List<Cidr> prefixes() {
        return prefixes;
    }

    @Override
    public String toString() {
        List<String> parts = new ArrayList<>();
        for (Cidr c : prefixes) {
            parts.add(c.toString());
        }
        return String.join(",", parts);
    }
}
