package org.hyakuyobako.stream;

import java.nio.ByteBuffer;
import java.util.Map;
import java.util.TreeMap;

/**
 * Reassembles one direction of a TCP connection into an ordered stream for a {@link StreamConsumer}.
 *
 * <p>In-order segments are handed over as views of the capture buffer (no copy); only segments that
 * arrive ahead of a hole are copied and held. Retransmissions and overlaps keep the first copy (as
 * Suricata's default policy and most end hosts do) and are counted, with a separate count when the
 * overlapping bytes differ. A hole is skipped and reported as a gap when the peer acknowledges data
 * beyond it, when the memory limits are reached, or at the end; the stream never stalls. A stream
 * picked up without its SYN starts at its first byte seen. Sequence numbers wrap safely.
 *
 * <p>Hand-written: the project needs per-packet zero-copy delivery with explicit memory limits and
 * counters, which no maintained Java TCP library offers for offline captures.
 */
public final class StreamReassembler {
    private final StreamConsumer consumer;
    private final ReassemblyLimits limits;
    private final ReassemblyCounters counters;
    /** Held out-of-order data by stream offset; ranges never overlap, none is empty. */
    private final TreeMap<Long, byte[]> held = new TreeMap<>();
    /**
     * The bytes in {@link #held}: zero exactly when it is empty. The per-packet paths ask this field
     * rather than the map, which an in-order stream never needs: with thousands of connections
     * interleaved, the map's object is one more cache line to read per packet, and the look-up
     * around an empty map boxes the offset.
     */
    private long heldBytes;
    private boolean started;
    private int lastRaw;
    private long lastRel;
    private long next;
    private long finOffset = -1;
    private long ackedTo = -1;
    private boolean ended;

    public StreamReassembler(StreamConsumer consumer, ReassemblyLimits limits, ReassemblyCounters counters) {
        this.consumer = consumer;
        this.limits = limits;
        this.counters = counters;
    }

    /** A SYN from this direction: the stream starts right after it. */
    public void syn(int seq) {
        if (!started) {
            start(seq + 1);
        }
    }

    private void start(int firstSeq) {
        started = true;
        lastRaw = firstSeq;
        lastRel = 0;
        next = 0;
    }

    /** Stream offset of a sequence number, safe across wraps within 2 GiB of the latest seen. */
    private long offset(int seq) {
        long rel = lastRel + (seq - lastRaw);
        if (rel > lastRel) {
            lastRel = rel;
            lastRaw = seq;
        }
        return rel;
    }

    /** The next stream offset expected (everything before it was delivered or reported as a gap). */
    public long nextOffset() {
        return next;
    }

    public boolean ended() {
        return ended;
    }

    /**
     * A segment of this direction.
     *
     * @param fin whether the segment carries FIN (the stream ends after its data)
     */
    public void segment(int seq, ByteBuffer buffer, int offset, int length, boolean fin) {
        if (ended || (length <= 0 && !fin)) {
            return;
        }
        if (!started) {
            start(seq);
        }
        long start = offset(seq);
        long end = start + Math.max(0, length);
        if (fin) {
            finOffset = end;
        }
        if (length > 0) {
            if (end <= next) {
                counters.retransmittedBytes += length;
            } else {
                int off = offset;
                int len = length;
                if (start < next) {
                    int trim = (int) (next - start);
                    counters.overlapBytes += trim;
                    off += trim;
                    len -= trim;
                    start = next;
                }
                if (start == next) {
                    deliverAroundHeld(buffer, off, len, start);
                } else {
                    counters.segmentsOutOfOrder++;
                    hold(start, buffer, off, len);
                    enforceLimits();
                }
            }
        }
        checkEnd();
    }

    /** The peer acknowledged this direction's data up to {@code ackSeq}: anything missing below it is lost. */
    public void ack(int ackSeq) {
        if (!started || ended) {
            return;
        }
        long acked = lastRel + (ackSeq - lastRaw);
        ackedTo = Math.max(ackedTo, acked);
        skipLostData();
    }

    /** A RST from either side: deliver what is held, with its gaps, and end. */
    public void reset() {
        finish();
    }

    /** The connection ended (or was written out): deliver what is held, with its gaps, and end. */
    public void finish() {
        if (ended) {
            return;
        }
        while (!held.isEmpty()) {
            skipTo(held.firstKey());
            drain();
        }
        end();
    }

    private void deliver(ByteBuffer buffer, int off, int len, long at) {
        consumer.data(buffer, off, len, at);
        counters.bytesDelivered += len;
        next = at + len;
    }

