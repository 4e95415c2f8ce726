package org.hyakuyobako.rules;

import com.google.re2j.Pattern;

/**
 * {@code pcre}, compiled with RE2J so that no payload can make it backtrack for ever. The PCRE
 * features RE2 lacks (look-around, back-references, atomic groups) make the rule skipped.
 *
 * @param anchored PCRE's {@code A} flag: the match must start where the search starts
 * @param relative PCRE's {@code R} flag: the search starts after the previous match in the buffer
 */
public record PcreOption(BufferRef buffer, Pattern pattern, String source, boolean negated, boolean relative, boolean anchored)
        implements PayloadOption {
}
