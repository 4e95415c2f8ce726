package org.hyakuyobako.correlate;

import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * The correlation's conclusion about one host.
 *
 * @param verdict "infected", "suspicious", or null when the evidence is below both thresholds
 * @param methodScores each method's combined strength after weighting, strongest first
 * @param stages the life-cycle stages the evidence covers
 * @param evidence the items behind it, strongest (after weighting) first
 * @param chain the strongest story its evidence tells, or null
 */
record Assessment(String host, String verdict, double score, Map<String, Double> methodScores, Set<Stage> stages,
                  boolean inGroup, List<EvidenceItem> evidence, InfectionChain chain) {
}
