package org.hyakuyobako.detect.dns;

import java.io.IOException;
import java.io.Writer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.stream.Stream;

/**
 * Trains the {@link DgaModel} at build time (Maven's process-classes phase) from the corpus's DGA
 * lists ({@code <family>_1000.txt}) and benign list ({@code alexa_1000.txt}): add-one-smoothed
 * character bigram and unigram models of both classes, on every name whose hash puts it outside the held-back
 * fifth; the threshold is the lowest that calls at most {@link #MAX_FALSE_POSITIVES} of the training's
 * chosen names generated. The held-back fifth is
 * what {@code DgaModelTest} measures precision and recall on. Without the corpus it writes nothing
 * and says so: the build does not need it, only DGA detection does.
 */
public final class DgaTrainer {
    static final String BENIGN = "alexa_1000.txt";
    static final String ALPHABET = "abcdefghijklmnopqrstuvwxyz0123456789-^$";
    static final double MAX_FALSE_POSITIVES = 0.03;
    /**
     * Families that join dictionary words (Matsnu, Rovnix): a character model cannot tell them from
     * names people choose, and training on them teaches the "generated" model English. They are left
     * out of training and measured apart.
     */
    static final java.util.Set<String> DICTIONARY_FAMILIES = java.util.Set.of("matsnu_1000.txt", "rovnix_1000.txt");

    private DgaTrainer() {
    }

    /** Whether a name is held back from training (one in five, by a stable hash). */
    static boolean heldBack(String name) {
        return Math.floorMod(name.hashCode() * 31 + 7, 5) == 0;
    }

    /** Labels per class (true = generated), character-level families only. */
    static Map<Boolean, List<String>> read(Path dir, boolean held) throws IOException {
        Map<String, List<String>> byFile = readFamilies(dir, held);
        Map<Boolean, List<String>> out = new HashMap<>();
        out.put(true, new ArrayList<>());
        out.put(false, new ArrayList<>(byFile.getOrDefault(BENIGN, List.of())));
        byFile.forEach((file, labels) -> {
            if (!file.equals(BENIGN) && !DICTIONARY_FAMILIES.contains(file)) {
                out.get(true).addAll(labels);
            }
        });
        return out;
    }

    /** Labels per list file, the held-back fifth or the rest. */
    static Map<String, List<String>> readFamilies(Path dir, boolean held) throws IOException {
        Map<String, List<String>> out = new java.util.TreeMap<>();
        try (Stream<Path> files = Files.list(dir)) {
            for (Path f : files.filter(p -> p.toString().endsWith("_1000.txt")).sorted().toList()) {
                List<String> labels = new ArrayList<>();
                for (String line : Files.readAllLines(f, StandardCharsets.UTF_8)) {
                    String name = line.strip().toLowerCase(Locale.ROOT);
                    if (name.isEmpty() || heldBack(name) != held) {
                        continue;
                    }
                    String label = DgaModel.label(name);
                    if (label.length() >= DgaModel.MIN_LENGTH) {
                        labels.add(label);
                    }
                }
                out.put(f.getFileName().toString(), labels);
            }
        }
        return out;
    }

    static DgaModel train(Map<Boolean, List<String>> labels) {
        Map<String, Double> g = probabilities(labels.get(true));
        Map<String, Double> c = probabilities(labels.get(false));
        double unseenG = Math.log(1.0 / (count(labels.get(true)) + Math.pow(ALPHABET.length(), 2)));
        double unseenC = Math.log(1.0 / (count(labels.get(false)) + Math.pow(ALPHABET.length(), 2)));
        DgaModel scorer = new DgaModel(g, c, unseenG, unseenC, 0);
        // The lowest threshold that keeps chosen names judged "generated" at MAX_FALSE_POSITIVES or
        // fewer: a detector that calls one benign name in three generated is noise, whatever its F1.
        List<Double> chosenScores = new ArrayList<>();
        for (String l : labels.get(false)) {
            chosenScores.add(scorer.score(l));
        }
        chosenScores.sort(null);
        int allowed = (int) Math.floor(MAX_FALSE_POSITIVES * chosenScores.size());
        double best = chosenScores.isEmpty() ? 0 : chosenScores.get(Math.max(0, chosenScores.size() - 1 - allowed));
        return new DgaModel(g, c, unseenG, unseenC, best);
    }

    private static long count(List<String> labels) {
        return labels.stream().mapToLong(l -> l.length() + 1).sum();
    }

    /**
     * Add-one-smoothed log-probabilities of bigrams (keys of two characters) and of single characters
     * (keys "1" + character), over the alphabet with start and end marks.
     */
    private static Map<String, Double> probabilities(List<String> labels) {
        Map<String, Integer> bigrams = new HashMap<>();
        Map<String, Integer> unigrams = new HashMap<>();
        long total = 0;
        for (String l : labels) {
            String s = "^" + l + "$";
            for (int i = 1; i < s.length(); i++) {
                bigrams.merge(s.substring(i - 1, i + 1), 1, Integer::sum);
                unigrams.merge("1" + s.charAt(i - 1), 1, Integer::sum);
                total++;
            }
        }
        Map<String, Double> p = new HashMap<>();
        double bigramDenominator = total + Math.pow(ALPHABET.length(), 2);
        for (Map.Entry<String, Integer> e : bigrams.entrySet()) {
            p.put(e.getKey(), Math.log((e.getValue() + 1) / bigramDenominator));
        }
        double unigramDenominator = total + ALPHABET.length();
        for (Map.Entry<String, Integer> e : unigrams.entrySet()) {
            p.put(e.getKey(), Math.log((e.getValue() + 1) / unigramDenominator));
        }
        // The end mark never starts a bigram; count it as a character too.
        p.put("1$", Math.log((labels.size() + 1) / unigramDenominator));
        return p;
    }

    /** {@code DgaTrainer <corpus dga dir> <output file>}. */
    public static void main(String[] args) throws IOException {
        Path dir = Path.of(args[0]);
        Path out = Path.of(args[1]);
        if (!Files.isDirectory(dir)) {
            System.out.println("DgaTrainer: no " + dir + ": built without a DGA model (DGA look-ups will not be judged)");
            return;
        }
        Map<Boolean, List<String>> training = read(dir, false);
        DgaModel model = train(training);
        Files.createDirectories(out.getParent());
        try (Writer w = Files.newBufferedWriter(out, StandardCharsets.UTF_8)) {
            model.write(w, List.of("trained on " + training.get(true).size() + " generated and " + training.get(false).size()
                    + " chosen labels from " + dir.getFileName(), "threshold " + model.threshold));
        }
        System.out.printf("DgaTrainer: %d generated, %d chosen labels; threshold %.2f -> %s%n", training.get(true).size(),
                training.get(false).size(), model.threshold, out);
    }
}
