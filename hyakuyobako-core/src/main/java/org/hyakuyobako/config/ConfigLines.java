package org.hyakuyobako.config;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.Reader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * The line format of the project's small configuration files (bot vocabulary, correlation weights,
 * dynamic-DNS providers): UTF-8 text, one entry per line, blank lines and lines starting with '#'
 * skipped. The handler gets the stripped line and its number, so its errors can name file and line.
 */
public final class ConfigLines {
    private ConfigLines() {
    }

    /** What a file's entries become. */
    @FunctionalInterface
    public interface Handler {
        void line(String text, int number) throws IOException;
    }

    public static void read(Reader reader, Handler handler) throws IOException {
        BufferedReader in = new BufferedReader(reader);
        String line;
        int number = 0;
        while ((line = in.readLine()) != null) {
            number++;
            String text = line.strip();
            if (!text.isEmpty() && !text.startsWith("#")) {
                handler.line(text, number);
            }
        }
    }

    public static void read(Path file, Handler handler) throws IOException {
        try (Reader r = Files.newBufferedReader(file, StandardCharsets.UTF_8)) {
            read(r, handler);
        }
    }

    /**
     * A file bundled beside {@code owner}'s class; a missing or unreadable one is a broken build,
     * not a user's mistake.
     */
    public static void readBundled(Class<?> owner, String name, Handler handler) {
        try (InputStream in = owner.getResourceAsStream(name)) {
            if (in == null) {
                throw new IllegalStateException(name + " is missing from the build");
            }
            read(new InputStreamReader(in, StandardCharsets.UTF_8), handler);
        } catch (IOException e) {
            throw new IllegalStateException("cannot read the bundled " + name + ": " + e.getMessage(), e);
        }
    }
}
