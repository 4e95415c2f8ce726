package org.hyakuyobako.detect.dns;

import java.io.IOException;
import java.nio.file.Path;
import java.util.HashSet;
import java.util.Locale;
import java.util.Set;
import org.hyakuyobako.config.ConfigLines;

/**
 * Dynamic-DNS provider domains, from the bundled {@code dyndns-providers.txt} and the user's files:
 * a name under one of them ({@code mybot.no-ip.org}) is a name whose address its owner changes at
 * will, which is why bots of seed 000's era used them for their C&C.
 */
public final class DynamicDnsProviders {
    private final Set<String> domains = new HashSet<>();

    public static DynamicDnsProviders bundled() {
        DynamicDnsProviders p = new DynamicDnsProviders();
        ConfigLines.readBundled(DynamicDnsProviders.class, "dyndns-providers.txt", (text, number) -> p.line(text));
        return p;
    }

    /** Adds a user's file (one domain per line, '#' comments). */
    public DynamicDnsProviders add(Path file) throws IOException {
        ConfigLines.read(file, (text, number) -> line(text));
        return this;
    }

    /** A domain, possibly followed by a '#' comment. */
    private void line(String text) {
        int hash = text.indexOf('#');
        String d = (hash >= 0 ? text.substring(0, hash) : text).strip().toLowerCase(Locale.ROOT);
        if (!d.isEmpty()) {
            domains.add(d.startsWith(".") ? d.substring(1) : d);
        }
    }

    /** The provider domain the name falls under, or null. */
    public String providerOf(String name) {
        String n = name.toLowerCase(Locale.ROOT);
        for (int dot = n.indexOf('.'); dot >= 0; dot = n.indexOf('.', dot + 1)) {
            String suffix = n.substring(dot + 1);
            if (domains.contains(suffix)) {
                return suffix;
            }
        }
        return null;
    }

    public int size() {
        return domains.size();
    }
}
