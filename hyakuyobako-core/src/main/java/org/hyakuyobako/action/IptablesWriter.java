package org.hyakuyobako.action;

import java.io.IOException;
import java.io.Writer;

/**
 * A shell script for iptables/ip6tables with ipset: sets {@code hyakuyobako-cnc4/6} (hash:ip) and
 * {@code hyakuyobako-dl4/6} (hash:ip,port), filled idempotently ({@code -exist}), and one chain of
 * our own hooked into FORWARD and OUTPUT once, so running the script again refreshes the sets
 * without piling up rules. For hosts that still use iptables (or iptables-nft) rather than nft.
 */
public final class IptablesWriter implements FindingsWriter {
    @Override
    public String kind() {
        return "iptables";
    }

    @Override
    public String fileName() {
        return "hyakuyobako-iptables.sh";
    }

    @Override
    public String contentType() {
        return "text/x-shellscript; charset=utf-8";
    }

    @Override
    public void write(Findings findings, ExportSettings settings, Writer out, RefusedIndicators refused) throws IOException {
        BlockTargets t = BlockTargets.of(findings, kind(), refused);
        out.write("#!/bin/sh\n# Hyakuyobako block list from the run '" + RuleText.metadataValue(findings.runName())
                + "' for iptables + ipset. Run as root: sh " + fileName() + "\nset -e\n");
        family(out, "iptables", "inet", "4", t.cnc4, t.download4);
        family(out, "ip6tables", "inet6", "6", t.cnc6, t.download6);
    }

    private static void family(Writer out, String tool, String family, String v, java.util.Set<String> cnc,
                               java.util.List<BlockTargets.Endpoint> downloads) throws IOException {
        String cncSet = "hyakuyobako-cnc" + v;
        String dlSet = "hyakuyobako-dl" + v;
        out.write("\n# IPv" + v + "\n");
        out.write("ipset create " + cncSet + " hash:ip family " + family + " -exist\n");
        out.write("ipset create " + dlSet + " hash:ip,port family " + family + " -exist\n");
        for (String ip : cnc) {
            out.write("ipset add " + cncSet + " " + ip + " -exist\n");
        }
        for (BlockTargets.Endpoint e : downloads) {
            out.write("ipset add " + dlSet + " " + e.ip() + "," + e.transport() + ":" + e.port() + " -exist\n");
        }
        out.write(tool + " -N HYAKUYOBAKO 2>/dev/null || " + tool + " -F HYAKUYOBAKO\n");
        out.write(tool + " -A HYAKUYOBAKO -m set --match-set " + cncSet + " dst -j LOG --log-prefix \"hyakuyobako cnc \"\n");
        out.write(tool + " -A HYAKUYOBAKO -m set --match-set " + cncSet + " dst -j DROP\n");
        out.write(tool + " -A HYAKUYOBAKO -m set --match-set " + cncSet + " src -j DROP\n");
        out.write(tool + " -A HYAKUYOBAKO -m set --match-set " + dlSet + " dst,dst -j LOG --log-prefix \"hyakuyobako download \"\n");
        out.write(tool + " -A HYAKUYOBAKO -m set --match-set " + dlSet + " dst,dst -j DROP\n");
        for (String chain : new String[] {"FORWARD", "OUTPUT"}) {
            out.write(tool + " -C " + chain + " -j HYAKUYOBAKO 2>/dev/null || " + tool + " -I " + chain + " -j HYAKUYOBAKO\n");
        }
    }
}
