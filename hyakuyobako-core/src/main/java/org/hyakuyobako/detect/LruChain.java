package org.hyakuyobako.detect;

import java.util.ArrayList;
import java.util.List;

/**
 * Least-recently-used order over objects that carry their own links ({@link Link}), for per-packet
 * state found some other way (on the flow, see {@code Flow.attach}): marking one used is a few
 * pointer moves, with no hashing and no boxed key, where {@link LruMap} costs a hash look-up per
 * packet. Hand-written: the JDK's access-ordered {@code LinkedHashMap} only reorders on a look-up
 * by key.
 */
public final class LruChain<N extends LruChain.Link<N>> {
    /** The links a member carries; a member is in at most one chain. */
    public abstract static class Link<N> {
        N newer;
        N older;
        boolean chained;

        /** Whether it is in a chain (not yet removed or evicted). */
        public final boolean chained() {
            return chained;
        }
    }

    private N newest;
    private N oldest;
    private int size;

    /** Adds {@code n} as the most recently used. */
    public void add(N n) {
        if (n.chained) {
            throw new IllegalStateException("already in a chain");
        }
        n.chained = true;
        n.older = newest;
        n.newer = null;
        if (newest != null) {
            newest.newer = n;
        } else {
            oldest = n;
        }
        newest = n;
        size++;
    }

    /** Marks {@code n} (a member) the most recently used. */
    public void touch(N n) {
        if (n == newest || !n.chained) {
            return;
        }
        unlink(n);
        add(n);
    }

    /** Takes {@code n} out; nothing happens if it is not a member. */
    public void remove(N n) {
        if (n.chained) {
            unlink(n);
        }
    }

    /** Takes out and returns the least recently used member, or null when empty. */
    public N removeOldest() {
        N n = oldest;
        if (n != null) {
            unlink(n);
        }
        return n;
    }

    /** Takes out every member and returns them, oldest first. */
    public List<N> removeAll() {
        List<N> all = new ArrayList<>(size);
        for (N n = removeOldest(); n != null; n = removeOldest()) {
            all.add(n);
        }
        return all;
    }

    public int size() {
        return size;
    }

    private void unlink(N n) {
        if (n.newer != null) {
            n.newer.older = n.older;
        } else {
            newest = n.older;
        }
        if (n.older != null) {
            n.older.newer = n.newer;
        } else {
            oldest = n.newer;
        }
        n.newer = null;
        n.older = null;
        n.chained = false;
        size--;
    }
}
