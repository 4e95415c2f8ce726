package org.hyakuyobako.detect.signature;

import java.util.ArrayList;
import java.util.List;
import org.hyakuyobako.rules.ContentOption;

/**
 * The prefilter of one buffer for one rule group: the rules' fast patterns, split by what makes
 * them cheap to look for. Patterns of {@link #LONG} bytes or more go to one automaton that rules
 * out several positions per look-up ({@link PrefixHashScanner}); a single pattern of one or two
 * bytes in it would force it to look at every position. Short patterns that can only occur near
 * the start of the buffer (ET's {@code content:"|16 03|"; depth:2;}) go to an automaton run over
 * that start only; the remaining short patterns (few: a rule whose every content is that short)
 * to one run over the whole buffer.
 */
final class BufferPrefilter {
    /** Patterns at least this long are searched with a stride of {@code LONG - 1}. */
    static final int LONG = PrefixHashScanner.PREFIX;

    private final PrefixHashScanner longPatterns;
    private final AhoCorasick headPatterns;
    /** The end of the buffer's start where the head patterns can occur. */
    private final int headEnd;
    private final AhoCorasick shortPatterns;

    private BufferPrefilter(PrefixHashScanner longPatterns, AhoCorasick headPatterns, int headEnd, AhoCorasick shortPatterns) {
        this.longPatterns = longPatterns;
        this.headPatterns = headPatterns;
        this.headEnd = headEnd;
        this.shortPatterns = shortPatterns;
    }

    /** {@code ids[i]} is reported when {@code keys[i]}'s pattern occurs where it may. */
    static BufferPrefilter build(List<ContentOption> keys, List<Integer> ids) {
        List<byte[]> longP = new ArrayList<>();
        List<Integer> longIds = new ArrayList<>();
        List<byte[]> headP = new ArrayList<>();
        List<Integer> headIds = new ArrayList<>();
        List<byte[]> shortP = new ArrayList<>();
        List<Integer> shortIds = new ArrayList<>();
        int headEnd = 0;
        for (int i = 0; i < keys.size(); i++) {
            ContentOption c = keys.get(i);
            int end = c.endBound();
            if (c.pattern().length >= LONG) {
                longP.add(c.pattern());
                longIds.add(ids.get(i));
            } else if (end >= 0) {
                headP.add(c.pattern());
                headIds.add(ids.get(i));
                headEnd = Math.max(headEnd, end);
            } else {
                shortP.add(c.pattern());
                shortIds.add(ids.get(i));
            }
        }
        return new BufferPrefilter(longP.isEmpty() ? null : PrefixHashScanner.build(longP, longIds),
                headP.isEmpty() ? null : AhoCorasick.build(headP, headIds), headEnd,
                shortP.isEmpty() ? null : AhoCorasick.build(shortP, shortIds));
    }

    void scan(byte[] buf, AhoCorasick.Hits hits) {
        if (longPatterns != null) {
            longPatterns.scan(buf, 0, buf.length, hits);
        }
        if (headPatterns != null) {
            headPatterns.scan(buf, 0, Math.min(buf.length, headEnd), hits);
        }
        if (shortPatterns != null) {
            shortPatterns.scan(buf, 0, buf.length, hits);
        }
    }

    long tableEntries() {
        return (longPatterns == null ? 0 : longPatterns.tableEntries()) + (headPatterns == null ? 0 : headPatterns.tableEntries())
                + (shortPatterns == null ? 0 : shortPatterns.tableEntries());
    }
}
