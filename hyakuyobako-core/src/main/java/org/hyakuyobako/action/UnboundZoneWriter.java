package org.hyakuyobako.action;

import java.io.IOException;
import java.io.Writer;
import java.util.Set;

/**
 * An Unbound include file ({@code include: "hyakuyobako-unbound.conf"} in unbound.conf): one
 * {@code local-zone} per malware domain, which covers its subdomains, answering NXDOMAIN
 * ({@code always_nxdomain}) or the sinkhole address ({@code redirect} with one {@code local-data}).
 * Names come from traffic: only valid host names are written, so no quote or newline reaches the file.
 */
public final class UnboundZoneWriter implements FindingsWriter {
    @Override
    public String kind() {
        return "unbound";
    }

    @Override
    public String fileName() {
        return "hyakuyobako-unbound.conf";
    }

    @Override
    public String contentType() {
        return "text/plain; charset=utf-8";
    }

    @Override
    public void write(Findings findings, ExportSettings settings, Writer out, RefusedIndicators refused) throws IOException {
        Set<String> names = SinkholeNames.of(findings, kind(), refused);
        out.write("# Hyakuyobako malware domains from the run '" + RuleText.metadataValue(findings.runName()) + "' for Unbound: "
                + names.size() + " domain(s), " + (settings.sinkhole() == null ? "NXDOMAIN" : "sinkhole " + settings.sinkhole())
                + "\n# include: \"" + fileName() + "\" in unbound.conf, then unbound-control reload\nserver:\n");
        for (String name : names) {
            if (settings.sinkhole() == null) {
                out.write("    local-zone: \"" + name + ".\" always_nxdomain\n");
            } else {
                String type = settings.sinkhole().indexOf(':') >= 0 ? "AAAA" : "A";
                out.write("    local-zone: \"" + name + ".\" redirect\n");
                out.write("    local-data: \"" + name + ". 300 IN " + type + " " + settings.sinkhole() + "\"\n");
            }
        }
    }
}
