package org.hyakuyobako.correlate;

import java.util.ArrayList;
import java.util.List;
import org.hyakuyobako.event.EvidenceEvent;

/**
 * The evidence one method gave about one host and one peer, merged: its strongest piece (score and
 * summary), how many pieces there were, their time span and the first references to pivot on. A
 * bot that reconnects a hundred times is one item seen a hundred times, not a hundred items.
 */
final class EvidenceItem {
    static final int MAX_REFERENCES = 10;

    final String method;
    final String peer;
    double score;
    String summary;
    long count;
    long first;
    long last;
    final List<String> references = new ArrayList<>();

    EvidenceItem(EvidenceEvent e) {
        this.method = e.method();
        this.peer = e.peer();
        this.score = e.score();
        this.summary = e.summary();
        this.first = e.timestampNanos();
        this.last = Math.max(e.timestampNanos(), e.endNanos());
        add(e.references());
        this.count = 1;
    }

    void merge(EvidenceEvent e) {
        count++;
        if (e.score() > score) {
            score = e.score();
            summary = e.summary();
        }
        first = Math.min(first, e.timestampNanos());
        last = Math.max(last, Math.max(e.timestampNanos(), e.endNanos()));
        add(e.references());
    }

    private void add(List<String> refs) {
        for (String r : refs) {
            if (references.size() >= MAX_REFERENCES) {
                return;
            }
            if (!references.contains(r)) {
                references.add(r);
            }
        }
    }
}
