package org.hyakuyobako.rules;

/**
 * {@code threshold} and {@code detection_filter}: how many matches within how many seconds make
 * alerts, tracked by source, destination, both or the rule.
 *
 * @param type limit (at most count per period), threshold (every count-th), both (once, at the
 *             count-th), or detection (detection_filter: every match after the count-th)
 */
public record ThresholdOption(Type type, Track track, int count, int seconds) {
    public enum Type { LIMIT, THRESHOLD, BOTH, DETECTION }

    public enum Track { BY_SRC, BY_DST, BY_BOTH, BY_RULE }

    static ThresholdOption parse(String value, boolean detectionFilter) throws UnsupportedRuleException {
        Type type = detectionFilter ? Type.DETECTION : null;
        Track track = null;
        int count = -1;
        int seconds = -1;
        for (String part : value.split(",")) {
            String[] kv = part.strip().split("\\s+", 2);
            if (kv.length < 2) {
                throw new UnsupportedRuleException("bad threshold", value);
            }
            String v = kv[1].strip();
            try {
                switch (kv[0]) {
                    case "type" -> type = switch (v) {
                        case "limit" -> Type.LIMIT;
                        case "threshold" -> Type.THRESHOLD;
                        case "both" -> Type.BOTH;
                        default -> throw new UnsupportedRuleException("bad threshold type", v);
                    };
                    case "track" -> track = switch (v) {
                        case "by_src" -> Track.BY_SRC;
                        case "by_dst" -> Track.BY_DST;
                        case "by_both" -> Track.BY_BOTH;
                        case "by_rule" -> Track.BY_RULE;
                        default -> throw new UnsupportedRuleException("bad threshold track", v);
                    };
                    case "count" -> count = Integer.parseInt(v);
                    case "seconds" -> seconds = Integer.parseInt(v);
                    default -> throw new UnsupportedRuleException("bad threshold", kv[0]);
                }
            } catch (NumberFormatException e) {
                throw new UnsupportedRuleException("bad threshold", value);
            }
        }
        if (type == null || track == null || count < 1 || seconds < 0) {
            throw new UnsupportedRuleException("bad threshold", value);
        }
        return new ThresholdOption(type, track, count, seconds);
    }
}
