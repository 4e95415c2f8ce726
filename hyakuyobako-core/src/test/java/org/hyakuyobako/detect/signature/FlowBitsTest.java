package org.hyakuyobako.detect.signature;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.HashMap;
import java.util.HashSet;
import java.util.Map;
import java.util.Random;
import java.util.Set;
import org.hyakuyobako.net.HomeNet;
import org.hyakuyobako.rules.Rule;
import org.hyakuyobako.rules.RuleSet;
import org.hyakuyobako.rules.RuleVariables;
import org.junit.jupiter.api.Test;

/** Bits set, unset, toggled and forgotten on many connections: every isset / isnotset answer is the one a plain map gives. */
class FlowBitsTest {
    @Test
    void answersAsAPlainMapDoes() {
        RuleSet set = new RuleSet();
        set.add("t.rules", """
                alert tcp any any -> any any (flowbits:set,a; sid:1;)
                alert tcp any any -> any any (flowbits:unset,a; sid:2;)
                alert tcp any any -> any any (flowbits:toggle,b; sid:3;)
                alert tcp any any -> any any (flowbits:isset,a; sid:4;)
                alert tcp any any -> any any (flowbits:isnotset,a; sid:5;)
                alert tcp any any -> any any (flowbits:isset,b; sid:6;)
                alert tcp any any -> any any (flowbits:isset,a|b; sid:7;)
                """, RuleVariables.defaults(HomeNet.privateRanges()));
        Map<Long, Rule> bySid = new HashMap<>();
        for (Rule r : set.rules()) {
            bySid.put(r.sid, r);
        }
        FlowBits bits = new FlowBits();
        Map<Long, Set<String>> reference = new HashMap<>();
        Random r = new Random(4);
        long flow = 0;
        for (int step = 0; step < 300_000; step++) {
            // Half the steps on the last connection again: an inspection asks of one connection many
            // times, and its bits change between two asks (the last answer must not be reused then).
            if (r.nextBoolean()) {
                flow = r.nextInt(20_000) * 7_919L + (r.nextBoolean() ? 0 : 1L << 40);
            }
            int op = r.nextInt(10);
            if (op < 4) {
                long sid = 1 + r.nextInt(3);
                bits.apply(bySid.get(sid), flow);
                Set<String> s = reference.computeIfAbsent(flow, k -> new HashSet<>());
                if (sid == 1) {
                    s.add("a");
                } else if (sid == 2) {
                    s.remove("a");
                } else if (!s.remove("b")) {
                    s.add("b");
                }
            } else if (op == 4) {
                bits.forget(flow);
                reference.remove(flow);
            } else {
                Set<String> s = reference.getOrDefault(flow, Set.of());
                assertEquals(s.contains("a"), bits.conditionsHold(bySid.get(4L), flow), "step " + step);
                assertEquals(!s.contains("a"), bits.conditionsHold(bySid.get(5L), flow), "step " + step);
                assertEquals(s.contains("b"), bits.conditionsHold(bySid.get(6L), flow), "step " + step);
                assertEquals(s.contains("a") || s.contains("b"), bits.conditionsHold(bySid.get(7L), flow), "step " + step);
            }
        }
    }
}
