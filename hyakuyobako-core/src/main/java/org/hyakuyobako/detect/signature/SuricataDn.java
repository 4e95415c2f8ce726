package org.hyakuyobako.detect.signature;

import java.util.ArrayList;
import java.util.Collections;
import java.util.List;

/**
 * A certificate name as Suricata writes it for tls.cert_subject and tls.cert_issuer
 * ({@code C=US, O=Let's Encrypt, CN=R3}: the certificate's order, ", " between parts) from the
 * JDK's RFC 2253 form ({@code CN=R3,O=Let's Encrypt,C=US}: reversed, no spaces), so that ET's
 * certificate rules match as they were written.
 */
final class SuricataDn {
    private SuricataDn() {
    }

    static String of(String rfc2253) {
        List<String> parts = new ArrayList<>();
        StringBuilder cur = new StringBuilder();
        for (int i = 0; i < rfc2253.length(); i++) {
            char c = rfc2253.charAt(i);
            if (c == '\\' && i + 1 < rfc2253.length()) {
                cur.append(rfc2253.charAt(++i));     // an escaped comma or plus belongs to the value
            } else if (c == ',') {
                parts.add(cur.toString());
                cur.setLength(0);
            } else {
                cur.append(c);
            }
        }
        parts.add(cur.toString());
        Collections.reverse(parts);
        return String.join(", ", parts);
    }
}
