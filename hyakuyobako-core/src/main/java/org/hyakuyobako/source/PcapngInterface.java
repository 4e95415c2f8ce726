package org.hyakuyobako.source;

/**
 * What a pcapng Interface Description Block says about one interface: its link type, snapshot
 * length and how its timestamps are to be read ({@code if_tsresol}, {@code if_tsoffset}).
 */
final class PcapngInterface {
    final int linkType;
    final int snaplen;
    /** if_tsresol: bit 7 clear = negative power of 10, set = negative power of 2 (low 7 bits). */
    final int tsresol;
    final long tsOffsetSeconds;

    PcapngInterface(int linkType, int snaplen, int tsresol, long tsOffsetSeconds) {
        this.linkType = linkType;
        this.snaplen = snaplen;
        this.tsresol = tsresol;
        this.tsOffsetSeconds = tsOffsetSeconds;
    }

    /** Converts a raw 64-bit timestamp in this interface's units into nanoseconds since the epoch. */
    long toNanos(long units) {
        long nanos;
        if ((tsresol & 0x80) == 0) {
            int exponent = tsresol;
            if (exponent <= 9) {
                nanos = units * POWERS_OF_TEN[9 - exponent];
            } else {
                nanos = Long.divideUnsigned(units, POWERS_OF_TEN[Math.min(exponent - 9, 18)]);
            }
        } else {
            int shift = tsresol & 0x7F;
            if (shift == 0) {
                nanos = units * 1_000_000_000L;
            } else if (shift >= 64) {
                nanos = 0;
            } else {
                long seconds = units >>> shift;
                long fraction = units & ((1L << shift) - 1);
                // fraction * 1e9 needs up to 94 bits: take the 128-bit product, then shift it.
                long lo = fraction * 1_000_000_000L;
                long hi = Math.multiplyHigh(fraction, 1_000_000_000L);
                long fractionNanos = (lo >>> shift) | (hi << (64 - shift));
                nanos = seconds * 1_000_000_000L + fractionNanos;
            }
        }
        return nanos + tsOffsetSeconds * 1_000_000_000L;
    }

    private static final long[] POWERS_OF_TEN = {
        1L, 10L, 100L, 1_000L, 10_000L, 100_000L, 1_000_000L, 10_000_000L, 100_000_000L, 1_000_000_000L,
        10_000_000_000L, 100_000_000_000L, 1_000_000_000_000L, 10_000_000_000_000L, 100_000_000_000_000L,
        1_000_000_000_000_000L, 10_000_000_000_000_000L, 100_000_000_000_000_000L, 1_000_000_000_000_000_000L
    };
}
