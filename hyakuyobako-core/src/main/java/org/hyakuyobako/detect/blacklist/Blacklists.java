package org.hyakuyobako.detect.blacklist;

/** Everything loaded from the user's lists: addresses and prefixes, domain names, TLS fingerprints, DNSBL zones. */
public final class Blacklists {
    public final PrefixTable addresses = new PrefixTable();
    public final DomainTable domains = new DomainTable();
    /** Never evidence, whatever lists say (MISP warning lists given with --intel). */
    public final AllowList allow = new AllowList();
    /** JA3 hashes and JA4 values (abuse.ch SSLBL's JA3 list, plain lists). */
    public final FingerprintTable fingerprints = new FingerprintTable();
    /** DNSBL zones to ask about outside peers at the end of the run; null when none are configured. */
    public DnsblChecker dnsbl;

    public boolean isEmpty() {
        return addresses.size() == 0 && domains.size() == 0 && fingerprints.size() == 0 && dnsbl == null;
    }
}
