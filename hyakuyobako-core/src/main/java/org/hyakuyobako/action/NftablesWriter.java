package org.hyakuyobako.action;

import java.io.IOException;
import java.io.Writer;
import java.util.List;
import java.util.Set;

/**
 * An nftables ruleset ({@code nft -f}): a table {@code inet hyakuyobako} of its own, so loading it
 * never touches the user's tables, with named sets (C&C addresses, download endpoints as
 * address . protocol . port) that scripts can update with {@code nft add element}, and forward and
 * output chains that count, log and drop traffic to them. Re-loading replaces the table whole.
 */
public final class NftablesWriter implements FindingsWriter {
    @Override
    public String kind() {
        return "nftables";
    }

    @Override
    public String fileName() {
        return "hyakuyobako.nft";
    }

    @Override
    public String contentType() {
        return "text/plain; charset=utf-8";
    }

    @Override
    public void write(Findings findings, ExportSettings settings, Writer out, RefusedIndicators refused) throws IOException {
        BlockTargets t = BlockTargets.of(findings, kind(), refused);
        out.write("#!/usr/sbin/nft -f\n");
        out.write("# Hyakuyobako block list from the run '" + RuleText.metadataValue(findings.runName()) + "': "
                + (t.cnc4.size() + t.cnc6.size()) + " C&C address(es), " + (t.download4.size() + t.download6.size())
                + " download endpoint(s). Load with: nft -f " + fileName() + "\n");
        // Declaring then deleting makes a re-load replace the table instead of failing or merging.
        out.write("table inet hyakuyobako\ndelete table inet hyakuyobako\n\n");
        out.write("table inet hyakuyobako {\n");
        set(out, "cnc_v4", "ipv4_addr", t.cnc4);
        set(out, "cnc_v6", "ipv6_addr", t.cnc6);
        set(out, "download_v4", "ipv4_addr . inet_proto . inet_service",
                t.download4.stream().map(e -> e.ip() + " . " + e.transport() + " . " + e.port()).toList());
        set(out, "download_v6", "ipv6_addr . inet_proto . inet_service",
                t.download6.stream().map(e -> e.ip() + " . " + e.transport() + " . " + e.port()).toList());
        for (String[] chain : new String[][] {{"forward", "forward"}, {"output", "output"}}) {
            out.write("    chain " + chain[0] + " {\n");
            out.write("        type filter hook " + chain[1] + " priority filter - 10; policy accept;\n");
            out.write("        ip daddr @cnc_v4 counter log prefix \"hyakuyobako cnc \" drop\n");
            out.write("        ip saddr @cnc_v4 counter drop\n");
            out.write("        ip6 daddr @cnc_v6 counter log prefix \"hyakuyobako cnc \" drop\n");
            out.write("        ip6 saddr @cnc_v6 counter drop\n");
            out.write("        ip daddr . meta l4proto . th dport @download_v4 counter log prefix \"hyakuyobako download \" drop\n");
            out.write("        ip6 daddr . meta l4proto . th dport @download_v6 counter log prefix \"hyakuyobako download \" drop\n");
            out.write("    }\n");
        }
        out.write("}\n");
    }

    private static void set(Writer out, String name, String type, java.util.Collection<String> elements) throws IOException {
        out.write("    set " + name + " {\n        type " + type + "\n");
        if (!elements.isEmpty()) {
            out.write("        elements = {\n");
            List<String> list = List.copyOf(elements instanceof Set<String> s ? s : elements);
            for (int k = 0; k < list.size(); k++) {
                out.write("            " + list.get(k) + (k + 1 < list.size() ? ",\n" : "\n"));
            }
            out.write("        }\n");
        }
        out.write("    }\n");
    }
}
