package org.hyakuyobako.rules;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.Map;

/**
 * Snort's and Suricata's classification.config ({@code config classification: name,description,priority}):
 * a classtype's description is the alert's category, its priority the alert's severity.
 */
public final class ClassificationConfig {
    public record Classification(String description, int priority) {
    }

    private final Map<String, Classification> classes = new HashMap<>();

    public static ClassificationConfig read(Path file) throws IOException {
        return parse(Files.readString(file, StandardCharsets.UTF_8));
    }

    /** Suricata's own classification.config, shipped for rule sets that come without one. */
    public static ClassificationConfig bundled() {
        return parse(RuleSet.resource("/org/hyakuyobako/rules/classification.config"));
    }

    static ClassificationConfig parse(String text) {
        ClassificationConfig c = new ClassificationConfig();
        for (String raw : text.split("\n")) {
            String line = raw.strip();
            if (!line.startsWith("config classification:")) {
                continue;
            }
            String[] parts = line.substring("config classification:".length()).split(",");
            if (parts.length < 3) {
                continue;
            }
            try {
                c.classes.put(parts[0].strip(), new Classification(parts[1].strip(), Integer.parseInt(parts[2].strip())));
            } catch (NumberFormatException e) {
                // A malformed line gives no priority; its rules fall back to priority 3.
            }
        }
        return c;
    }

    public Classification get(String classtype) {
        return classtype == null ? null : classes.get(classtype);
    }

    public Map<String, Integer> priorities() {
        Map<String, Integer> out = new HashMap<>();
        classes.forEach((k, v) -> out.put(k, v.priority()));
        return out;
    }

    public int size() {
        return classes.size();
    }
}
