package org.hyakuyobako.detect.signature;

import java.util.ArrayList;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import org.hyakuyobako.rules.Buffer;
import org.hyakuyobako.rules.ContentOption;
import org.hyakuyobako.rules.Rule;

/**
 * Rules that share a port (Suricata's signature group heads, simplified): prefilter automata per
 * buffer over their fast patterns, and the rules without one. An inspection only scans the groups
 * of its two ports and the group of rules for any port, so a packet to port 445 never pays for the
 * patterns of the HTTP rules. Rules whose {@code dsize} only admits small packets (or only large
 * ones) have automata of their own, which a full-sized packet (or a small one) does not scan.
 */
final class RuleGroup {
    /** The payload size that separates "small" from "large" packets for the dsize split. */
    static final int SMALL = 256;

    /** Which packets a rule's dsize admits. */
    enum Size { ANY, SMALL_ONLY, LARGE_ONLY }

    private final Map<Size, Map<Buffer, List<byte[]>>> patterns = new EnumMap<>(Size.class);
    private final Map<Size, Map<Buffer, List<Integer>>> ids = new EnumMap<>(Size.class);
    private final List<Integer> unfiltered = new ArrayList<>();
    final Map<Size, Map<Buffer, AhoCorasick>> prefilters = new EnumMap<>(Size.class);
    int[] always;

    void add(Rule r, int id) {
        ContentOption fp = r.fastPattern;
        if (fp == null) {
            unfiltered.add(id);
            return;
        }
        Size size = size(r);
        Buffer b = fp.buffer().buffer();
        patterns.computeIfAbsent(size, k -> new EnumMap<>(Buffer.class)).computeIfAbsent(b, k -> new ArrayList<>()).add(fp.pattern());
        ids.computeIfAbsent(size, k -> new EnumMap<>(Buffer.class)).computeIfAbsent(b, k -> new ArrayList<>()).add(id);
    }

    private static Size size(Rule r) {
        if (r.dsize == null || r.dsize.negated()) {
            return Size.ANY;
        }
        if (r.dsize.max() <= SMALL) {
            return Size.SMALL_ONLY;
        }
        return r.dsize.min() > SMALL ? Size.LARGE_ONLY : Size.ANY;
    }

    void build() {
        always = unfiltered.stream().mapToInt(Integer::intValue).toArray();
        patterns.forEach((size, byBuffer) -> {
            Map<Buffer, AhoCorasick> built = new EnumMap<>(Buffer.class);
            byBuffer.forEach((b, p) -> built.put(b, AhoCorasick.build(p, ids.get(size).get(b))));
            prefilters.put(size, built);
        });
        patterns.clear();
        ids.clear();
        unfiltered.clear();
    }

    /** Whether an inspection of this payload size (-1: not a packet) can match rules of that size class. */
    static boolean admits(Size size, int dsize) {
        return switch (size) {
            case ANY -> true;
            case SMALL_ONLY -> dsize >= 0 && dsize <= SMALL;
            case LARGE_ONLY -> dsize > SMALL;
        };
    }

    long tableEntries() {
        long n = 0;
        for (Map<Buffer, AhoCorasick> m : prefilters.values()) {
            for (AhoCorasick a : m.values()) {
                n += a.tableEntries();
            }
        }
        return n;
    }
}
