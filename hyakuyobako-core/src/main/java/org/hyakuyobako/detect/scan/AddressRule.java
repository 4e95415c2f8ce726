package org.hyakuyobako.detect.scan;

import java.util.ArrayList;
import java.util.List;
import org.hyakuyobako.decode.IpAddresses;

/**
 * How a scanner picks its targets (seed 002's address-generation rule), from the IPv4 addresses it
 * probed in the order it probed them: per octet, fixed, sweeping up or down one by one (as
 * MSBlaster swept the fourth octet with octets 1–3 fixed), or random.
 */
final class AddressRule {
    /** What one octet did. */
    enum OctetKind { FIXED, SWEEP_UP, SWEEP_DOWN, RANDOM, VARYING }

    private AddressRule() {
    }

    static OctetKind[] kinds(int[] targets, int n) {
        OctetKind[] kinds = new OctetKind[4];
        for (int k = 0; k < 4; k++) {
            int shift = 24 - 8 * k;
            java.util.Set<Integer> distinct = new java.util.HashSet<>();
            int up = 0;
            int down = 0;
            int changes = 0;
            for (int i = 0; i < n; i++) {
                int v = (targets[i] >>> shift) & 0xFF;
                distinct.add(v);
                if (i > 0) {
                    int prev = (targets[i - 1] >>> shift) & 0xFF;
                    if (v != prev) {
                        changes++;
                        if (v == prev + 1 || prev == 255 && v == 0) {
                            up++;
                        } else if (v == prev - 1 || prev == 0 && v == 255) {
                            down++;
                        }
                    }
                }
            }
            if (distinct.size() == 1) {
                kinds[k] = OctetKind.FIXED;
            } else if (changes > 0 && up >= 0.8 * changes) {
                kinds[k] = OctetKind.SWEEP_UP;
            } else if (changes > 0 && down >= 0.8 * changes) {
                kinds[k] = OctetKind.SWEEP_DOWN;
            } else if (distinct.size() >= 0.7 * n) {
                kinds[k] = OctetKind.RANDOM;
            } else {
                kinds[k] = OctetKind.VARYING;
            }
        }
        return kinds;
    }

    /** One readable line: "octets 1-3 fixed (192.168.1.x), octet 4 sweeping up 1→254". */
    static String describe(int[] targets, int n) {
        if (n < 4) {
            return null;
        }
        OctetKind[] kinds = kinds(targets, n);
        List<String> parts = new ArrayList<>();
        int k = 0;
        while (k < 4) {
            int end = k;
            while (end + 1 < 4 && kinds[end + 1] == kinds[k]) {
                end++;
            }
            String octets = k == end ? "octet " + (k + 1) : "octets " + (k + 1) + "-" + (end + 1);
            String what = switch (kinds[k]) {
                case FIXED -> "fixed";
                case SWEEP_UP -> "sweeping up " + octet(targets[0], end) + "→" + octet(targets[n - 1], end);
                case SWEEP_DOWN -> "sweeping down " + octet(targets[0], end) + "→" + octet(targets[n - 1], end);
                case RANDOM -> "random";
                case VARYING -> "varying";
            };
            parts.add(octets + " " + what);
            k = end + 1;
        }
        String prefix = "";
        if (kinds[0] == OctetKind.FIXED) {
            StringBuilder p = new StringBuilder();
            for (int i = 0; i < 4 && kinds[i] == OctetKind.FIXED; i++) {
                p.append(octet(targets[0], i)).append('.');
            }
            prefix = " (" + p + "x)";
        }
        return String.join(", ", parts) + prefix;
    }

    private static int octet(int address, int k) {
        return (address >>> (24 - 8 * k)) & 0xFF;
    }

    static boolean sweeps(int[] targets, int n) {
        if (n < 4) {
            return false;
        }
        for (OctetKind k : kinds(targets, n)) {
            if (k == OctetKind.SWEEP_UP || k == OctetKind.SWEEP_DOWN) {
                return true;
            }
        }
        return false;
    }

    static String format(int address) {
        return IpAddresses.formatV4(address);
    }
}
