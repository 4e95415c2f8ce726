package org.hyakuyobako.simulate;

import org.hyakuyobako.generate.FrameBuilder;

/**
 * One connection attempt of a scan: a SYN, and what the target does with it — nothing (most
 * addresses), a RST (a host without that service), or a SYN-ACK that the scanner resets at once
 * (an open port: the scanner only wanted to know).
 */
final class SynProbe {
    enum Outcome { SILENT, REFUSED, ACCEPTED }

    /** The scanner's RST follows the SYN-ACK this quickly (a raw-socket scanner does not wait). */
    private static final long SCANNER_RESET_NANOS = Durations.MS / 10;

    private SynProbe() {
    }

    /**
     * What a target does, the same every time it is asked (two bots sweeping one network meet the
     * same open hosts): a hash of target, port and {@code salt} against the two shares.
     */
    static Outcome outcome(int target, int port, long salt, double refusedShare, double acceptedShare) {
        long h = (target * 0x9E37_79B9_7F4A_7C15L) ^ (port * 0xC2B2_AE3D_27D4_EB4FL) ^ salt;
        h ^= h >>> 31;
        h *= 0xBF58_476D_1CE4_E5B9L;
        h ^= h >>> 29;
        double u = (h >>> 11) * 0x1.0p-53;
        return u < refusedShare ? Outcome.REFUSED : u < refusedShare + acceptedShare ? Outcome.ACCEPTED : Outcome.SILENT;
    }

    /** The SYN at {@code t} and the target's answer one round trip later, on every sensor that sees either end. */
    static void send(World w, int src, int dst, int sport, int dport, int seq, int window, Outcome outcome, long t, long rtt) {
        FrameBuilder f = w.sim.frames();
        w.packet(t, src, dst, f.tcp4(src, dst, sport, dport, seq, 0, FrameBuilder.SYN, window, null, 0));
        switch (outcome) {
            case REFUSED -> w.packet(t + rtt, dst, src, f.tcp4(dst, src, dport, sport, 0, seq + 1, FrameBuilder.RST | FrameBuilder.ACK, 0,
                    null, 0));
            case ACCEPTED -> {
                int answerSeq = seq * 31 + dst;
                w.packet(t + rtt, dst, src, f.tcp4(dst, src, dport, sport, answerSeq, seq + 1, FrameBuilder.SYN | FrameBuilder.ACK, 65_535,
                        null, 0));
                w.packet(t + rtt + SCANNER_RESET_NANOS, src, dst, f.tcp4(src, dst, sport, dport, seq + 1, 0, FrameBuilder.RST, 0, null, 0));
            }
            case SILENT -> {
            }
        }
    }
}
