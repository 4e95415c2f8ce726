package org.hyakuyobako.action;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;

/**
 * Every export format by its {@code --what} name, and the group names users type: {@code firewall}
 * for nftables, iptables and ASA, {@code dns} for RPZ and Unbound, {@code sharing} for STIX and
 * MISP, {@code all} for everything.
 */
public final class ExportFormats {
    private static final Map<String, List<String>> GROUPS = Map.of(
            "firewall", List.of("nftables", "iptables", "asa"),
            "dns", List.of("rpz", "unbound"),
            "sharing", List.of("stix", "misp"));

    private ExportFormats() {
    }

    /** One writer of each format, in the order the files are listed. */
    public static List<FindingsWriter> all() {
        return List.of(new IdsRuleWriter(IdsRuleWriter.Dialect.SURICATA), new IdsRuleWriter(IdsRuleWriter.Dialect.SNORT),
                new NftablesWriter(), new IptablesWriter(), new AsaAclWriter(), new RpzZoneWriter(), new UnboundZoneWriter(),
                new StixBundleWriter(), new MispEventWriter());
    }

    /** The writers a comma-separated {@code --what} names; a clear error for an unknown name. */
    public static List<FindingsWriter> select(String what) {
        Map<String, FindingsWriter> byKind = new LinkedHashMap<>();
        for (FindingsWriter w : all()) {
            byKind.put(w.kind(), w);
        }
        Set<String> kinds = new LinkedHashSet<>();
        for (String raw : what.split(",")) {
            String name = raw.strip().toLowerCase(Locale.ROOT);
            if (name.isEmpty()) {
                continue;
            }
            if (name.equals("all")) {
                kinds.addAll(byKind.keySet());
            } else if (GROUPS.containsKey(name)) {
                kinds.addAll(GROUPS.get(name));
            } else if (byKind.containsKey(name)) {
                kinds.add(name);
            } else {
                throw new IllegalArgumentException("unknown export '" + name + "'; choose from all, " + String.join(", ", names()));
            }
        }
        List<FindingsWriter> chosen = new ArrayList<>();
        for (String k : kinds) {
            chosen.add(byKind.get(k));
        }
        return chosen;
    }

    public static List<String> names() {
        List<String> names = new ArrayList<>(all().stream().map(FindingsWriter::kind).toList());
        names.addAll(GROUPS.keySet().stream().sorted().toList());
        return names;
    }

    /** The writer whose kind or file name this is, or null. */
    public static FindingsWriter byName(String name) {
        for (FindingsWriter w : all()) {
            if (w.kind().equals(name) || w.fileName().equals(name)) {
                return w;
            }
        }
        return null;
    }
}
