package org.hyakuyobako.detect.blacklist;

/** Everything loaded from the user's lists: addresses and prefixes, and domain names. */
public final class Blacklists {
    public final PrefixTable addresses = new PrefixTable();
    public final DomainTable domains = new DomainTable();

    public boolean isEmpty() {
        return addresses.size() == 0 && domains.size() == 0;
    }
}
