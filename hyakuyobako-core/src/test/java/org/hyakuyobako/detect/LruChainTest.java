package org.hyakuyobako.detect;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Random;
import org.junit.jupiter.api.Test;

/** The chain keeps the order an access-ordered set keeps, through random adds, uses, removals and evictions. */
class LruChainTest {
    static final class Item extends LruChain.Link<Item> {
        final int id;

        Item(int id) {
            this.id = id;
        }
    }

    @Test
    void ordersAsAnAccessOrderedSetDoes() {
        Random r = new Random(5);
        LruChain<Item> chain = new LruChain<>();
        LinkedHashSet<Integer> model = new LinkedHashSet<>();     // oldest first
        List<Item> items = new ArrayList<>();
        for (int i = 0; i < 50; i++) {
            items.add(new Item(i));
        }
        for (int step = 0; step < 20_000; step++) {
            Item it = items.get(r.nextInt(items.size()));
            switch (r.nextInt(4)) {
                case 0 -> {
                    if (!it.chained()) {
                        chain.add(it);
                        model.add(it.id);
                    }
                }
                case 1 -> {
                    chain.touch(it);
                    if (model.remove(it.id)) {
                        model.add(it.id);
                    }
                }
                case 2 -> {
                    chain.remove(it);
                    model.remove(it.id);
                }
                default -> {
                    Item oldest = chain.removeOldest();
                    Integer expected = model.isEmpty() ? null : model.iterator().next();
                    assertEquals(expected, oldest == null ? null : oldest.id, "step " + step);
                    if (expected != null) {
                        model.remove(expected);
                        assertFalse(oldest.chained());
                    }
                }
            }
            assertEquals(model.size(), chain.size(), "step " + step);
            assertEquals(model.contains(it.id), it.chained(), "step " + step);
        }
        assertEquals(new ArrayList<>(model), chain.removeAll().stream().map(i -> i.id).toList());
        assertEquals(0, chain.size());
        assertNull(chain.removeOldest());
    }

    @Test
    void aMemberIsInOneChainOnly() {
        LruChain<Item> a = new LruChain<>();
        Item x = new Item(1);
        a.add(x);
        assertTrue(x.chained());
        assertThrows(IllegalStateException.class, () -> new LruChain<Item>().add(x));
    }
}
