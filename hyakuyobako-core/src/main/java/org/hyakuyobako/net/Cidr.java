package org.hyakuyobako.net;

import org.hyakuyobako.decode.IpAddresses;

/**
 * An IPv4 or IPv6 prefix in CIDR notation, held as the same two longs as our addresses (IPv4 as
 * its IPv4-mapped form, so 10.0.0.0/8 is ::ffff:10.0.0.0/104).
 */
public record Cidr(long hi, long lo, int bits, boolean v4, long hiMask, long loMask) {
    public Cidr(long hi, long lo, int bits, boolean v4) {
        this(hi, lo, bits, v4, mask(bits, 0), mask(bits, 64));
    }

    /** Parses {@code 10.0.0.0/8}, {@code fc00::/7} or a bare address (a host prefix). */
    public static Cidr parse(String text) {
        String s = text.trim();
        int slash = s.indexOf('/');
        String address = slash < 0 ? s : s.substring(0, slash);
        long[] a = IpAddresses.parse(address);
        boolean v4 = IpAddresses.isV4(a[0], a[1]) && address.indexOf(':') < 0;
        int max = v4 ? 32 : 128;
        int length;
        if (slash < 0) {
            length = max;
        } else {
            try {
                length = Integer.parseInt(s.substring(slash + 1));
            } catch (NumberFormatException e) {
                throw new IllegalArgumentException("bad prefix length in " + text);
            }
        }
        if (length < 0 || length > max) {
            throw new IllegalArgumentException("prefix length out of range in " + text);
        }
        int bits = v4 ? 96 + length : length;
        long hiMask = mask(bits, 0);
        long loMask = mask(bits, 64);
        return new Cidr(a[0] & hiMask, a[1] & loMask, bits, v4);
    }

    private static long mask(int bits, int from) {
        int n = Math.max(0, Math.min(64, bits - from));
        return n == 0 ? 0L : -1L << (64 - n);
    }

    public boolean contains(long addrHi, long addrLo) {
        return (addrLo & loMask) == lo && (addrHi & hiMask) == hi;
    }

    @Override
    public String toString() {
        if (v4) {
            return IpAddresses.formatV4((int) lo) + "/" + (bits - 96);
        }
        return IpAddresses.formatV6(hi, lo) + "/" + bits;
    }
}
