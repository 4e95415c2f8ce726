package org.hyakuyobako.detect.signature;

import java.util.Arrays;
import java.util.function.IntConsumer;

/**
 * The rules that are candidates in one inspection, each listed once however often its patterns
 * occur: a stamp per rule says whether it was listed in the current inspection. One per rule slot,
 * reused for every inspection of that slot; it is also what the scanners report their hits to, so
 * an inspection allocates no callback objects (a capturing lambda and a method reference per
 * inspection were a tenth of the engine's allocations on the payload mix).
 */
final class CandidateSet implements IntConsumer, AhoCorasick.Hits {
    private final int[] stamp;
    private final int[] listed;
    private int count;
    private int generation;

    CandidateSet(int rules) {
        stamp = new int[rules];
        listed = new int[rules];
    }

    /** Empties the set for the next inspection. */
    void start() {
        if (++generation == Integer.MAX_VALUE) {
            Arrays.fill(stamp, 0);
            generation = 1;
        }
        count = 0;
    }

    @Override
    public void accept(int id) {
        if (stamp[id] != generation) {
            stamp[id] = generation;
            listed[count++] = id;
        }
    }

    @Override
    public void hit(int id) {
        accept(id);
    }

    int count() {
        return count;
    }

    /** Puts the candidates in rule order (the order verification wants: flowbit setters first). */
    void sort() {
        Arrays.sort(listed, 0, count);
    }

    /** The {@code k}-th candidate. */
    int get(int k) {
        return listed[k];
    }
}
