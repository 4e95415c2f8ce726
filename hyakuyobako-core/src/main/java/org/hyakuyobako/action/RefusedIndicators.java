package org.hyakuyobako.action;

import java.util.ArrayList;
import java.util.List;

/**
 * Indicators a writer would not write because their text could not be made safe in its format
 * (a "domain" with a quote in it, a channel name with a newline): counted and reported, never
 * silently dropped.
 */
public final class RefusedIndicators {
    public record Refusal(String kind, Indicator indicator, String reason) {
    }

    private final List<Refusal> refusals = new ArrayList<>();

    public void refuse(String writerKind, Indicator indicator, String reason) {
        refusals.add(new Refusal(writerKind, indicator, reason));
    }

    public List<Refusal> all() {
        return List.copyOf(refusals);
    }

    public int count() {
        return refusals.size();
    }
}
