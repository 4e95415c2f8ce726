package org.hyakuyobako.detect.blacklist;

import com.fasterxml.jackson.databind.JsonNode;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Consumer;
import org.hyakuyobako.net.Cidr;

/**
 * Loads shared intelligence ({@code analyze --intel FILE}) into the blacklist tables: STIX 2.1
 * bundles and MISP events as indicators, MISP warning lists as the {@link AllowList}. The format
 * is told by content, never by file name. Warning lists are loaded first, whatever the order of
 * the files, so a shared indicator that a warning list names is skipped (and counted) at import.
 * Each indicator becomes a {@link ListEntry} whose list is the file and the object's id, so a
 * blacklist finding names where the intelligence came from. URLs are read but not loaded: the
 * tables match addresses and names, and a URL's host may be a shared site that only one path of
 * is bad.
 */
public final class IntelLoader {
    private final Blacklists into;
    private final IntelReport report;

    public IntelLoader(Blacklists into, Consumer<String> messages) {
        this.into = into;
        this.report = new IntelReport(messages);
    }

    public IntelReport report() {
        return report;
    }

    /** Loads the files, warning lists first. A file that cannot be read is reported and left out. */
    public void load(List<Path> files) {
        List<Path> indicatorFiles = new ArrayList<>();
        for (Path f : files) {
            JsonNode root = tree(f);
            if (root == null) {
                continue;
            }
            if (WarningListReader.looksLike(root)) {
                WarningListReader.read(root, name(f), into.allow, report);
            } else if (StixIntelReader.looksLike(root) || MispIntelReader.looksLike(root)) {
                indicatorFiles.add(f);
            } else {
                report.badFile(f.toString(), "neither a STIX 2.1 bundle, a MISP event nor a MISP warning list");
            }
        }
        // Read again rather than keep every tree: a few files of up to 64 MB each would add up.
        for (Path f : indicatorFiles) {
            JsonNode root = tree(f);
            if (root != null) {
                add(indicators(root, name(f), report));
            }
        }
    }

    /** The indicators of one STIX bundle or MISP event file, not loaded anywhere (for tests and tools). */
    public static List<SharedIndicator> read(Path file, IntelReport report) throws IOException {
        JsonNode root = IntelJson.read(file);
        if (!StixIntelReader.looksLike(root) && !MispIntelReader.looksLike(root)) {
            throw new IOException(file + ": neither a STIX 2.1 bundle nor a MISP event");
        }
        return indicators(root, name(file), report);
    }

    private static List<SharedIndicator> indicators(JsonNode root, String file, IntelReport report) {
        return StixIntelReader.looksLike(root) ? StixIntelReader.read(root, file, report) : MispIntelReader.read(root, file, report);
    }

    private void add(List<SharedIndicator> indicators) {
        int ordinal = 0;
        for (SharedIndicator i : indicators) {
            ordinal++;
            ListEntry entry = new ListEntry(i.source() + " " + i.ref(), i.category(), i.value(), i.confidence(), ordinal);
            switch (i.kind()) {
                case ADDRESS -> {
                    Cidr prefix = Cidr.parse(i.value());
                    ListEntry allowed = into.allow.address(i.value().contains("/") ? i.value().substring(0, i.value().indexOf('/'))
                            : i.value());
                    if (allowed != null) {
                        report.skip(i.source(), i.ref(), "on a warning list");
                    } else {
                        into.addresses.add(prefix, entry);
                        report.loadedIndicator();
                    }
                }
                case DOMAIN -> {
                    if (into.allow.name(i.value()) != null) {
                        report.skip(i.source(), i.ref(), "on a warning list");
                    } else {
                        into.domains.add(i.value(), entry);
                        report.loadedIndicator();
                    }
                }
                case URL -> {
                    if (into.allow.value(i.value()) != null) {
                        report.skip(i.source(), i.ref(), "on a warning list");
                    } else {
                        report.tally("URL (blacklists match addresses and names, not paths)");
                    }
                }
            }
        }
    }

    private JsonNode tree(Path f) {
        try {
            if (!Files.isRegularFile(f)) {
                report.badFile(f.toString(), "no such file");
                return null;
            }
            return IntelJson.read(f);
        } catch (IOException e) {
            report.badFile(f.toString(), e.getMessage());
            return null;
        }
    }

    private static String name(Path f) {
        Path n = f.getFileName();
        return n == null ? f.toString() : n.toString();
    }
}
