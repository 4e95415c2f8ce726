package org.hyakuyobako.proto.tls;

/**
 * GREASE values (RFC 8701): 0x0A0A, 0x1A1A, … 0xFAFA, which clients sprinkle among cipher suites,
 * extensions, groups and versions so servers keep tolerating unknown values. They are chosen at
 * random per connection, so every fingerprint (JA3, JA3S, JA4) leaves them out.
 */
final class Grease {
    private Grease() {
    }

    static boolean is(int value) {
        return (value & 0x0F0F) == 0x0A0A && (value >> 8) == (value & 0xFF);
    }
}