    /**
     * Delivers an in-order segment; where it overlaps data already held (which arrived first), the
     * held bytes are delivered instead and the overlap is compared and counted.
     */
    private void deliverAroundHeld(ByteBuffer buffer, int off, int len, long start) {
        if (nothingHeld()) {
            deliver(buffer, off, len, start);
            return;
        }
        long end = start + len;
        long cursor = start;
        while (cursor < end) {
            Map.Entry<Long, byte[]> h = held.ceilingEntry(cursor);
            if (h == null || h.getKey() >= end) {
                deliver(buffer, off + (int) (cursor - start), (int) (end - cursor), cursor);
                break;
            }
            if (h.getKey() > cursor) {
                deliver(buffer, off + (int) (cursor - start), (int) (h.getKey() - cursor), cursor);
            }
            compareOverlap(h, start, end, buffer, off);
            drain();
            cursor = Math.max(cursor, next);
        }
        drain();
    }

    /** Delivers held data that has become contiguous. */
    private void drain() {
        while (!nothingHeld() && held.firstKey() <= next) {
            Map.Entry<Long, byte[]> e = held.pollFirstEntry();
            release(e.getValue().length);
            long s = e.getKey();
            byte[] bytes = e.getValue();
            long end = s + bytes.length;
            if (end <= next) {
                continue;
            }
            int skip = (int) (next - s);
            deliver(ByteBuffer.wrap(bytes), skip, bytes.length - skip, next);
        }
    }

    /** Copies the parts of a segment not already held (the first copy wins). */
    private void hold(long start, ByteBuffer buffer, int off, int len) {
        long end = start + len;
        long cursor = start;
        Map.Entry<Long, byte[]> before = held.floorEntry(start);
        if (before != null && before.getKey() + before.getValue().length > start) {
            cursor = compareOverlap(before, start, end, buffer, off);
        }
        while (cursor < end) {
            Map.Entry<Long, byte[]> following = held.ceilingEntry(cursor);
            long pieceEnd = following == null ? end : Math.min(end, following.getKey());
            if (pieceEnd > cursor) {
                byte[] piece = new byte[(int) (pieceEnd - cursor)];
                buffer.get(off + (int) (cursor - start), piece);
                held.put(cursor, piece);
                heldBytes += piece.length;
                counters.heldBytes += piece.length;
            }
            if (following == null || following.getKey() >= end) {
                break;
            }
            cursor = compareOverlap(following, start, end, buffer, off);
        }
        skipLostData();
    }

    /** Counts the overlap of a new segment with a held range; returns where the held range ends. */
    private long compareOverlap(Map.Entry<Long, byte[]> heldRange, long start, long end, ByteBuffer buffer, int off) {
        long hs = heldRange.getKey();
        byte[] hb = heldRange.getValue();
        long from = Math.max(hs, start);
        long to = Math.min(hs + hb.length, end);
        boolean differs = false;
        for (long p = from; p < to; p++) {
            if (hb[(int) (p - hs)] != buffer.get(off + (int) (p - start))) {
                differs = true;
                break;
            }
        }
        counters.overlapBytes += Math.max(0, to - from);
        if (differs) {
            counters.overlapsDiffering++;
        }
        return hs + hb.length;
    }

    private void enforceLimits() {
        while (!held.isEmpty() && (heldBytes > limits.maxBytesPerStream() || counters.heldBytes > limits.maxBytesTotal())) {
            counters.limitHits++;
            skipTo(held.firstKey());
            drain();
        }
    }

    /** The peer has acknowledged past a hole below held data: that hole will never be filled. */
    private void skipLostData() {
        if (!nothingHeld() && ackedTo >= held.firstKey() && held.firstKey() > next) {
            skipTo(held.firstKey());
            drain();
        }
    }

    private void skipTo(long offset) {
        if (offset > next) {
            consumer.gap(next, offset - next);
            counters.gaps++;
            counters.gapBytes += offset - next;
            next = offset;
        }
    }

    private void checkEnd() {
        if (finOffset >= 0 && next >= finOffset && nothingHeld()) {
            end();
        }
    }

    private boolean nothingHeld() {
        return heldBytes == 0;
    }

    private void release(int bytes) {
        heldBytes -= bytes;
        counters.heldBytes -= bytes;
    }

    private void end() {
        if (!ended) {
            ended = true;
            counters.heldBytes -= heldBytes;
            heldBytes = 0;
            held.clear();
            consumer.end();
        }
    }
}
