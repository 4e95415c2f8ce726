package org.hyakuyobako.decode;

/**
 * IP addresses held as two longs (IPv4 in its IPv4-mapped form), formatted as Suricata and Zeek
 * print them: dotted quad for IPv4, RFC 5952 compressed text for IPv6.
 */
public final class IpAddresses {
    /** High long of every IPv4-mapped address. */
    public static final long V4_MAPPED_HI = 0L;
    /** Bits 32-47 of the low long of an IPv4-mapped address. */
    public static final long V4_MAPPED_MARK = 0x0000_FFFF_0000_0000L;

    private IpAddresses() {
    }

    public static long v4Lo(int address) {
        return V4_MAPPED_MARK | (address & 0xFFFF_FFFFL);
    }

    public static boolean isV4(long hi, long lo) {
        return hi == 0 && (lo & 0xFFFF_FFFF_0000_0000L) == V4_MAPPED_MARK;
    }

    public static String format(long hi, long lo) {
        if (isV4(hi, lo)) {
            return formatV4((int) lo);
        }
        return formatV6(hi, lo);
    }

    public static String formatV4(int a) {
        return ((a >>> 24) & 0xFF) + "." + ((a >>> 16) & 0xFF) + "." + ((a >>> 8) & 0xFF) + "." + (a & 0xFF);
    }

    /** RFC 5952: lowercase hex, leading zeros dropped, the longest run (of two or more) of zero groups as "::". */
    public static String formatV6(long hi, long lo) {
        int[] g = new int[8];
        for (int i = 0; i < 4; i++) {
            g[i] = (int) ((hi >>> (48 - 16 * i)) & 0xFFFF);
            g[i + 4] = (int) ((lo >>> (48 - 16 * i)) & 0xFFFF);
        }
        int bestStart = -1;
        int bestLength = 1;
        for (int i = 0; i < 8; ) {
            if (g[i] != 0) {
                i++;
                continue;
            }
            int j = i;
            while (j < 8 && g[j] == 0) {
                j++;
            }
            if (j - i > bestLength) {
                bestStart = i;
                bestLength = j - i;
            }
            i = j;
        }
        StringBuilder sb = new StringBuilder(39);
        for (int i = 0; i < 8; i++) {
            if (i == bestStart) {
                sb.append("::");
                i += bestLength - 1;
                continue;
            }
            if (sb.length() > 0 && sb.charAt(sb.length() - 1) != ':') {
                sb.append(':');
            }
            sb.append(Integer.toHexString(g[i]));
        }
        return sb.toString();
    }

    /** The 16 bytes of an address in network order (IPv4 gives its 4 bytes when {@code compactV4}). */
    public static byte[] toBytes(long hi, long lo, boolean compactV4) {
        if (compactV4 && isV4(hi, lo)) {
            int a = (int) lo;
            return new byte[] {(byte) (a >>> 24), (byte) (a >>> 16), (byte) (a >>> 8), (byte) a};
        }
        byte[] out = new byte[16];
        for (int i = 0; i < 8; i++) {
            out[i] = (byte) (hi >>> (56 - 8 * i));
            out[i + 8] = (byte) (lo >>> (56 - 8 * i));
        }
        return out;
    }

    /** Parses a textual IPv4 or IPv6 address into {hi, lo}; throws IllegalArgumentException if malformed. */
    public static long[] parse(String text) {
        String s = text.trim();
        if (s.indexOf(':') < 0) {
            return new long[] {0L, v4Lo(parseV4(s))};
        }
        try {
            // Textual IPv6 only: no name lookup happens for a literal with a colon.
            byte[] b = java.net.InetAddress.getByName(s.startsWith("[") ? s : "[" + s + "]").getAddress();
            if (b.length == 4) {
                return new long[] {0L, v4Lo(((b[0] & 0xFF) << 24) | ((b[1] & 0xFF) << 16) | ((b[2] & 0xFF) << 8) | (b[3] & 0xFF))};
            }
            long hi = 0;
            long lo = 0;
            for (int i = 0; i < 8; i++) {
                hi = (hi << 8) | (b[i] & 0xFF);
                lo = (lo << 8) | (b[i + 8] & 0xFF);
            }
            return new long[] {hi, lo};
        } catch (java.net.UnknownHostException e) {
            throw new IllegalArgumentException("not an IP address: " + text);
        }
    }

    /** Dotted quad, strictly: four parts of one to three digits, each at most 255 (no regex: flow files parse millions). */
    public static int parseV4(String s) {
        int a = 0;
        int parts = 0;
        int value = 0;
        int digits = 0;
        for (int i = 0; i <= s.length(); i++) {
            char c = i < s.length() ? s.charAt(i) : '.';
            if (c >= '0' && c <= '9') {
                value = value * 10 + (c - '0');
                if (++digits > 3) {
                    throw new IllegalArgumentException("not an IPv4 address: " + s);
                }
            } else if (c == '.' && digits > 0 && value <= 255 && parts < 4) {
                a = (a << 8) | value;
                parts++;
                value = 0;
                digits = 0;
            } else {
                throw new IllegalArgumentException("not an IPv4 address: " + s);
            }
        }
        if (parts != 4) {
            throw new IllegalArgumentException("not an IPv4 address: " + s);
        }
        return a;
    }
}
