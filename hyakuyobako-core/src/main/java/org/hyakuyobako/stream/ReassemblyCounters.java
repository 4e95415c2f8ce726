package org.hyakuyobako.stream;

/** What reassembly did, across all streams that share these counters (one per analysis). */
public final class ReassemblyCounters {
    long bytesDelivered;
    long segmentsOutOfOrder;
    long retransmittedBytes;
    long overlapBytes;
    long overlapsDiffering;
    long gaps;
    long gapBytes;
    long limitHits;
    /** Out-of-order bytes held right now, for the global limit. */
    long heldBytes;

    public long bytesDelivered() {
        return bytesDelivered;
    }

    public long segmentsOutOfOrder() {
        return segmentsOutOfOrder;
    }

    public long retransmittedBytes() {
        return retransmittedBytes;
    }

    /** Bytes of segments that overlapped data already held or delivered (the first copy was kept). */
    public long overlapBytes() {
        return overlapBytes;
    }

    /** Overlaps whose bytes differed from the first copy: an evasion attempt or a broken stack. */
    public long overlapsDiffering() {
        return overlapsDiffering;
    }

    public long gaps() {
        return gaps;
    }

    public long gapBytes() {
        return gapBytes;
    }

    public long limitHits() {
        return limitHits;
    }

    public long heldBytes() {
        return heldBytes;
    }
}
