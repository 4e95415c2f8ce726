package org.hyakuyobako.detect.signature;

import java.nio.ByteBuffer;
import java.util.Arrays;

/**
 * The bytes of one stream chunk, kept as the pieces they came in and copied into one array only
 * when a rule is to be verified against them ({@link #whole}). A segment that was scanned with its
 * packet (ADR 0016) is kept by reference to the packet's payload array, which nothing changes
 * after the packet's inspection, or, when the packet was read where it lies in a mapped capture
 * file and never copied, as a view of that mapping (a read-only mapping never changes; a view keeps
 * the mapping, not heap, alive until the chunk is inspected); other deliveries (held out-of-order data, segments of connections
 * without packet rules, short segments) are copied into an array of the chunk's own.
 *
 * <p>Why: on the large benchmark capture not one stream chunk had a candidate rule once the
 * segment scans were taken into account (41,836 chunks, 185 MB per 200 MB of capture), yet every
 * collected byte was copied into a chunk buffer, and a message's rest once more into an array of
 * its length. Now a chunk without candidates is never made whole; the bytes its inspection still
 * scans (its start, and around each place where pieces meet) are copied out of the pieces
 * ({@link #copyRange}). A packet's array is held until its chunk is inspected, at most
 * {@link StreamChunk#MAX_CHUNK} bytes of pieces per side as before.
 */
final class ChunkBytes {
    /** Pieces shorter than this are copied rather than kept by reference: many tiny arrays cost more than a copy. */
    static final int MIN_REFERENCED = 256;
    /** More pieces than this and they are copied into one array (memory stays bounded whatever the segment sizes). */
    static final int MAX_PIECES = 64;

    /**
     * The pieces: a {@code byte[]}, or a {@link ByteBuffer} view of a mapped capture. With
     * {@link #spans} (offset and length of piece i at {@code 2i}, {@code 2i + 1}) two arrays, not
     * four: a packet adds a piece, and each array is one more cache line to fetch for it.
     */
    private Object[] pieces = new Object[4];
    private int[] spans = new int[8];
    private int count;
    private int length;
    /** Whether the last piece is the chunk's own array, which later copies may extend up to its capacity. */
    private boolean tailOwned;
    /** The bytes in one array, once asked for. */
    private byte[] whole;

    /** A chunk of exactly these bytes (already in one array). */
    static ChunkBytes of(byte[] bytes) {
        ChunkBytes c = new ChunkBytes();
        c.add(bytes, 0, bytes.length);
        c.whole = bytes;
        return c;
    }

    int length() {
        return length;
    }

    /** How many pieces, for the tests. */
    int pieces() {
        return count;
    }

    /**
     * Appends {@code a[off, off + n)} by reference: the caller guarantees nothing writes to those
     * bytes again. Copied instead when short, or when it is less than half of {@code a}: a
     * 64 KB segment (captures taken with TSO/GRO hold such) cut at a chunk's limit would otherwise
     * keep its whole array for a few bytes, and memory per side stays within twice the bytes held.
     */
    void reference(byte[] a, int off, int n) {
        if (n < MIN_REFERENCED || 2 * n < a.length) {
            copy(ByteBuffer.wrap(a), off, n, 4 * MIN_REFERENCED);
            return;
        }
        add(a, off, n);
        tailOwned = false;
        bounded();
    }

    /**
     * Appends {@code view[off, off + n)} by reference: a direct buffer whose bytes never change
     * while it is reachable (a mapped capture, {@link org.hyakuyobako.source.CaptureBytes#stable}).
     * Copied instead when short.
     */
    void reference(ByteBuffer view, int off, int n) {
        if (n < MIN_REFERENCED) {
            copy(view, off, n, 4 * MIN_REFERENCED);
            return;
        }
        add(view, off, n);
        tailOwned = false;
        bounded();
    }

    /**
     * Appends a copy of {@code n} bytes of the buffer (a view that is gone after this call);
     * {@code hint}: how large the chunk's own array should start (the side's last message).
     */
    void copy(ByteBuffer buffer, int off, int n, int hint) {
        if (n <= 0) {
            return;
        }
        int last = count - 1;
        if (tailOwned) {
            int used = spans[2 * last + 1];
            byte[] tail = (byte[]) pieces[last];
            if (tail.length - used < n) {
                // Doubling, up to exactly what one full chunk can still take.
                int room = StreamChunk.MAX_CHUNK - (length - used);
                tail = Arrays.copyOf(tail, Math.max(used + n, Math.min(room, tail.length * 2)));
                pieces[last] = tail;
            }
            buffer.get(off, tail, used, n);
            spans[2 * last + 1] = used + n;
            length += n;
        } else {
            int room = StreamChunk.MAX_CHUNK - length;
            byte[] tail = new byte[Math.max(n, Math.min(room, hint))];
            buffer.get(off, tail, 0, n);
            add(tail, 0, n);
            tailOwned = true;
        }
        whole = null;
        bounded();
    }

    /** Appends a piece: a byte[] or a direct ByteBuffer. */
    private void add(Object piece, int off, int n) {
        if (count == pieces.length) {
            pieces = Arrays.copyOf(pieces, count * 2);
            spans = Arrays.copyOf(spans, count * 4);
        }
        pieces[count] = piece;
        spans[2 * count] = off;
        spans[2 * count + 1] = n;
        count++;
        length += n;
        whole = null;
    }

    /** Past {@link #MAX_PIECES}, the pieces become one array of the chunk's own. */
    private void bounded() {
        if (count > MAX_PIECES) {
            byte[] one = new byte[Math.max(length, Math.min(StreamChunk.MAX_CHUNK, length * 2))];
            copyRange(0, length, one);
            Arrays.fill(pieces, 0, count, null);
            count = 0;
            int n = length;
            length = 0;
            add(one, 0, n);
            tailOwned = true;
        }
    }

    /** The chunk's bytes in one array of exactly {@link #length} bytes (made on the first call; not to be written to). */
    byte[] whole() {
        if (whole == null) {
            if (count == 1 && pieces[0] instanceof byte[] a && spans[0] == 0 && a.length == length) {
                whole = a;
            } else {
                byte[] one = new byte[length];
                copyRange(0, length, one);
                whole = one;
            }
        }
        return whole;
    }

    /**
     * An array that starts with the chunk's first {@code n} bytes: the first piece itself when it
     * holds them from its array's start (a segment kept by reference usually does), else
     * {@code scratch} with them copied in.
     */
    byte[] prefix(int n, byte[] scratch) {
        if (whole != null) {
            return whole;
        }
        if (count > 0 && pieces[0] instanceof byte[] a && spans[0] == 0 && spans[1] >= n) {
            return a;
        }
        copyRange(0, n, scratch);
        return scratch;
    }

    /** Copies the chunk's bytes {@code [from, to)} to the start of {@code dst}. */
    void copyRange(int from, int to, byte[] dst) {
        if (whole != null) {
            System.arraycopy(whole, from, dst, 0, to - from);
            return;
        }
        int pieceStart = 0;
        int written = 0;
        for (int i = 0; i < count && pieceStart < to; i++) {
            int pieceEnd = pieceStart + spans[2 * i + 1];
            int a = Math.max(from, pieceStart);
            int b = Math.min(to, pieceEnd);
            if (a < b) {
                int at = spans[2 * i] + (a - pieceStart);
                if (pieces[i] instanceof byte[] array) {
                    System.arraycopy(array, at, dst, written, b - a);
                } else {
                    ((ByteBuffer) pieces[i]).get(at, dst, written, b - a);
                }
                written += b - a;
            }
            pieceStart = pieceEnd;
        }
    }
}
