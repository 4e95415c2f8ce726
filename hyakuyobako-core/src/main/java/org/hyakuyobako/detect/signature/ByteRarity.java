package org.hyakuyobako.detect.signature;

/**
 * How common each byte value is in network payloads, as a rank (higher: more common), for picking
 * the byte of a pattern to search for first: a search that stops only at a rare byte verifies far
 * fewer positions than one that stops at every '/' or 'e' (the rare-byte heuristic of memchr-based
 * searchers). A fixed table, not measured per run: what matters is the order of magnitude —
 * letters, digits, space, line ends, NUL and 0xFF are everywhere; control bytes and most bytes
 * above 0x7F are rare in text and spread thin in binary.
 */
final class ByteRarity {
    private static final int[] RANK = new int[256];

    static {
        for (int b = 0; b < 256; b++) {
            RANK[b] = b >= 0x80 ? 2 : b < 0x20 ? 1 : 4;
        }
        for (char c = 'A'; c <= 'Z'; c++) {
            RANK[c] = 6;
        }
        for (char c = '0'; c <= '9'; c++) {
            RANK[c] = 7;
        }
        for (char c : "/.:-_=&;,%?\"'()<>".toCharArray()) {
            RANK[c] = 6;
        }
        for (char c = 'a'; c <= 'z'; c++) {
            RANK[c] = 8;
        }
        for (char c : "etaoinsrhlcdu".toCharArray()) {
            RANK[c] = 10;
        }
        RANK[' '] = 10;
        RANK['\r'] = 9;
        RANK['\n'] = 9;
        RANK['\t'] = 6;
        RANK[0x00] = 10;
        RANK[0xFF] = 7;
        RANK[0x01] = 3;
    }

    private ByteRarity() {
    }

    /** How common the byte is (higher: more common), 1 to 10. */
    static int rank(int b) {
        return RANK[b & 0xff];
    }

    /** The index of the pattern's rarest byte (the first of equals), folded to lower case when {@code nocase}. */
    static int rarest(byte[] p, boolean nocase) {
        int best = 0;
        int bestRank = Integer.MAX_VALUE;
        for (int k = 0; k < p.length; k++) {
            int b = p[k] & 0xff;
            int rank = RANK[nocase ? AhoCorasick.fold(b) : b];
            if (rank < bestRank) {
                bestRank = rank;
                best = k;
            }
        }
        return best;
    }
}
