package org.hyakuyobako.detect.dns;

import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.util.List;
import java.util.Map;
import org.hyakuyobako.testing.Corpus;
import org.junit.jupiter.api.Test;

/**
 * The DGA model trained at build time, measured on the fifth of the corpus names held back from
 * training: precision, recall and the benign false-positive rate overall, and recall per family
 * (dictionary families, which no character model catches, printed apart).
 */
class DgaModelTest {
    @Test
    void precisionAndRecallOnHeldBackNames() throws IOException {
        DgaModel model = DgaModel.bundled();
        assertNotNull(model, "the build trains the model from ../shared/corpus/dga-andrewaeva");
        Map<String, List<String>> families = DgaTrainer.readFamilies(Corpus.root().resolve("dga-andrewaeva"), true);
        int tp = 0;
        int fn = 0;
        int fp = 0;
        int tn = 0;
        StringBuilder perFamily = new StringBuilder();
        for (Map.Entry<String, List<String>> f : families.entrySet()) {
            int hits = (int) f.getValue().stream().filter(l -> model.score(l) > model.threshold).count();
            String family = f.getKey().replace("_1000.txt", "");
            perFamily.append(String.format(" %s %d/%d%s", family, hits, f.getValue().size(),
                    DgaTrainer.DICTIONARY_FAMILIES.contains(f.getKey()) ? " (dictionary)" : ""));
            if (f.getKey().equals(DgaTrainer.BENIGN)) {
                fp += hits;
                tn += f.getValue().size() - hits;
            } else if (!DgaTrainer.DICTIONARY_FAMILIES.contains(f.getKey())) {
                tp += hits;
                fn += f.getValue().size() - hits;
            }
        }
        double precision = tp / (double) Math.max(1, tp + fp);
        double recall = tp / (double) Math.max(1, tp + fn);
        double falsePositiveRate = fp / (double) Math.max(1, fp + tn);
        System.out.printf("DGA model on held-back names: precision %.3f, recall %.3f (character-level families), "
                + "benign false-positive rate %.3f, threshold %.2f; per list:%s%n", precision, recall, falsePositiveRate,
                model.threshold, perFamily);
        assertTrue(precision >= 0.95, "precision " + precision);
        assertTrue(recall >= 0.8, "recall " + recall);
        assertTrue(falsePositiveRate <= 0.08, "false-positive rate " + falsePositiveRate);
    }

    @Test
    void judgesTheRegisteredLabel() {
        DgaModel model = DgaModel.bundled();
        assertNotNull(model);
        assertTrue(model.looksGenerated("www.hufofpnjsqxzv.biz"));
        assertTrue(model.looksGenerated("1vhg0sj1bfa2ue1r2o6z1v4kn2s8.net"));
        assertFalse(model.looksGenerated("www.wikipedia.org"));
        assertFalse(model.looksGenerated("www.abc.com"), "labels under six characters are never judged");
    }
}
