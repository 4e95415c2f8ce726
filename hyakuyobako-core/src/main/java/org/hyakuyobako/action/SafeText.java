package org.hyakuyobako.action;

import org.hyakuyobako.net.DnsNames;

/**
 * Whether a value from traffic can go into a shared file (a STIX pattern, a MISP attribute) as it
 * is. JSON would escape anything, but the receiving tools do not stop at JSON: a STIX pattern is
 * parsed again, a MISP value lands in IDS rules and spreadsheets. So control characters (C0, DEL,
 * C1), line and paragraph separators and broken UTF-16 are refused rather than passed on, and so
 * are values too long to be an indicator.
 */
public final class SafeText {
    /** Longer than any URL a browser or proxy keeps; a longer "indicator" is an attack on the reader. */
    public static final int MAX_LENGTH = 4096;

    private SafeText() {
    }

    /** Null when the value is safe, else why not, for {@link RefusedIndicators}. */
    public static String unsafeBecause(String value) {
        if (value == null || value.isEmpty()) {
            return "empty value";
        }
        if (value.length() > MAX_LENGTH) {
            return "longer than " + MAX_LENGTH + " characters";
        }
        for (int i = 0; i < value.length(); i++) {
            char c = value.charAt(i);
            if (c < 0x20 || (c >= 0x7F && c <= 0x9F) || c == '\u2028' || c == '\u2029') {
                return String.format("control character U+%04X at %d", (int) c, i);
            }
            if (Character.isHighSurrogate(c)) {
                if (i + 1 >= value.length() || !Character.isLowSurrogate(value.charAt(i + 1))) {
                    return "broken UTF-16 at " + i;
                }
                i++;
            } else if (Character.isLowSurrogate(c)) {
                return "broken UTF-16 at " + i;
            }
        }
        return null;
    }

    /** Free text from the store (reasons, run names) with control characters made visible. */
    public static String printable(String text) {
        if (text == null) {
            return "";
        }
        StringBuilder b = new StringBuilder(text.length());
        text.codePoints().forEach(cp -> {
            if (cp < 0x20 || (cp >= 0x7F && cp <= 0x9F) || cp == 0x2028 || cp == 0x2029 || (cp >= 0xD800 && cp <= 0xDFFF)) {
                b.append(String.format("\\u%04x", cp));
            } else {
                b.appendCodePoint(cp);
            }
        });
        return b.toString();
    }

    /**
     * Why an indicator cannot be shared in any format, or null: text that is unsafe (above), an
     * address or host name that does not parse, a JA3 that is no MD5 hash. Each format adds its own
     * rules for URLs.
     */
    static String commonRejection(Indicator i) {
        String unsafe = unsafeBecause(i.value());
        if (unsafe != null) {
            return unsafe;
        }
        return switch (i.kind()) {
            case ADDRESS -> DnsNames.isAddressLiteral(i.value()) ? null : "not an IPv4 or IPv6 address";
            case DOMAIN -> DnsNames.isHostName(i.value()) ? null : "not a host name";
            case JA3 -> i.value().matches("[0-9a-fA-F]{32}") ? null : "not a JA3 hash";
            default -> null;
        };
    }
}
