package org.hyakuyobako.detect.signature;

import java.util.function.IntConsumer;
import org.hyakuyobako.net.Cidr;
import org.hyakuyobako.net.CidrSet;
import org.hyakuyobako.rules.AddressMatcher;
import org.hyakuyobako.rules.Rule;

/**
 * Rules without a content to prefilter on, found through the addresses their header lists (the
 * reputation lists written as rules: Spamhaus DROP, DShield, botcc, Tor). Each rule is filed under
 * the narrower of its two address lists ({@code $HOME_NET any -> [two C&C hosts]} under the two
 * hosts, not under the home net), so a packet only meets the rules that name one of its addresses.
 */
final class AddressIndex {
    private final CidrSet bySource = new CidrSet();
    private final CidrSet byDestination = new CidrSet();

    /** Files the rule; false when neither side is a plain list (the caller keeps it elsewhere). */
    boolean add(Rule r, int id) {
        if (r.bidirectional) {
            return false;
        }
        AddressMatcher.CidrList src = r.src instanceof AddressMatcher.CidrList l ? l : null;
        AddressMatcher.CidrList dst = r.dst instanceof AddressMatcher.CidrList l ? l : null;
        if (src == null && dst == null) {
            return false;
        }
        boolean bySrc = dst == null || src != null && span(src) <= span(dst);
        for (Cidr c : (bySrc ? src : dst).cidrs()) {
            (bySrc ? bySource : byDestination).add(c, id);
        }
        return true;
    }

    /**
     * How many addresses the narrower of the rule's two address lists covers (infinite when neither
     * is a plain list): a rule naming a few hosts is found faster by address than by port.
     */
    static double narrowerSpan(Rule r) {
        AddressMatcher.CidrList src = r.src instanceof AddressMatcher.CidrList l ? l : null;
        AddressMatcher.CidrList dst = r.dst instanceof AddressMatcher.CidrList l ? l : null;
        double s = src == null ? Double.POSITIVE_INFINITY : span(src);
        double d = dst == null ? Double.POSITIVE_INFINITY : span(dst);
        return Math.min(s, d);
    }

    /** How many addresses a list covers (as a double: IPv6 spans overflow any integer). */
    private static double span(AddressMatcher.CidrList list) {
        double n = 0;
        for (Cidr c : list.cidrs()) {
            n += Math.pow(2, 128 - c.bits());
        }
        return n;
    }

    int size() {
        return bySource.size() + byDestination.size();
    }

    void candidates(Inspection in, IntConsumer mark) {
        if (bySource.size() > 0) {
            bySource.forEachMatch(in.srcHi, in.srcLo, mark);
        }
        if (byDestination.size() > 0) {
            byDestination.forEachMatch(in.dstHi, in.dstLo, mark);
        }
    }
}
