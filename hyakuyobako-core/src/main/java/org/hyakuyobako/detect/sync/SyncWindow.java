package org.hyakuyobako.detect.sync;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import org.hyakuyobako.decode.DecodedPacket;
import org.hyakuyobako.decode.IpAddresses;
import org.hyakuyobako.decode.IpProtocol;
import org.hyakuyobako.event.SyncEvent;

/**
 * The packets to or from one external node within one tolerance window, starting at the first:
 * which monitored hosts took part, each with its first packet's ports and protocol.
 *
 * <p>Most windows only ever see one host and are dropped, so members are kept as primitives and
 * turned into event records (with formatted addresses) only when a window closes with two or more
 * hosts: that keeps the per-packet cost to a map look-up and a few field writes.
 */
final class SyncWindow {
    final ExternalKey key;
    final long startNanos;
    private int listed;
    private long[] hostHi = new long[2];
    private long[] hostLo = new long[2];
    private long[] firstNanos = new long[2];
    private int[] sensor = new int[2];
    private int[] srcPort = new int[2];
    private int[] destPort = new int[2];
    private int[] protocol = new int[2];
    static final int LINEAR_SCAN_LIMIT = 8;
    /** Every host seen, once a window has more than {@link #LINEAR_SCAN_LIMIT}; null before. */
    private HostHashSet seen;
    int omitted;

    SyncWindow(ExternalKey key, long startNanos) {
        this.key = key;
        this.startNanos = startNanos;
    }

    /** Packets in the window, all hosts together (a flood shows as many). */
    int packets;

    /** Adds a host's packet; only its first packet in the window is listed. */
    void add(long hi, long lo, int maxListed, DecodedPacket p) {
        packets++;
        if (seen != null) {
            if (!seen.add(hi, lo)) {
                return;
            }
        } else {
            for (int i = 0; i < listed; i++) {
                if (hostLo[i] == lo && hostHi[i] == hi) {
                    return;
                }
            }
            if (listed >= LINEAR_SCAN_LIMIT) {
                // Busy windows (a node every host talks to) switch to a set: the scan would cost
                // more per packet than the set's allocation.
                seen = new HostHashSet();
                for (int i = 0; i < listed; i++) {
                    seen.add(hostHi[i], hostLo[i]);
                }
                seen.add(hi, lo);
            }
        }
        if (listed < maxListed) {
            if (listed == hostHi.length) {
                grow();
            }
            hostHi[listed] = hi;
            hostLo[listed] = lo;
            firstNanos[listed] = p.record.timestampNanos;
            sensor[listed] = p.record.sensorId;
            srcPort[listed] = p.srcPort;
            destPort[listed] = p.dstPort;
            protocol[listed] = p.protocol;
            listed++;
            return;
        }
        omitted++;
    }

    private void grow() {
        int n = hostHi.length * 2;
        hostHi = Arrays.copyOf(hostHi, n);
        hostLo = Arrays.copyOf(hostLo, n);
        firstNanos = Arrays.copyOf(firstNanos, n);
        sensor = Arrays.copyOf(sensor, n);
        srcPort = Arrays.copyOf(srcPort, n);
        destPort = Arrays.copyOf(destPort, n);
        protocol = Arrays.copyOf(protocol, n);
    }

    int distinctHosts() {
        return listed + omitted;
    }

    int listed() {
        return listed;
    }

    long hostHi(int i) {
        return hostHi[i];
    }

    long hostLo(int i) {
        return hostLo[i];
    }

    long firstNanos(int i) {
        return firstNanos[i];
    }

    int destPort(int i) {
        return destPort[i];
    }

    /** The listed hosts as event records (addresses formatted here, once per reported window). */
    List<SyncEvent.Member> members() {
        List<SyncEvent.Member> out = new ArrayList<>(listed);
        for (int i = 0; i < listed; i++) {
            out.add(new SyncEvent.Member(IpAddresses.format(hostHi[i], hostLo[i]), sensor[i], srcPort[i], destPort[i],
                    IpProtocol.eveName(protocol[i]), firstNanos[i]));
        }
        return out;
    }
}
