package org.hyakuyobako.simulate;

import org.hyakuyobako.decode.IpAddresses;
import org.hyakuyobako.flow.FlowRecord;

/** Flow records made by hand, as the flow table would end them, for rendering tests. */
final class SyntheticFlows {
    private SyntheticFlows() {
    }

    /** A TCP flow; {@code bytes} all from the originator. */
    static FlowRecord tcp(long id, String src, int sport, String dst, int dport, long start, long end, String state, String history,
                          String reason, long bytes) {
        return flow(id, 6, src, sport, dst, dport, start, end, state, history, reason, bytes);
    }

    /** A UDP flow, answered, ended by the flow table's idle timeout. */
    static FlowRecord udp(long id, String src, int sport, String dst, int dport, long start, long end, long bytes) {
        return flow(id, 17, src, sport, dst, dport, start, end, "SF", "Dd", "timeout", bytes);
    }

    private static FlowRecord flow(long id, int protocol, String src, int sport, String dst, int dport, long start, long end, String state,
                                   String history, String reason, long bytes) {
        long[] a = IpAddresses.parse(src);
        long[] b = IpAddresses.parse(dst);
        return new FlowRecord(id, 0, protocol, sport, dport, start, end, end - start, 1, 1, bytes, 0, bytes, 0, bytes, 0, state, history, 0, 0,
                null, reason, null, 0, 0, a[0], a[1], b[0], b[1]);
    }
}
