package org.hyakuyobako.detect.sync;

/**
 * An external node and a direction: the key synchronized activity is grouped by. Equality and hash
 * are written out because this key is built and compared for every packet.
 */
final class ExternalKey {
    final long hi;
    final long lo;
    final boolean inbound;
    private final int hash;

    ExternalKey(long hi, long lo, boolean inbound) {
        this.hi = hi;
        this.lo = lo;
        this.inbound = inbound;
        long h = (hi * 0x9E37_79B9_7F4A_7C15L) ^ (lo * 0xC2B2_AE3D_27D4_EB4FL);
        this.hash = (int) (h ^ (h >>> 32)) ^ (inbound ? 0x5bd1e995 : 0);
    }

    long hi() {
        return hi;
    }

    long lo() {
        return lo;
    }

    boolean inbound() {
        return inbound;
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof ExternalKey k && k.lo == lo && k.hi == hi && k.inbound == inbound;
    }

    @Override
    public int hashCode() {
        return hash;
    }
}
