package org.hyakuyobako.cli;

import java.nio.file.Path;

/** Where the bundled examples are, as CliTest finds them. */
final class CliPaths {
    private static final Path ROOT = Path.of(System.getProperty("hyakuyobako.root", ".."));

    private CliPaths() {
    }

    static String example(String name) {
        return ROOT.resolve("examples").resolve(name).toString();
    }
}
