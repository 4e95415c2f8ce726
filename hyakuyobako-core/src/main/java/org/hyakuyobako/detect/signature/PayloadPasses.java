package org.hyakuyobako.detect.signature;

import org.hyakuyobako.rules.Buffer;

/**
 * The two ways, besides a whole scan, in which a rule group's payload prefilter meets a TCP
 * payload when segments are scanned once for packet and stream rules (ADR 0016).
 */
final class PayloadPasses {
    private PayloadPasses() {
    }

    /** How a group's payload prefilter is applied when the payload is not simply scanned whole. */
    interface PayloadScan {
        void scan(BufferPrefilter filter, Inspection in, CandidateSet mark);
    }

    /**
     * A packet's payload scanned with the prefilter of its packet rules and its stream's rules
     * ({@link RuleGroup#withStream}): hits of packet rules are candidates, those of stream rules
     * go to the segment.
     */
    static final class SegmentPass implements PayloadScan, AhoCorasick.Hits {
        private final long[] scannedBytes;
        private BufferPrefilter both;
        private CandidateSet mark;
        private SegmentScan segment;

        SegmentPass(long[] scannedBytes) {
            this.scannedBytes = scannedBytes;
        }

        void start(BufferPrefilter both, CandidateSet mark, SegmentScan segment) {
            this.both = both;
            this.mark = mark;
            this.segment = segment;
        }

        @Override
        public void scan(BufferPrefilter filter, Inspection in, CandidateSet m) {
            if (both.scanInPlace(in, this)) {
                scannedBytes[in.slot.ordinal()] += in.payloadInPlaceLength();
                return;
            }
            byte[] buf = in.get(Buffer.PAYLOAD);
            scannedBytes[in.slot.ordinal()] += buf.length;
            both.scan(buf, in.toServer, this);
        }

        @Override
        public void hit(int id) {
            if ((id & RuleGroup.STREAM_RULE) != 0) {
                segment.add(id & ~RuleGroup.STREAM_RULE);
            } else {
                mark.accept(id);
            }
        }
    }

    /**
     * A stream chunk each of whose pieces was scanned with its segment: the stream rules found
     * there, plus a scan of the chunk's start (patterns bound to it) and of the bytes around each
     * place where pieces meet (patterns split across segments: the scanners compare at most
     * {@link PrefixHashScanner#MAX_COMPARED} bytes, so the region reaches that far less one on
     * either side).
     */
    static final class ChunkPass implements PayloadScan {
        private final long[] scannedBytes;
        private ChunkScan chunk;
        /** Chunks inspected this way, for the counters. */
        long chunks;

        ChunkPass(long[] scannedBytes) {
            this.scannedBytes = scannedBytes;
        }

        void start(ChunkScan chunk) {
            this.chunk = chunk;
        }

        @Override
        public void scan(BufferPrefilter filter, Inspection in, CandidateSet mark) {
            chunks++;
            for (int k = 0; k < chunk.idCount; k++) {
                mark.accept(chunk.ids[k]);
            }
            // The bytes looked at are copied out of the chunk's pieces: the chunk is put together
            // in one array only if a rule is then to be verified against it.
            ChunkBytes bytes = in.chunk() != null ? in.chunk() : ChunkBytes.of(in.get(Buffer.PAYLOAD));
            int length = bytes.length();
            int head = Math.min(length, filter.headEnd(in.toServer));
            if (head > 0) {
                // Kept when delivered (ChunkScan.HEAD), else copied out of the pieces.
                byte[] start = head <= chunk.headLength ? chunk.around : bytes.prefix(head, scratch(head));
                filter.scanHead(start, head, in.toServer, mark);
            }
            // The bytes around each join were kept when they were delivered, in records one after
            // the other: scanned in one call. What the scanners find across two records' edges
            // (counts, unused room) is a needless candidate at worst; the rule is verified.
            if (chunk.joinCount > 0) {
                int from = ChunkScan.recordsStart();
                int to = ChunkScan.recordsEnd(chunk.joinCount);
                scannedBytes[in.slot.ordinal()] += to - from;
                filter.scanRegion(chunk.around, from, to, in.toServer, mark);
            }
        }

        private byte[] scratch = new byte[2 * PrefixHashScanner.MAX_COMPARED];

        private byte[] scratch(int n) {
            if (scratch.length < n) {
                scratch = new byte[Math.max(n, 2 * scratch.length)];
            }
            return scratch;
        }
    }
}
