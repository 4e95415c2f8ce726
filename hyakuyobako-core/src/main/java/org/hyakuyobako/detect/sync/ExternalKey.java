package org.hyakuyobako.detect.sync;

/**
 * An external node and a direction: the key synchronized activity is grouped by.
 *
 * <p>Looked up for every packet, so the detector keeps one mutable probe ({@link #set}) for
 * look-ups and stores an immutable {@link #copy} only when a window opens: no allocation per packet.
 * A key stored in a map is never {@code set} again.
 */
final class ExternalKey {
    long hi;
    long lo;
    boolean inbound;
    private int hash;

    ExternalKey(long hi, long lo, boolean inbound) {
        set(hi, lo, inbound);
    }

    /** Reuses this key as a look-up probe. */
    ExternalKey set(long newHi, long newLo, boolean newInbound) {
        this.hi = newHi;
        this.lo = newLo;
        this.inbound = newInbound;
        long h = (newHi * 0x9E37_79B9_7F4A_7C15L) ^ (newLo * 0xC2B2_AE3D_27D4_EB4FL);
        this.hash = (int) (h ^ (h >>> 32)) ^ (newInbound ? 0x5bd1e995 : 0);
        return this;
    }

    ExternalKey copy() {
        return new ExternalKey(hi, lo, inbound);
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
