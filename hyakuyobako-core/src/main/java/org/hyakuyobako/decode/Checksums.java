package org.hyakuyobako.decode;

import java.nio.ByteBuffer;

/** Internet checksums (RFC 1071), summed eight bytes at a time. */
public final class Checksums {
    private Checksums() {
    }

    /** Ones'-complement sum of {@code length} bytes, not yet folded, added to {@code initial}. */
    public static long sum(ByteBuffer b, int offset, int length, long initial) {
        long sum = initial;
        int i = offset;
        int end = offset + length;
        while (i + 8 <= end) {
            long w = b.getLong(i);
            sum += (w >>> 32) + (w & 0xFFFF_FFFFL);
            i += 8;
        }
        while (i + 2 <= end) {
            sum += b.getShort(i) & 0xFFFF;
            i += 2;
        }
        if (i < end) {
            sum += (b.get(i) & 0xFF) << 8;
        }
        return sum;
    }

    /** Folds a running sum to 16 bits. A valid datagram folds to 0xFFFF. */
    public static int fold(long sum) {
        long s = sum;
        while ((s >>> 16) != 0) {
            s = (s & 0xFFFF) + (s >>> 16);
        }
        return (int) s;
    }

    /** Pseudo-header sum for TCP/UDP over IPv4 or IPv6. */
    public static long pseudoHeader(DecodedPacket p, int protocol, int l4Length) {
        long sum = protocol + (long) l4Length;
        sum += words(p.srcHi) + words(p.srcLo) + words(p.dstHi) + words(p.dstLo);
        if (p.ipVersion == 4) {
            // The v4-mapped prefix (0:0:0:0:0:ffff) must not count for IPv4: remove it again.
            sum -= 2L * 0xFFFF;
        }
        return sum;
    }

    private static long words(long v) {
        return (v >>> 48) + ((v >>> 32) & 0xFFFF) + ((v >>> 16) & 0xFFFF) + (v & 0xFFFF);
    }
}
