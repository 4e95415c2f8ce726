package org.hyakuyobako.detect.dns;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.Reader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashSet;
import java.util.Locale;
import java.util.Set;

/**
 * Dynamic-DNS provider domains, from the bundled {@code dyndns-providers.txt} and the user's files:
 * a name under one of them ({@code mybot.no-ip.org}) is a name whose address its owner changes at
 * will, which is why bots of seed 000's era used them for their C&C.
 */
public final class DynamicDnsProviders {
    private final Set<String> domains = new HashSet<>();

    public static DynamicDnsProviders bundled() {
        DynamicDnsProviders p = new DynamicDnsProviders();
        try (InputStream in = DynamicDnsProviders.class.getResourceAsStream("dyndns-providers.txt")) {
            if (in != null) {
                p.read(new InputStreamReader(in, StandardCharsets.UTF_8));
            }
        } catch (IOException e) {
            throw new IllegalStateException("cannot read the bundled dyndns-providers.txt: " + e.getMessage(), e);
        }
        return p;
    }

    /** Adds a user's file (one domain per line, '#' comments). */
    public DynamicDnsProviders add(Path file) throws IOException {
        try (Reader r = Files.newBufferedReader(file, StandardCharsets.UTF_8)) {
            read(r);
        }
        return this;
    }

    private void read(Reader reader) throws IOException {
        BufferedReader in = new BufferedReader(reader);
        String line;
        while ((line = in.readLine()) != null) {
            int hash = line.indexOf('#');
            String d = (hash >= 0 ? line.substring(0, hash) : line).strip().toLowerCase(Locale.ROOT);
            if (!d.isEmpty()) {
                domains.add(d.startsWith(".") ? d.substring(1) : d);
            }
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
