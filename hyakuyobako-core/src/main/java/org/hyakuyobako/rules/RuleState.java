package org.hyakuyobako.rules;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/** What the parser knows while it reads one rule's options: the sticky buffer, the last content for its modifiers, variables. */
final class RuleState {
    BufferRef sticky = BufferRef.PAYLOAD;
    ContentOption lastContent;
    PayloadOption lastPayload;
    final List<PayloadOption> payload = new ArrayList<>();
    final Map<String, Integer> variables = new HashMap<>();
    final List<FlowbitsOption> flowbits = new ArrayList<>();
    final List<String> references = new ArrayList<>();
    final List<String> metadata = new ArrayList<>();
    boolean usedSticky;

    /** A payload option, in rule order; relative options after it count from it. */
    void add(PayloadOption o) {
        payload.add(o);
        lastPayload = o;
    }

    /**
     * The buffer a relative option without a buffer of its own looks in: Snort's rule reads
     * {@code content:"x"; http_uri; pcre:"/y/R";} with the pcre in the URI, after the content.
     */
    BufferRef relativeBuffer() {
        if (sticky.buffer() == Buffer.PAYLOAD && !usedSticky && lastPayload != null) {
            return lastPayload.buffer();
        }
        return sticky;
    }
}
