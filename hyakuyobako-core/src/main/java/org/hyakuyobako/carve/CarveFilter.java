package org.hyakuyobako.carve;

import org.hyakuyobako.decode.DecodedPacket;

/**
 * Which packets to carve: those of one host, optionally only with one peer, optionally within a
 * time window (inclusive, packet time). Addresses as {hi, lo} pairs, as the decoder keeps them.
 */
public record CarveFilter(long hostHi, long hostLo, boolean hasPeer, long peerHi, long peerLo, long fromNanos, long toNanos) {
    public boolean matches(DecodedPacket p) {
        long t = p.record.timestampNanos;
        if (t < fromNanos || t > toNanos) {
            return false;
        }
        boolean srcIsHost = p.srcHi == hostHi && p.srcLo == hostLo;
        boolean dstIsHost = p.dstHi == hostHi && p.dstLo == hostLo;
        if (!srcIsHost && !dstIsHost) {
            return false;
        }
        if (!hasPeer) {
            return true;
        }
        return srcIsHost && p.dstHi == peerHi && p.dstLo == peerLo || dstIsHost && p.srcHi == peerHi && p.srcLo == peerLo;
    }
}
