package org.hyakuyobako.detect.signature;

import java.util.ArrayList;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import org.hyakuyobako.net.HomeNet;
import org.hyakuyobako.rules.Rule;
import org.hyakuyobako.rules.Slot;

/**
 * A rule set in the form the engine inspects with: per slot, the rules indexed by header
 * ({@link SlotIndex}) with the rule groups and prefilters built so far (built on first use, kept).
 * Holds scratch state of the inspection under way, so one engine uses it at a time; it outlives
 * an analysis when handed back to its rule set ({@link SignatureEngine#release}).
 */
final class CompiledRules {
    final Map<Slot, SlotIndex> slots = new EnumMap<>(Slot.class);
    /** The rule set's change count it was built at ({@code RuleSet.changeCount}), -1 for rules of its own. */
    final int builtAtChange;
    /** The home net the groups are split by. */
    final HomeNet home;

    CompiledRules(List<Rule> rules, int builtAtChange, HomeNet home) {
        this.builtAtChange = builtAtChange;
        this.home = home;
        Map<Slot, List<Rule>> bySlot = new EnumMap<>(Slot.class);
        for (Rule r : rules) {
            bySlot.computeIfAbsent(r.slot, k -> new ArrayList<>()).add(r);
        }
        bySlot.forEach((slot, list) -> slots.put(slot, new SlotIndex(list, home)));
    }

    /** Rule groups built since it was made, by every engine that used it. */
    long groupsBuilt() {
        long n = 0;
        for (SlotIndex s : slots.values()) {
            n += s.groupsBuilt;
        }
        return n;
    }
}
