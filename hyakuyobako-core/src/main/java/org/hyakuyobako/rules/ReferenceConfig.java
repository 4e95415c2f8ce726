package org.hyakuyobako.rules;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.Map;

/** reference.config ({@code config reference: url http://}): turns {@code reference:url,x} into a link. */
public final class ReferenceConfig {
    private final Map<String, String> prefixes = new HashMap<>();

    public static ReferenceConfig read(Path file) throws IOException {
        ReferenceConfig r = new ReferenceConfig();
        for (String raw : Files.readAllLines(file, StandardCharsets.UTF_8)) {
            String line = raw.strip();
            if (!line.startsWith("config reference:")) {
                continue;
            }
            String[] parts = line.substring("config reference:".length()).strip().split("\\s+", 2);
            if (parts.length == 2) {
                r.prefixes.put(parts[0].toLowerCase(java.util.Locale.ROOT), parts[1].strip());
            }
        }
        return r;
    }

    /** {@code url,example.com/x} as {@code http://example.com/x}; unknown systems are returned as written. */
    public String resolve(String reference) {
        int comma = reference.indexOf(',');
        if (comma < 0) {
            return reference;
        }
        String prefix = prefixes.get(reference.substring(0, comma).strip().toLowerCase(java.util.Locale.ROOT));
        String id = reference.substring(comma + 1).strip();
        return prefix == null ? reference : prefix + id;
    }

    public int size() {
        return prefixes.size();
    }
}
