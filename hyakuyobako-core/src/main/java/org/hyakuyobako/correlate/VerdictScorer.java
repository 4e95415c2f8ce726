package org.hyakuyobako.correlate;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.EnumSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;

/**
 * Combines one host's evidence into a score and a verdict (seed 000: no single sensor is enough).
 *
 * <ol>
 *   <li>Within a method, items are weighted by the method's weight and combined as independent
 *       chances (noisy-OR), the i-th strongest damped by {@code decay^i}: repeats add little.</li>
 *   <li>Across methods, the method strengths combine as independent chances: two methods at 0.6
 *       give 0.84, where one method at 0.6 twenty times stays near 0.6 + 0.6·0.4·(0.5+0.25+…).</li>
 *   <li>Each life-cycle stage beyond the first (a stage counts when its methods together reach
 *       {@code combine.min_stage_strength}), and membership of a synchronized bot group, remove a
 *       configured share of the remaining doubt.</li>
 * </ol>
 * {@code infected} needs the infected threshold and either two methods or one item strong enough
 * alone; {@code suspicious} needs its threshold.
 */
final class VerdictScorer {
    private final CorrelationConfig config;
    private final InfectionChains chains;

    VerdictScorer(CorrelationConfig config) {
        this.config = config;
        this.chains = new InfectionChains(config, this::weighted);
    }

    double weighted(EvidenceItem i) {
        return Math.min(1, Math.max(0, i.score) * config.method(i.method).weight());
    }

    Assessment assess(HostCase c) {
        InfectionChain chain = chains.strongest(c.items());
        List<EvidenceItem> all = new ArrayList<>(c.items());
        Set<EvidenceItem> chained = java.util.Collections.newSetFromMap(new java.util.IdentityHashMap<>());
        if (chain != null) {
            chained.addAll(chain.links());
            all.add(chainItem(c.host, chain));
        }
        Map<String, List<EvidenceItem>> byMethod = new LinkedHashMap<>();
        for (EvidenceItem i : all) {
            if (config.method(i.method).stage() == Stage.INBOUND && !chained.contains(i)) {
                // An attempt on the host that led to nothing says nothing about the host (honeypots see them all day).
                continue;
            }
            byMethod.computeIfAbsent(i.method, k -> new ArrayList<>()).add(i);
        }
        Map<String, Double> methodScores = new LinkedHashMap<>();
        Set<Stage> stages = EnumSet.noneOf(Stage.class);
        Map<Stage, Double> stageDoubt = new java.util.EnumMap<>(Stage.class);
        double doubt = 1;
        double strongestItem = 0;
        for (Map.Entry<String, List<EvidenceItem>> m : byMethod.entrySet()) {
            List<EvidenceItem> items = new ArrayList<>(m.getValue());
            items.sort(Comparator.comparingDouble(this::weighted).reversed());
            double methodDoubt = 1;
            double stagedDoubt = 1;
            double damp = 1;
            Stage stage = config.method(m.getKey()).stage();
            // Inbound, exploit and download evidence counts for the life cycle only inside a chain:
            // an exploit attempt that led to nothing, or an updater's download, is no dialog.
            boolean chainOnly = stage == Stage.INBOUND || stage == Stage.EXPLOIT || stage == Stage.DOWNLOAD;
            for (int k = 0; k < items.size() && k < config.maxPerMethod(); k++) {
                double w = weighted(items.get(k));
                strongestItem = Math.max(strongestItem, w);
                methodDoubt *= 1 - w * damp;
                if (!chainOnly || chained.contains(items.get(k))) {
                    stagedDoubt *= 1 - w * damp;
                }
                damp *= config.sameMethodDecay();
            }
            double strength = 1 - methodDoubt;
            methodScores.put(m.getKey(), strength);
            doubt *= methodDoubt;
            if (stage != Stage.OTHER) {
                stageDoubt.merge(stage, stagedDoubt, (a, b) -> a * b);
            }
        }
        stageDoubt.forEach((stage, d) -> {
            if (1 - d >= config.minStageStrength()) {
                stages.add(stage);
            }
        });
        // A link of the chain is a stage of the story however weak alone (an exploit attempt is 0.2).
        for (EvidenceItem link : chained) {
            Stage stage = config.method(link.method).stage();
            if (stage != Stage.OTHER) {
                stages.add(stage);
            }
        }
        if (stages.size() > 1) {
            doubt *= Math.pow(1 - config.lifecycleBonus(), stages.size() - 1);
        }
        boolean inGroup = !c.groups.isEmpty();
        if (inGroup) {
            doubt *= 1 - config.groupBonus();
        }
        double score = 1 - doubt;
        long methods = methodScores.values().stream().filter(s -> s > 0).count();
        String verdict = null;
        if (score >= config.infected() && (methods >= 2 || strongestItem >= config.infectedSingleMethod())) {
            verdict = "infected";
        } else if (score >= config.suspicious()) {
            verdict = "suspicious";
        }
        List<EvidenceItem> evidence = new ArrayList<>(all);
        evidence.sort(Comparator.comparingDouble(this::weighted).reversed().thenComparingLong(i -> i.first));
        Map<String, Double> sorted = new LinkedHashMap<>();
        methodScores.entrySet().stream().sorted(Map.Entry.<String, Double>comparingByValue().reversed())
                .forEach(e -> sorted.put(e.getKey(), e.getValue()));
        return new Assessment(c.host, verdict, score, sorted, new TreeSet<>(stages), inGroup,
                evidence.subList(0, Math.min(evidence.size(), config.maxEvidence())), chain);
    }

    /** The chain as one item of method {@code chain}: named by the download source, or the attacker when nothing was fetched. */
    private static EvidenceItem chainItem(String host, InfectionChain chain) {
        EvidenceItem source = chain.links().stream().filter(i -> i.method.equals("download")).findFirst().orElse(chain.links().get(0));
        List<String> refs = new ArrayList<>();
        // The steps first, for the host page's and the report's chain timeline: method|peer|time of each link.
        for (EvidenceItem i : chain.links()) {
            refs.add("step:" + i.method + "|" + (i.peer == null ? "" : i.peer) + "|" + i.first);
        }
        for (EvidenceItem i : chain.links()) {
            refs.addAll(i.references.stream().filter(r -> r.startsWith("flow:")).limit(1).toList());
        }
        return new EvidenceItem(new org.hyakuyobako.event.EvidenceEvent(chain.first(), chain.last(), host, source.peer, "chain",
                chain.score(), "infection chain: " + chain.sentence(), refs));
    }
}
