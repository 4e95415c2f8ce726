package org.hyakuyobako.testing;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * A suricata-verify {@code filter:} check, evaluated as its runner (run.py, FilterCheck) does: the
 * EVE records whose every {@code match:} entry holds are counted, and the count must equal
 * {@code count:} (at least one when no count is given). Values compare as numbers, booleans or text;
 * {@code has-key}, {@code not-has-key} and the {@code __len}, {@code __find}, {@code __startswith},
 * {@code __endswith} suffixes are understood.
 *
 * <p>For the field tally, a check's fields are its count and, when records are expected, its match
 * entries; the entries that agree are those of our record that meets the most of them.
 */
public record SuricataVerifyFilter(JsonNode filter) {
    /** The outcome of one check against one run's records. */
    public record Outcome(boolean agrees, int fields, int fieldsAgreeing, String why) {
    }

    public Outcome evaluate(List<JsonNode> eve) {
        List<Map.Entry<String, JsonNode>> match = new ArrayList<>();
        filter.path("match").fields().forEachRemaining(match::add);
        int matching = 0;
        int best = -1;
        List<String> bestMisses = List.of();
        for (JsonNode record : eve) {
            List<String> misses = new ArrayList<>();
            for (Map.Entry<String, JsonNode> m : match) {
                if (!holds(record, m.getKey(), m.getValue())) {
                    misses.add(m.getKey() + "=" + m.getValue().asText() + " (ours " + EveRecords.at(record, base(m.getKey())) + ")");
                }
            }
            if (misses.isEmpty()) {
                matching++;
            }
            if (match.size() - misses.size() > best) {
                best = match.size() - misses.size();
                bestMisses = misses;
            }
        }
        best = Math.max(best, 0);
        boolean countGiven = filter.has("count");
        long count = filter.path("count").asLong();
        boolean countAgrees = countGiven ? matching == count : matching > 0;
        String expected = countGiven ? Long.toString(count) : ">0";
        if (countGiven && count == 0) {
            return new Outcome(countAgrees, 1, countAgrees ? 1 : 0, "expected no record matching " + match + ", found " + matching);
        }
        int fields = 1 + match.size();
        int agreeing = (countAgrees ? 1 : 0) + best;
        return new Outcome(countAgrees, fields, agreeing, "expected " + expected + " record(s), found " + matching
                + (bestMisses.isEmpty() ? "" : "; closest record differs in " + bestMisses));
    }

    private static String base(String key) {
        for (String suffix : List.of("__len", "__find", "__startswith", "__endswith")) {
            if (key.endsWith(suffix)) {
                return key.substring(0, key.length() - suffix.length());
            }
        }
        return key;
    }

    static boolean holds(JsonNode record, String key, JsonNode expected) {
        if (key.equals("has-key")) {
            return EveRecords.at(record, expected.asText()) != null;
        }
        if (key.equals("not-has-key")) {
            return EveRecords.at(record, expected.asText()) == null;
        }
        JsonNode ours = EveRecords.at(record, base(key));
        if (ours == null || ours.isNull()) {
            return false;
        }
        if (key.endsWith("__len")) {
            int len = ours.isContainerNode() ? ours.size() : ours.asText().length();
            return len == expected.asInt();
        }
        if (key.endsWith("__find")) {
            return ours.asText().contains(expected.asText());
        }
        if (key.endsWith("__startswith")) {
            return ours.asText().startsWith(expected.asText());
        }
        if (key.endsWith("__endswith")) {
            return ours.asText().endsWith(expected.asText());
        }
        return same(ours, expected);
    }

    /** Equal as numbers when both are numbers, otherwise as text (run.py's str() fallback), so 1 matches "1". */
    static boolean same(JsonNode ours, JsonNode expected) {
        if (ours.isNumber() && expected.isNumber()) {
            return ours.decimalValue().compareTo(expected.decimalValue()) == 0;
        }
        if (ours.isContainerNode() || expected.isContainerNode()) {
            return ours.equals(expected);
        }
        return ours.asText().equals(expected.asText());
    }
}
