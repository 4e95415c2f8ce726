package org.hyakuyobako.detect.sync;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;

/** The primitive host set counts each host once, also after it has grown (the population the inference rests on). */
class HostHashSetTest {
    @Test
    void sizeCountsEachHostOnceThroughGrowth() {
        HostHashSet set = new HostHashSet();
        for (int round = 0; round < 2; round++) {
            for (long h = 1; h <= 1_000; h++) {
                set.add(0, 0x0000_FFFF_0A00_0000L + h);
            }
        }
        assertEquals(1_000, set.size());
        assertTrue(set.contains(0, 0x0000_FFFF_0A00_0000L + 500));
        assertFalse(set.contains(0, 0x0000_FFFF_0A00_0000L + 1_001));
    }
}
