package org.hyakuyobako.detect.blacklist;

import java.util.HashMap;
import java.util.Locale;
import java.util.Map;

/**
 * Listed domain names, matched exactly or as a parent: "evil.example" matches "a.b.evil.example".
 * Names are compared lower-case without a trailing dot.
 */
public final class DomainTable {
    private final Map<String, ListEntry> names = new HashMap<>();

    public void add(String domain, ListEntry entry) {
        names.put(normalise(domain), entry);
    }

    /** The entry for the name or its closest listed parent, or null. */
    public ListEntry lookup(String name) {
        String n = normalise(name);
        while (true) {
            ListEntry e = names.get(n);
            if (e != null) {
                return e;
            }
            int dot = n.indexOf('.');
            if (dot < 0) {
                return null;
            }
            n = n.substring(dot + 1);
        }
    }

    public int size() {
        return names.size();
    }

    static String normalise(String name) {
        String n = name.trim().toLowerCase(Locale.ROOT);
        return n.endsWith(".") ? n.substring(0, n.length() - 1) : n;
    }
}
