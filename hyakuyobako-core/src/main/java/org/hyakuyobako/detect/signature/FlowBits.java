package org.hyakuyobako.detect.signature;

import java.util.HashSet;
import java.util.Set;
import org.hyakuyobako.detect.LruMap;
import org.hyakuyobako.rules.FlowbitsOption;
import org.hyakuyobako.rules.Rule;

/** The flowbits set on each connection, dropped when the connection ends (bounded while it lasts). */
final class FlowBits {
    static final int CAPACITY = 500_000;

    private final LruMap<Long, Set<String>> bits = new LruMap<>(CAPACITY);

    /** The rule's isset / isnotset conditions hold on this connection. */
    boolean conditionsHold(Rule rule, long flowId) {
        Set<String> set = bits.get(flowId);
        for (FlowbitsOption f : rule.flowbits) {
            if (!f.isCondition()) {
                continue;
            }
            boolean holds;
            if (f.any()) {
                holds = false;
                for (String n : f.names()) {
                    holds |= set != null && set.contains(n);
                }
            } else {
                holds = true;
                for (String n : f.names()) {
                    holds &= set != null && set.contains(n);
                }
            }
            if (f.command() == FlowbitsOption.Command.ISNOTSET ? holds : !holds) {
                return false;
            }
        }
        return true;
    }

    /** The rule matched: its set, unset and toggle commands take effect. */
    void apply(Rule rule, long flowId) {
        for (FlowbitsOption f : rule.flowbits) {
            switch (f.command()) {
                case SET -> bits.computeIfAbsent(flowId, k -> new HashSet<>(4)).addAll(f.names());
                case UNSET -> {
                    Set<String> s = bits.get(flowId);
                    if (s != null) {
                        s.removeAll(f.names());
                    }
                }
                case TOGGLE -> {
                    Set<String> s = bits.computeIfAbsent(flowId, k -> new HashSet<>(4));
                    for (String n : f.names()) {
                        if (!s.remove(n)) {
                            s.add(n);
                        }
                    }
                }
                default -> {
                }
            }
        }
    }

    void forget(long flowId) {
        bits.remove(flowId);
    }
}
