package org.hyakuyobako.action;

import java.io.IOException;
import java.io.Writer;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;
import org.hyakuyobako.decode.IpAddresses;
import org.hyakuyobako.net.DnsNames;

/**
 * A BIND Response Policy Zone (seed 003: the resolver warns or sinkholes bot domains): each malware
 * domain and its subdomains answer NXDOMAIN ({@code CNAME .}) or the user's sinkhole address, and
 * each C&C address is an {@code rpz-ip} trigger, so any name that resolves to it is rewritten too,
 * including names the bots will only use tomorrow. Knot Resolver, PowerDNS Recursor and Unbound
 * (with its rpz module) read the same zone. Names come from traffic: only valid host names are
 * written, others are refused.
 */
public final class RpzZoneWriter implements FindingsWriter {
    /** The zone's name; {@code response-policy { zone "rpz.hyakuyobako"; };} in named.conf. */
    public static final String ZONE = "rpz.hyakuyobako.";

    @Override
    public String kind() {
        return "rpz";
    }

    @Override
    public String fileName() {
        return "hyakuyobako.rpz.zone";
    }

    @Override
    public String contentType() {
        return "text/dns; charset=utf-8";
    }

    @Override
    public void write(Findings findings, ExportSettings settings, Writer out, RefusedIndicators refused) throws IOException {
        Set<String> names = SinkholeNames.of(findings, kind(), refused);
        List<String> triggers = new ArrayList<>();
        for (String ip : cncAddresses(findings)) {
            triggers.add(rpzIp(ip));
        }
        long serial = Math.max(1, settings.exportedAt().getEpochSecond() & 0xffffffffL);
        out.write("; Hyakuyobako response policy zone from the run '" + RuleText.metadataValue(findings.runName()) + "': "
                + names.size() + " domain(s), " + triggers.size() + " C&C address trigger(s); "
                + (settings.sinkhole() == null ? "NXDOMAIN" : "sinkhole " + settings.sinkhole()) + "\n");
        out.write("$ORIGIN " + ZONE + "\n$TTL 300\n");
        out.write("@ IN SOA localhost. hostmaster.localhost. ( " + serial + " 3600 600 86400 300 )\n");
        out.write("@ IN NS localhost.\n");
        for (String name : names) {
            action(out, name, settings);
            action(out, "*." + name, settings);
        }
        for (String trigger : triggers) {
            action(out, trigger, settings);
        }
    }

    private static void action(Writer out, String owner, ExportSettings settings) throws IOException {
        if (settings.sinkhole() == null) {
            out.write(owner + " CNAME .\n");
        } else {
            out.write(owner + (settings.sinkhole().indexOf(':') >= 0 ? " AAAA " : " A ") + settings.sinkhole() + "\n");
        }
    }

    private static Set<String> cncAddresses(Findings findings) {
        Set<String> ips = new TreeSet<>();
        for (Indicator i : findings.of(Indicator.Kind.ADDRESS)) {
            if (i.role() == Indicator.Role.CNC && DnsNames.isAddressLiteral(i.value())) {
                ips.add(i.value());
            }
        }
        return ips;
    }

    /**
     * The RPZ IP trigger owner for one address: "32.66.2.0.192.rpz-ip" for 192.0.2.66, and for IPv6
     * the reversed 16-bit groups with the longest zero run as "zz": "128.1.zz.db8.2001.rpz-ip".
     */
    static String rpzIp(String ip) {
        if (ip.indexOf(':') < 0) {
            String[] o = ip.split("\\.");
            return "32." + o[3] + "." + o[2] + "." + o[1] + "." + o[0] + ".rpz-ip";
        }
        long[] a = IpAddresses.parse(ip);
        int[] groups = new int[8];
        for (int g = 0; g < 8; g++) {
            long word = g < 4 ? a[0] : a[1];
            groups[g] = (int) (word >>> (48 - 16 * (g % 4))) & 0xffff;
        }
        int bestStart = -1;
        int bestLen = 0;
        for (int g = 0; g < 8; g++) {
            int len = 0;
            while (g + len < 8 && groups[g + len] == 0) {
                len++;
            }
            if (len > bestLen && len > 1) {
                bestStart = g;
                bestLen = len;
            }
        }
        List<String> labels = new ArrayList<>();
        for (int g = 7; g >= 0; g--) {
            if (g == bestStart + bestLen - 1 && bestStart >= 0) {
                labels.add("zz");
                g = bestStart;
                continue;
            }
            labels.add(Integer.toHexString(groups[g]));
        }
        return "128." + String.join(".", labels) + ".rpz-ip";
    }
}
