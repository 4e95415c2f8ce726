package org.hyakuyobako.detect.dns;

/**
 * The registered domain of a name (the part a person buys: {@code example.com}, {@code example.co.uk})
 * by a rule of thumb, since the Public Suffix List cannot be fetched here: two labels, or three when
 * the second-level label is a short generic one under a two-letter country code (co, ac, or, ne, …).
 */
final class RegisteredDomain {
    private static final java.util.Set<String> SECOND_LEVEL = java.util.Set.of("co", "com", "net", "org", "ac", "or", "ne", "go",
            "gov", "edu", "ad", "gr", "lg", "mil", "ltd", "plc", "sch");

    private RegisteredDomain() {
    }

    static String of(String name) {
        String[] labels = name.split("\\.");
        int n = labels.length;
        if (n <= 2) {
            return name;
        }
        boolean ccSecondLevel = labels[n - 1].length() == 2 && SECOND_LEVEL.contains(labels[n - 2]);
        int keep = ccSecondLevel ? 3 : 2;
        return String.join(".", java.util.Arrays.copyOfRange(labels, n - keep, n));
    }

    /** What comes before the registered domain ({@code a.b} of {@code a.b.example.com}), or "". */
    static String subdomain(String name, String registered) {
        return name.length() > registered.length() ? name.substring(0, name.length() - registered.length() - 1) : "";
    }

    /** Shannon entropy of the characters, in bits per character. */
    static double entropy(String s) {
        if (s.isEmpty()) {
            return 0;
        }
        int[] counts = new int[128];
        int other = 0;
        for (int i = 0; i < s.length(); i++) {
            char c = s.charAt(i);
            if (c < 128) {
                counts[c]++;
            } else {
                other++;
            }
        }
        double h = 0;
        for (int c : counts) {
            if (c > 0) {
                double p = c / (double) s.length();
                h -= p * Math.log(p) / Math.log(2);
            }
        }
        if (other > 0) {
            double p = other / (double) s.length();
            h -= p * Math.log(p) / Math.log(2);
        }
        return h;
    }
}
