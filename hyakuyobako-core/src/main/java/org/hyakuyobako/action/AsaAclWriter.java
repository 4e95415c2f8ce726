package org.hyakuyobako.action;

import java.io.IOException;
import java.io.Writer;

/**
 * Cisco ASA configuration lines: a network object-group of the C&C addresses, and an extended
 * access list {@code HYAKUYOBAKO-BLOCK} that denies and logs traffic to them and to the download
 * endpoints, ending in a permit so that it can be added in front of an existing policy. The ASA
 * lines our own firewall-log reader reads back are the ones these rules produce (106100 deny).
 */
public final class AsaAclWriter implements FindingsWriter {
    static final String GROUP = "HYAKUYOBAKO-CNC";
    static final String ACL = "HYAKUYOBAKO-BLOCK";

    @Override
    public String kind() {
        return "asa";
    }

    @Override
    public String fileName() {
        return "hyakuyobako-asa.txt";
    }

    @Override
    public String contentType() {
        return "text/plain; charset=utf-8";
    }

    @Override
    public void write(Findings findings, ExportSettings settings, Writer out, RefusedIndicators refused) throws IOException {
        BlockTargets t = BlockTargets.of(findings, kind(), refused);
        out.write("! Hyakuyobako block list from the run '" + RuleText.metadataValue(findings.runName())
                + "' for Cisco ASA; paste in configuration mode, then apply " + ACL
                + " with access-group (or merge its lines into the interface's list)\n");
        boolean cnc = !t.cnc4.isEmpty() || !t.cnc6.isEmpty();
        if (cnc) {
            out.write("object-group network " + GROUP + "\n");
            out.write(" description C&C servers found by Hyakuyobako\n");
            for (String ip : t.cnc4) {
                out.write(" network-object host " + ip + "\n");
            }
            for (String ip : t.cnc6) {
                out.write(" network-object host " + ip + "\n");
            }
            out.write("access-list " + ACL + " remark Hyakuyobako: C&C servers\n");
            out.write("access-list " + ACL + " extended deny ip any object-group " + GROUP + " log\n");
            out.write("access-list " + ACL + " extended deny ip object-group " + GROUP + " any log\n");
        }
        if (!t.download4.isEmpty() || !t.download6.isEmpty()) {
            out.write("access-list " + ACL + " remark Hyakuyobako: malware download endpoints\n");
            for (BlockTargets.Endpoint e : t.download4) {
                out.write("access-list " + ACL + " extended deny " + e.transport() + " any host " + e.ip() + " eq " + e.port() + " log\n");
            }
            for (BlockTargets.Endpoint e : t.download6) {
                out.write("access-list " + ACL + " extended deny " + e.transport() + " any host " + e.ip() + " eq " + e.port() + " log\n");
            }
        }
        out.write("access-list " + ACL + " extended permit ip any any\n");
    }
}
