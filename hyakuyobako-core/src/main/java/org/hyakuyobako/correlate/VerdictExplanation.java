package org.hyakuyobako.correlate;

import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;

/**
 * A verdict in one sentence a person can check (D9: one explained verdict per host): the infection
 * chain when the evidence tells one, else the strongest item of each of the two strongest methods;
 * then how many methods agree and the bot groups. Each part quotes the evidence's own summary, so
 * the reader can find it in the host's evidence list and in eve.json.
 */
final class VerdictExplanation {
    /** Longest part quoted from an item's summary. */
    static final int MAX_PART = 220;

    private VerdictExplanation() {
    }

    static String of(Assessment a, List<String> groups) {
        List<String> parts = new ArrayList<>();
        Set<String> told = new LinkedHashSet<>();
        if (a.chain() != null) {
            parts.add("an infection chain: " + a.chain().sentence());
            a.chain().links().forEach(i -> told.add(i.method));
            told.add("chain");
        }
        for (EvidenceItem i : a.evidence()) {
            if (parts.size() >= 2) {
                break;
            }
            if (told.add(i.method)) {
                parts.add(i.method + ": " + clip(i.summary));
            }
        }
        // The chain is made of the other methods' items: it is no method of its own in the count.
        long methods = a.methodScores().entrySet().stream().filter(m -> m.getValue() > 0 && !m.getKey().equals("chain")).count();
        StringBuilder s = new StringBuilder(a.verdict()).append(" because ").append(String.join("; and ", parts));
        List<String> notes = new ArrayList<>();
        if (methods > 1) {
            notes.add(methods + " methods agree");
        }
        if (!groups.isEmpty()) {
            notes.add("bot group " + String.join(", ", groups));
        }
        if (!notes.isEmpty()) {
            s.append(" (").append(String.join("; ", notes)).append(')');
        }
        return s.toString();
    }

    private static String clip(String summary) {
        if (summary == null) {
            return "";
        }
        return summary.length() > MAX_PART ? summary.substring(0, MAX_PART) + "…" : summary;
    }
}
