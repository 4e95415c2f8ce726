package org.hyakuyobako.testing;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.dataformat.yaml.YAMLMapper;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;

/**
 * One suricata-verify test as its files define it: a {@code test.yaml} (or {@code <name>.test.yaml}
 * where several tests share one capture), the capture beside it, its rules ({@code <name>.test.rules},
 * else {@code test.rules} or {@code input.rules}) and its Suricata configuration, if any. Adding a
 * case to the corpus is adding a folder: nothing here names one.
 */
public record SuricataVerifyCase(String name, Path testYaml, Path capture, Path rules, Path suricataYaml, JsonNode test) {
    private static final YAMLMapper YAML = new YAMLMapper();

    /** Every test under {@code root} (one folder per test, one level deep), sorted by name. */
    public static List<SuricataVerifyCase> under(Path root) throws IOException {
        List<SuricataVerifyCase> cases = new ArrayList<>();
        try (Stream<Path> dirs = Files.list(root)) {
            for (Path dir : dirs.filter(Files::isDirectory).sorted().toList()) {
                try (Stream<Path> files = Files.list(dir)) {
                    for (Path yaml : files.filter(f -> f.getFileName().toString().endsWith("test.yaml")).sorted().toList()) {
                        cases.add(of(yaml));
                    }
                }
            }
        }
        return cases;
    }

    static SuricataVerifyCase of(Path testYaml) throws IOException {
        Path dir = testYaml.getParent();
        String file = testYaml.getFileName().toString();
        String prefix = file.substring(0, file.length() - "test.yaml".length());
        String name = dir.getFileName() + (prefix.isEmpty() ? "" : "/" + prefix.substring(0, prefix.length() - 1));
        Path rules = first(dir.resolve(prefix + "test.rules"), prefix.isEmpty() ? dir.resolve("input.rules") : null);
        Path config = first(dir.resolve(prefix + "suricata.yaml"), null);
        return new SuricataVerifyCase(name, testYaml, capture(dir), rules, config, YAML.readTree(testYaml.toFile()));
    }

    /** The one capture in the folder (a test.yaml's own {@code pcap:} points into upstream's tree, not here). */
    private static Path capture(Path dir) throws IOException {
        try (Stream<Path> files = Files.list(dir)) {
            List<Path> captures = files.filter(f -> f.toString().endsWith(".pcap") || f.toString().endsWith(".pcapng")).toList();
            if (captures.size() != 1) {
                throw new AssertionError(dir + ": expected one capture, found " + captures);
            }
            return captures.get(0);
        }
    }

    private static Path first(Path a, Path b) {
        if (Files.isRegularFile(a)) {
            return a;
        }
        return b != null && Files.isRegularFile(b) ? b : null;
    }

    /** The {@code checks:} list. */
    public List<JsonNode> checks() {
        List<JsonNode> checks = new ArrayList<>();
        test.path("checks").forEach(checks::add);
        return checks;
    }
}
