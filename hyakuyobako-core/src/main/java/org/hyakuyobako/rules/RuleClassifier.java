package org.hyakuyobako.rules;

import java.util.List;

/**
 * Decides, once a rule is read, when it is inspected ({@link Slot}: packet, stream, HTTP request
 * or response, DNS, TLS, mail attachment) from the buffers it uses, and which content the
 * prefilter looks for.
 */
final class RuleClassifier {
    private RuleClassifier() {
    }

    static Slot slot(Rule rule) throws UnsupportedRuleException {
        boolean payload = false;
        boolean request = false;
        boolean response = false;
        boolean either = false;
        boolean dns = rule.dnsRcode != null;
        boolean tls = false;
        boolean fileData = false;
        for (BufferRef b : rule.buffers.keySet()) {
            switch (b.buffer().side) {
                case ANY -> payload = true;
                case REQUEST -> request = true;
                case RESPONSE -> {
                    response = true;
                    fileData |= b.buffer() == Buffer.FILE_DATA;
                }
                case EITHER -> either = true;
                case DNS -> dns = true;
                default -> tls = true;
            }
        }
        boolean http = request || response || either || rule.urilen != null;
        int families = (http ? 1 : 0) + (dns ? 1 : 0) + (tls ? 1 : 0);
        if (families > 1) {
            throw new UnsupportedRuleException("buffers of several protocols in one rule");
        }
        if (payload && (dns || tls)) {
            throw new UnsupportedRuleException("payload and DNS or TLS buffers in one rule");
        }
        if (dns) {
            return Slot.DNS;
        }
        if (tls) {
            return Slot.TLS;
        }
        if (rule.protocol == RuleProtocol.SMTP && fileData) {
            if (request || either) {
                throw new UnsupportedRuleException("HTTP buffers in an SMTP rule");
            }
            return Slot.SMTP_FILE;
        }
        if (http) {
            if (rule.dsize != null) {
                throw new UnsupportedRuleException("dsize with HTTP buffers");
            }
            if (response || either && rule.flow.toClient()) {
                return Slot.HTTP_RESPONSE;
            }
            return Slot.HTTP_REQUEST;
        }
        boolean tcp = rule.protocol != RuleProtocol.UDP && rule.protocol != RuleProtocol.ICMP && rule.protocol != RuleProtocol.IP
                && rule.protocol != RuleProtocol.DNS;
        if (payload && tcp && rule.dsize == null && rule.flags == null && !rule.flow.noStream() && !rule.flow.stateless()) {
            return Slot.STREAM;
        }
        return Slot.PACKET;
    }

    /** The explicit fast_pattern, else the longest positive content (Suricata's choice, buffer priority aside). */
    static ContentOption fastPattern(Rule rule) {
        ContentOption best = null;
        for (List<PayloadOption> options : rule.buffers.values()) {
            for (PayloadOption o : options) {
                // A transformed buffer is not what the prefilter scans: its contents are checked, not prefiltered.
                if (o instanceof ContentOption c && !c.negated && c.buffer.transforms().isEmpty()) {
                    if (c.fastPattern) {
                        return c;
                    }
                    if (best == null || c.pattern.length > best.pattern.length) {
                        best = c;
                    }
                }
            }
        }
        return best;
    }
}
