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

    /** Fast patterns shorter than this make the prefilter look at every position (see BufferPrefilter). */
    static final int SHORT = 4;

    /**
     * The content the prefilter looks for. Any positive content will do (every one must occur for
     * the rule to match), so the choice is about cost. Without a hint, the strongest content
     * (Suricata's {@link #strength}: distinct bytes count, rare ones more, so eight zero bytes are
     * weaker than "evil.php"); contents of {@link #SHORT} bytes or more before shorter ones, and
     * among short ones those that can only occur near the start of their buffer (ET's
     * {@code content:"|16 03|"; depth:2;}). The explicit fast_pattern is kept unless it is short and
     * a cheaper content exists (a long one at least as strong, or a short one anchored at the start): ET marks two- and three-byte contents beside longer ones
     * (FREAK, Tesch, DDoS.TF), which would make the prefilter stop wherever those bytes occur.
     * A long content of at most two distinct bytes does not count as cheaper: such strings are
     * protocol headers and padding ({@code |01 00 00 01 00 00 00 00 00 00|} is the header of nearly
     * every DNS query, and made ET's Tofsee and BIND9 rules candidates on every DNS packet, where
     * their marked {@code |07|dq} and {@code |00 f9|} occur in almost none).
     */
    static ContentOption fastPattern(Rule rule) {
        ContentOption explicit = null;
        ContentOption best = null;
        for (List<PayloadOption> options : rule.buffers.values()) {
            for (PayloadOption o : options) {
                // A transformed buffer is not what the prefilter scans: its contents are checked, not prefiltered.
                if (o instanceof ContentOption c && !c.negated && c.buffer.transforms().isEmpty()) {
                    if (c.fastPattern && explicit == null) {
                        explicit = c;
                    }
                    if (best == null || better(c, best)) {
                        best = c;
                    }
                }
            }
        }
        if (explicit != null && (explicit.pattern.length >= SHORT || !better(best, explicit)
                || best.pattern.length >= SHORT && distinctBytes(best.pattern) <= 2)) {
            return explicit;
        }
        return best;
    }

    private static int distinctBytes(byte[] pattern) {
        boolean[] seen = new boolean[256];
        int n = 0;
        for (byte b : pattern) {
            if (!seen[b & 0xff]) {
                seen[b & 0xff] = true;
                n++;
            }
        }
        return n;
    }

    /** Whether {@code a} is the cheaper prefilter key than {@code b}. */
    private static boolean better(ContentOption a, ContentOption b) {
        boolean aLong = a.pattern.length >= SHORT;
        boolean bLong = b.pattern.length >= SHORT;
        int sa = strength(a.pattern);
        int sb = strength(b.pattern);
        if (aLong != bLong) {
            return aLong ? sa >= sb : sa > sb;
        }
        if (!aLong) {
            boolean aAnchored = a.endBound() >= 0;
            boolean bAnchored = b.endBound() >= 0;
            if (aAnchored != bAnchored) {
                return aAnchored;
            }
        }
        return sa != sb ? sa > sb : a.pattern.length > b.pattern.length;
    }

    /**
     * Suricata's PatternStrength (detect-engine-mpm.c): each distinct byte scores 3 for a letter, 4
     * for other printable characters and 0x00, 0x01, 0xFF, 6 for any other byte; repeats score 1.
     */
    static int strength(byte[] pattern) {
        boolean[] seen = new boolean[256];
        int s = 0;
        for (byte x : pattern) {
            int b = x & 0xff;
            if (seen[b]) {
                s++;
                continue;
            }
            seen[b] = true;
            boolean alpha = b >= 'a' && b <= 'z' || b >= 'A' && b <= 'Z';
            s += alpha ? 3 : b >= 0x20 && b < 0x7f || b == 0x00 || b == 0x01 || b == 0xff ? 4 : 6;
        }
        return s;
    }
}
