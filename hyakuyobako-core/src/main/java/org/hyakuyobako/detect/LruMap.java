package org.hyakuyobako.detect;

import java.util.LinkedHashMap;
import java.util.Map;
import java.util.function.BiConsumer;

/**
 * A map of per-key detector state bounded to {@code capacity} entries: the least recently used
 * entry goes when a new one would exceed it, handed first to {@code onEvict} (so a detector can
 * judge what it is about to forget). Every detector keyed by hosts or connections uses one, so
 * memory stays bounded whatever the capture holds.
 */
public final class LruMap<K, V> extends LinkedHashMap<K, V> {
    private final int capacity;
    private final BiConsumer<K, V> onEvict;
    private long evicted;

    public LruMap(int capacity) {
        this(capacity, (k, v) -> {
        });
    }

    public LruMap(int capacity, BiConsumer<K, V> onEvict) {
        super(256, 0.75f, true);
        this.capacity = capacity;
        this.onEvict = onEvict;
    }

    @Override
    protected boolean removeEldestEntry(Map.Entry<K, V> eldest) {
        if (size() <= capacity) {
            return false;
        }
        evicted++;
        onEvict.accept(eldest.getKey(), eldest.getValue());
        return true;
    }

    /** Entries dropped because the map was full. */
    public long evicted() {
        return evicted;
    }
}
