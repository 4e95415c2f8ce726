package org.hyakuyobako.detect.blacklist;

import java.util.HashMap;
import java.util.Locale;
import java.util.Map;

/**
 * Listed TLS client fingerprints: JA3 hashes (kept lower-case; lists write them either way) and JA4
 * values (kept as written: their ALPN characters keep their case). The first list to name one wins.
 */
public final class FingerprintTable {
    private final Map<String, ListEntry> fingerprints = new HashMap<>();

    public void add(String fingerprint, ListEntry entry) {
        fingerprints.putIfAbsent(normalise(fingerprint), entry);
    }

    /** The entry for a hello's JA3 hash or JA4, or null. */
    public ListEntry lookup(String fingerprint) {
        return fingerprint == null ? null : fingerprints.get(fingerprint);
    }

    public int size() {
        return fingerprints.size();
    }

    static String normalise(String fingerprint) {
        String f = fingerprint.trim();
        return f.length() == 32 ? f.toLowerCase(Locale.ROOT) : f;
    }
}
