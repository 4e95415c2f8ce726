package org.hyakuyobako.action;

/**
 * STIX 2.1 patterns for the indicators that have a cyber-observable: addresses, domains, URLs.
 * Values go into string literals, where the patterning grammar (STIX 2.1 part 5, section 9.3)
 * knows two escapes only, {@code \\} and {@code \'}; so a value can never end its literal and add
 * a comparison of its own ({@code x'] OR [ipv4-addr:value = '0.0.0.0/0}). Everything
 * {@link SafeText} refuses is refused here too, so a pattern is always one line.
 */
final class StixPatterns {
    private StixPatterns() {
    }

    /** The value as a STIX string literal, quotes included. The caller has checked {@link SafeText}. */
    static String literal(String value) {
        StringBuilder b = new StringBuilder(value.length() + 8).append('\'');
        for (int i = 0; i < value.length(); i++) {
            char c = value.charAt(i);
            if (c == '\\' || c == '\'') {
                b.append('\\');
            }
            b.append(c);
        }
        return b.append('\'').toString();
    }

    /**
     * The pattern of an indicator, or null when its kind has no STIX observable (IRC, JA3, JA4).
     * An address with a port is the plain address OR the connection to that port, so a receiver
     * that only matches addresses still takes it, and one that matches connections can be precise.
     */
    static String of(Indicator i) {
        return switch (i.kind()) {
            case ADDRESS -> {
                String type = i.isIpv6() ? "ipv6-addr" : "ipv4-addr";
                String plain = "[" + type + ":value = " + literal(i.value()) + "]";
                yield i.port() == 0 ? plain
                        : plain + " OR [network-traffic:dst_ref.type = '" + type + "' AND network-traffic:dst_ref.value = "
                                + literal(i.value()) + " AND network-traffic:dst_port = " + i.port() + "]";
            }
            case DOMAIN -> "[domain-name:value = " + literal(i.value()) + "]";
            case URL -> "[url:value = " + literal(i.value()) + "]";
            default -> null;
        };
    }
}
