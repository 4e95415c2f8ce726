package org.hyakuyobako.detect.dns;

import java.io.IOException;
import java.io.InputStream;
import java.io.Writer;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Properties;

/**
 * Tells algorithmically generated domain names (DGA, seed 003: bots that compute their C&C's name
 * each day) from names people chose, by two character models of the registered label (the
 * {@code xkqjzv} of {@code xkqjzv.biz}): the per-character log-likelihood ratio of "generated" over
 * "chosen", against a threshold fixed at training. Trained at build time ({@link DgaTrainer}) from
 * the DGA and benign lists of the shared corpus; with no model bundled, nothing is judged.
 */
public final class DgaModel {
    static final String RESOURCE = "dga-model.properties";
    static final int MIN_LENGTH = 6;

    private final Map<String, Double> generated;
    private final Map<String, Double> chosen;
    private final double unseenGenerated;
    private final double unseenChosen;
    final double threshold;

    DgaModel(Map<String, Double> generated, Map<String, Double> chosen, double unseenGenerated, double unseenChosen, double threshold) {
        this.generated = generated;
        this.chosen = chosen;
        this.unseenGenerated = unseenGenerated;
        this.unseenChosen = unseenChosen;
        this.threshold = threshold;
    }

    /** The model built with the jar, or null when the build had no corpus to train on. */
    public static DgaModel bundled() {
        try (InputStream in = DgaModel.class.getResourceAsStream(RESOURCE)) {
            if (in == null) {
                return null;
            }
            Properties p = new Properties();
            p.load(in);
            return read(p);
        } catch (IOException | RuntimeException e) {
            return null;
        }
    }

    static DgaModel read(Properties p) {
        Map<String, Double> g = new HashMap<>();
        Map<String, Double> c = new HashMap<>();
        for (String key : p.stringPropertyNames()) {
            if (key.startsWith("g.")) {
                g.put(key.substring(2), Double.parseDouble(p.getProperty(key)));
            } else if (key.startsWith("c.")) {
                c.put(key.substring(2), Double.parseDouble(p.getProperty(key)));
            }
        }
        return new DgaModel(g, c, Double.parseDouble(p.getProperty("unseen.g")), Double.parseDouble(p.getProperty("unseen.c")),
                Double.parseDouble(p.getProperty("threshold")));
    }

    void write(Writer out, List<String> comments) throws IOException {
        Properties p = new Properties();
        generated.forEach((k, v) -> p.setProperty("g." + k, Double.toString(v)));
        chosen.forEach((k, v) -> p.setProperty("c." + k, Double.toString(v)));
        p.setProperty("unseen.g", Double.toString(unseenGenerated));
        p.setProperty("unseen.c", Double.toString(unseenChosen));
        p.setProperty("threshold", Double.toString(threshold));
        p.store(out, String.join("; ", comments));
    }

    /** The label a DGA computes: the registered domain's first label, lower case. */
    static String label(String name) {
        String registered = RegisteredDomain.of(name.toLowerCase(Locale.ROOT));
        int dot = registered.indexOf('.');
        return dot < 0 ? registered : registered.substring(0, dot);
    }

    /**
     * Log-likelihood ratio per character, generated over chosen: higher is more machine-like. Each
     * model is a bigram model interpolated with its unigram model ({@link #BIGRAM_WEIGHT}), which
     * generalises from the few hundred benign names the corpus has better than trigrams do.
     */
    double score(String label) {
        String s = "^" + label + "$";
        double sum = 0;
        int n = 0;
        for (int i = 1; i < s.length(); i++) {
            String bi = s.substring(i - 1, i + 1);
            String uni = s.substring(i, i + 1);
            sum += Math.log(probability(generated, bi, uni, unseenGenerated)) - Math.log(probability(chosen, bi, uni, unseenChosen));
            n++;
        }
        return n == 0 ? 0 : sum / n;
    }

    static final double BIGRAM_WEIGHT = 0.7;

    /** P(c | previous) = w·P(bigram)/P(previous) + (1-w)·P(c), from stored log-probabilities. */
    private static double probability(Map<String, Double> model, String bigram, String unigram, double unseen) {
        double pBigram = Math.exp(model.getOrDefault(bigram, unseen));
        double pPrevious = Math.exp(model.getOrDefault("1" + bigram.charAt(0), unseen));
        double pUnigram = Math.exp(model.getOrDefault("1" + unigram, unseen));
        return BIGRAM_WEIGHT * Math.min(1, pBigram / pPrevious) + (1 - BIGRAM_WEIGHT) * pUnigram;
    }

    /** Whether the name looks generated (labels shorter than {@link #MIN_LENGTH} are never judged). */
    public boolean looksGenerated(String name) {
        String l = label(name);
        return l.length() >= MIN_LENGTH && score(l) > threshold;
    }
}
