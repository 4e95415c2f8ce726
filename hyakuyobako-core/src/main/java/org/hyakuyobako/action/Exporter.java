package org.hyakuyobako.action;

import java.io.IOException;
import java.io.StringWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.ArrayList;
import java.util.List;

/**
 * Writes the chosen formats into a folder, each file whole or not at all (written beside, then
 * moved into place), so a firewall or resolver that reloads on change never reads half a file.
 */
public final class Exporter {
    /** One file written: its path and what went into it. */
    public record Written(FindingsWriter writer, Path file, long bytes) {
    }

    private final RefusedIndicators refused = new RefusedIndicators();

    public List<Written> export(Findings findings, ExportSettings settings, List<FindingsWriter> writers, Path outDir)
            throws IOException {
        Files.createDirectories(outDir);
        List<Written> written = new ArrayList<>();
        for (FindingsWriter w : writers) {
            String text = render(w, findings, settings);
            Path target = outDir.resolve(w.fileName());
            Path staging = outDir.resolve("." + w.fileName() + ".partial");
            Files.writeString(staging, text, StandardCharsets.UTF_8);
            Files.move(staging, target, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
            written.add(new Written(w, target, text.getBytes(StandardCharsets.UTF_8).length));
        }
        return written;
    }

    /** One format as text, for the web UI's downloads and for tests. */
    public String render(FindingsWriter w, Findings findings, ExportSettings settings) throws IOException {
        StringWriter out = new StringWriter();
        w.write(findings, settings, out, refused);
        return out.toString();
    }

    public RefusedIndicators refused() {
        return refused;
    }
}
