package org.hyakuyobako.detect.blacklist;

import com.google.re2j.Pattern;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import org.hyakuyobako.net.Cidr;

/**
 * Addresses and names that must never become blacklist evidence, from MISP warning lists
 * (public resolvers, CDNs, cloud ranges, top sites): a shared indicator that names one of them is
 * a false positive waiting to happen, so the import skips it and the detector ignores a match on
 * it whatever list it came from. The warning-list types map as MISP applies them: {@code cidr}
 * prefixes, {@code hostname} a name and its subdomains, {@code string} the exact value,
 * {@code substring} any name or address containing it, {@code regex} a name it finds (RE2
 * semantics, so a hostile pattern costs linear time).
 */
public final class AllowList {
    private final PrefixTable prefixes = new PrefixTable();
    private final DomainTable domains = new DomainTable();
    private final Map<String, ListEntry> exact = new HashMap<>();
    private final List<Map.Entry<String, ListEntry>> substrings = new ArrayList<>();
    private final List<Map.Entry<Pattern, ListEntry>> regexes = new ArrayList<>();
    private int size;

    public void addPrefix(Cidr prefix, ListEntry entry) {
        prefixes.add(prefix, entry);
        size++;
    }

    /** A host name and everything under it. */
    public void addDomain(String name, ListEntry entry) {
        domains.add(name, entry);
        size++;
    }

    /** An exact value: an address, a name or a URL. */
    public void addExact(String value, ListEntry entry) {
        exact.put(normalise(value), entry);
        size++;
    }

    public void addSubstring(String part, ListEntry entry) {
        substrings.add(Map.entry(part.toLowerCase(Locale.ROOT), entry));
        size++;
    }

    public void addRegex(Pattern pattern, ListEntry entry) {
        regexes.add(Map.entry(pattern, entry));
        size++;
    }

    public int size() {
        return size;
    }

    public boolean isEmpty() {
        return size == 0;
    }

    /** The entry allowing this address (text form), or null. */
    public ListEntry address(String address) {
        if (isEmpty()) {
            return null;
        }
        ListEntry e;
        try {
            e = prefixes.size() == 0 ? null : prefixes.lookup(address);
        } catch (IllegalArgumentException notAnAddress) {
            e = null;
        }
        return e != null ? e : other(address);
    }

    /** The entry allowing this name (or a parent of it), or null. */
    public ListEntry name(String name) {
        if (isEmpty()) {
            return null;
        }
        ListEntry e = domains.size() == 0 ? null : domains.lookup(name);
        return e != null ? e : other(name);
    }

    /** The entry allowing this exact value (a URL), or null. */
    public ListEntry value(String value) {
        return isEmpty() ? null : other(value);
    }

    private ListEntry other(String value) {
        String v = normalise(value);
        ListEntry e = exact.get(v);
        if (e != null) {
            return e;
        }
        for (Map.Entry<String, ListEntry> s : substrings) {
            if (v.contains(s.getKey())) {
                return s.getValue();
            }
        }
        for (Map.Entry<Pattern, ListEntry> r : regexes) {
            if (r.getKey().matcher(value).find()) {
                return r.getValue();
            }
        }
        return null;
    }

    private static String normalise(String value) {
        String v = value.trim().toLowerCase(Locale.ROOT);
        return v.endsWith(".") ? v.substring(0, v.length() - 1) : v;
    }
}
