package org.hyakuyobako.decode;

import java.nio.ByteBuffer;
import java.util.BitSet;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * Rebuilds IPv4 and IPv6 datagrams from their fragments (RFC 791, RFC 8200) so flows and parsers
 * see whole datagrams, as Zeek and Suricata do.
 *
 * <p>Overlapping fragments: the first copy wins (the bytes already held are kept) and the overlap is
 * counted, since differing overlaps are an evasion technique. Limits: at most
 * {@link #maxDatagrams} datagrams in progress (the oldest is dropped to make room), a datagram
 * is dropped when its first fragment is older than {@link #timeoutNanos} of packet time, and no
 * datagram may exceed 65,535 payload bytes. Every drop is counted.
 *
 * <p>Fragments are rare on real networks, so this class allocates per datagram; the per-packet
 * path for unfragmented traffic never touches it.
 */
public final class FragmentReassembler {
    private static final int MAX_PAYLOAD = 65_535;

    private final int maxDatagrams;
    private final long timeoutNanos;
    private final LinkedHashMap<Key, Datagram> pending = new LinkedHashMap<>();
    private final byte[] assembled = new byte[MAX_PAYLOAD];
    private final ByteBuffer assembledView = ByteBuffer.wrap(assembled);
    private long fragmentsSeen;
    private long datagramsReassembled;
    private long fragmentsDropped;
    private long overlaps;

    public FragmentReassembler(int maxDatagrams, long timeoutNanos) {
        this.maxDatagrams = maxDatagrams;
        this.timeoutNanos = timeoutNanos;
    }

    private record Key(int version, long srcHi, long srcLo, long dstHi, long dstLo, int id, int protocol) {
    }

    private static final class Datagram {
        /** Grows to the datagram's size, so a flood of tiny fragments cannot pin 64 KiB each. */
        byte[] data = new byte[2048];
        final BitSet units = new BitSet();
        final long firstNanos;
        int totalLength = -1;
        int fragments;
        int wireBytes;

        Datagram(long firstNanos) {
            this.firstNanos = firstNanos;
        }

        boolean complete() {
            if (totalLength < 0) {
                return false;
            }
            int needed = (totalLength + 7) / 8;
            return units.nextClearBit(0) >= needed;
        }
    }

    /**
     * Adds one fragment's payload.
     *
     * @param offset byte offset of this fragment's payload in the datagram
     * @param more whether more fragments follow
     * @return the length of the complete payload, now in {@link #payload()}, or -1 while incomplete
     */
    public int add(DecodedPacket p, int id, int protocol, int offset, boolean more,
                   ByteBuffer src, int srcOffset, int length, long nowNanos) {
        fragmentsSeen++;
        expire(nowNanos);
        Key key = new Key(p.ipVersion, p.srcHi, p.srcLo, p.dstHi, p.dstLo, id, protocol);
        Datagram d = pending.get(key);
        if (d == null) {
            if (pending.size() >= maxDatagrams) {
                dropOldest();
            }
            d = new Datagram(nowNanos);
            pending.put(key, d);
        }
        d.fragments++;
        d.wireBytes += p.record.wireLength;
        if (offset + length > MAX_PAYLOAD || length < 0 || (more && (length & 7) != 0)) {
            fragmentsDropped += d.fragments;
            pending.remove(key);
            return -1;
        }
        if (!more) {
            d.totalLength = offset + length;
        }
        if (d.data.length < offset + length) {
            d.data = java.util.Arrays.copyOf(d.data, Math.min(MAX_PAYLOAD, Math.max(offset + length, d.data.length * 2)));
        }
        int firstUnit = offset / 8;
        int lastUnit = (offset + length + 7) / 8;
        for (int u = firstUnit; u < lastUnit; u++) {
            int from = u * 8;
            int to = Math.min(from + 8, offset + length);
            if (d.units.get(u)) {
                overlaps++;
                continue;
            }
            src.get(srcOffset + (from - offset), d.data, from, to - from);
            if (to - from == 8 || to == offset + length) {
                d.units.set(u);
            }
        }
        if (!d.complete()) {
            return -1;
        }
        pending.remove(key);
        System.arraycopy(d.data, 0, assembled, 0, d.totalLength);
        datagramsReassembled++;
        lastFragments = d.fragments;
        lastWireBytes = d.wireBytes;
        return d.totalLength;
    }

    private int lastFragments;
    private int lastWireBytes;

    /** The payload of the datagram completed by the last {@link #add} that returned a length. */
    public ByteBuffer payload() {
        return assembledView;
    }

    /** Fragments behind the last completed datagram. */
    public int lastFragments() {
        return lastFragments;
    }

    /** Wire bytes of the fragments behind the last completed datagram. */
    public int lastWireBytes() {
        return lastWireBytes;
    }

    private void expire(long nowNanos) {
        Iterator<Map.Entry<Key, Datagram>> it = pending.entrySet().iterator();
        while (it.hasNext()) {
            Datagram d = it.next().getValue();
            if (nowNanos - d.firstNanos <= timeoutNanos) {
                break;
            }
            fragmentsDropped += d.fragments;
            it.remove();
        }
    }

    private void dropOldest() {
        Iterator<Map.Entry<Key, Datagram>> it = pending.entrySet().iterator();
        if (it.hasNext()) {
            fragmentsDropped += it.next().getValue().fragments;
            it.remove();
        }
    }

    /** Fragments still waiting at the end of the input are counted as dropped. */
    public void finish() {
        for (Datagram d : pending.values()) {
            fragmentsDropped += d.fragments;
        }
        pending.clear();
    }

    public long fragmentsSeen() {
        return fragmentsSeen;
    }

    public long datagramsReassembled() {
        return datagramsReassembled;
    }

    public long fragmentsDropped() {
        return fragmentsDropped;
    }

    public long overlaps() {
        return overlaps;
    }

    /** Datagrams currently waiting for fragments. */
    public int pendingDatagrams() {
        return pending.size();
    }
}
