package org.hyakuyobako.detect.http;

import java.util.Map;

/**
 * Signs into one score: their points added, up to {@link #MAX}; one sign alone at most
 * {@link #SINGLE_SIGN_CAP}. Added rather than multiplied as chances because the signs are not
 * independent observations of one thing but different faces of a C&C client; two strong signs
 * make 0.75 to 0.8, a strong and a weak one 0.45 to 0.65, two weak ones 0.3 to 0.45.
 */
final class C2Score {
    static final double MAX = 0.9;
    static final double SINGLE_SIGN_CAP = 0.3;

    private C2Score() {
    }

    static double of(Map<C2Sign, String> signs) {
        double sum = 0;
        for (C2Sign s : signs.keySet()) {
            sum += s.points;
        }
        double score = Math.min(MAX, sum);
        return signs.size() < 2 ? Math.min(SINGLE_SIGN_CAP, score) : score;
    }
}
