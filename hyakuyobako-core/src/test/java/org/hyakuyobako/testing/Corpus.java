package org.hyakuyobako.testing;

import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;

/**
 * The shared corpus of real captures and peer outputs (../shared/corpus beside the checkout).
 * Tests that use it fail, rather than skip, when it is missing: a silently skipped agreement
 * test would hide exactly the regressions it exists for.
 */
public final class Corpus {
    private Corpus() {
    }

    public static Path root() {
        String base = System.getProperty("hyakuyobako.root");
        Path start = base != null ? Path.of(base) : Path.of("").toAbsolutePath();
        for (Path p = start.toAbsolutePath(); p != null; p = p.getParent()) {
            Path candidate = p.resolve("../shared/corpus").normalize();
            if (Files.isDirectory(candidate)) {
                return candidate;
            }
            candidate = p.resolve("shared/corpus");
            if (Files.isDirectory(candidate)) {
                return candidate;
            }
        }
        throw new AssertionError("shared corpus not found beside " + start + " (expected ../shared/corpus)");
    }

    public static Path file(String relative) {
        Path p = root().resolve(relative);
        assertTrue(Files.isRegularFile(p), "corpus file missing: " + p);
        return p;
    }
}
