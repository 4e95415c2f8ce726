package org.hyakuyobako.detect.blacklist;

import java.util.Map;
import java.util.TreeMap;
import java.util.function.Consumer;

/**
 * What importing shared intelligence did: how many indicators and allow-list entries it loaded,
 * and how many it skipped for which reason, each skip also told as one line naming the file and
 * the object, so nothing is dropped silently.
 */
public final class IntelReport {
    private final Consumer<String> messages;
    private final Map<String, Long> skipped = new TreeMap<>();
    private long indicators;
    private long allowEntries;
    private long badFiles;

    public IntelReport(Consumer<String> messages) {
        this.messages = messages;
    }

    /** An object skipped; {@code reason} is short and counts as the tally's key. */
    public void skip(String file, String ref, String reason) {
        skipped.merge(reason, 1L, Long::sum);
        messages.accept(file + (ref == null ? "" : ": " + ref) + ": " + reason + "; skipped");
    }

    /**
     * An object left out by design (a MISP attribute type or to_ids false, a URL): counted in the
     * summary, without a line each, so a normal event's context does not bury the real problems.
     */
    public void tally(String reason) {
        skipped.merge(reason, 1L, Long::sum);
    }

    /** A whole file that could not be read. */
    public void badFile(String file, String why) {
        badFiles++;
        messages.accept(file + ": " + why + "; file not used");
    }

    void loadedIndicator() {
        indicators++;
    }

    void loadedAllowEntry() {
        allowEntries++;
    }

    public long indicators() {
        return indicators;
    }

    public long allowEntries() {
        return allowEntries;
    }

    public long badFiles() {
        return badFiles;
    }

    public Map<String, Long> skipped() {
        return Map.copyOf(skipped);
    }

    public long skippedTotal() {
        return skipped.values().stream().mapToLong(Long::longValue).sum();
    }

    /** "12 indicators loaded, 3 allow-list entries, 2 skipped (1 allow-listed, 1 pattern not supported)". */
    public String summary() {
        StringBuilder b = new StringBuilder();
        b.append(String.format("%,d indicators loaded, %,d allow-list entries, %,d skipped", indicators, allowEntries, skippedTotal()));
        if (!skipped.isEmpty()) {
            b.append(" (");
            b.append(String.join(", ", skipped.entrySet().stream().map(e -> String.format("%,d %s", e.getValue(), e.getKey())).toList()));
            b.append(')');
        }
        if (badFiles > 0) {
            b.append(String.format(", %,d unreadable file(s)", badFiles));
        }
        return b.toString();
    }
}
