package org.hyakuyobako.proto.tls;

/**
 * How many hellos the TLS sessions of one app layer fingerprinted and how many they refused as
 * malformed, for the run's {@code stats} (a rising share of malformed hellos is an evasion attempt or
 * a parser gap worth seeing). One per app layer, which runs on one thread.
 */
public final class TlsHelloCounters {
    private long fingerprinted;
    private long malformed;

    void fingerprinted() {
        fingerprinted++;
    }

    void malformed() {
        malformed++;
    }

    public long fingerprintedHellos() {
        return fingerprinted;
    }

    public long malformedHellos() {
        return malformed;
    }
}
