package org.hyakuyobako.net;

/**
 * Open-addressing int to int map (values >= 0; -1 means absent), for IPv4 prefix tables looked up
 * on every packet: no boxed keys to chase through memory. Hand-written because the JDK has no
 * primitive map and one small class does not justify a collections library.
 */
public final class IntIntMap {
    private int[] keys = new int[16];
    private int[] values = new int[16];
    private boolean[] used = new boolean[16];
    private int count;

    public int get(int key) {
        int mask = keys.length - 1;
        int i = mix(key) & mask;
        while (used[i]) {
            if (keys[i] == key) {
                return values[i];
            }
            i = (i + 1) & mask;
        }
        return -1;
    }

    public void put(int key, int value) {
        if ((count + 1) * 2 > keys.length) {
            grow();
        }
        int mask = keys.length - 1;
        int i = mix(key) & mask;
        while (used[i]) {
            if (keys[i] == key) {
                values[i] = value;
                return;
            }
            i = (i + 1) & mask;
        }
        used[i] = true;
        keys[i] = key;
        values[i] = value;
        count++;
    }

    private void grow() {
        int[] oldKeys = keys;
        int[] oldValues = values;
        boolean[] oldUsed = used;
        keys = new int[oldKeys.length * 2];
        values = new int[oldKeys.length * 2];
        used = new boolean[oldKeys.length * 2];
        count = 0;
        for (int i = 0; i < oldKeys.length; i++) {
            if (oldUsed[i]) {
                put(oldKeys[i], oldValues[i]);
            }
        }
    }

    private static int mix(int x) {
        int h = x * 0x9E3779B9;
        return h ^ (h >>> 16);
    }
}
