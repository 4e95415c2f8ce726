package org.hyakuyobako.source;

import java.io.IOException;

/** What the pcap and pcapng readers share: their bytes, their position, progress and closing. */
abstract class BufferedPacketReader implements PacketReader {
    protected final CaptureBytes bytes;
    protected final CaptureInput input;
    protected final InputDiagnostics diagnostics;
    /** Offset of the next record or block in the (decompressed) file. */
    protected long position;
    /** Set when the rest of the file cannot be read. */
    protected boolean finished;

    /** Whether a valid record or block starts at an offset (whose first {@code probeLength} bytes are readable). */
    @FunctionalInterface
    protected interface ValidAt {
        boolean test(long offset) throws IOException;
    }

    BufferedPacketReader(CaptureBytes bytes, CaptureInput input, InputDiagnostics diagnostics, long position) {
        this.bytes = bytes;
        this.input = input;
        this.diagnostics = diagnostics;
        this.position = position;
    }

    /**
     * Skips forward from damage at {@link #position} to the next offset where {@code valid} holds,
     * scanning at most {@code maxScan} bytes; counts what was skipped. When nothing valid follows,
     * the rest of the file is counted as skipped and the reader finishes.
     *
     * @param what "record" or "block", for the message
     */
    protected void resync(int probeLength, int maxScan, ValidAt valid, String what) throws IOException {
        long start = position;
        long limit = start + maxScan;
        for (long p = start + 1; p < limit; p++) {
            if (!bytes.ensure(p, probeLength)) {
                break;
            }
            if (valid.test(p)) {
                diagnostics.count(SkipReason.RESYNC_SKIPPED_BYTES, p - start);
                position = p;
                return;
            }
        }
        long skipped = bytes.available(start, Integer.MAX_VALUE);
        diagnostics.report(SkipReason.RESYNC_SKIPPED_BYTES, skipped, input.displayName(), start,
                "no valid " + what + " found after the damage; rest of the file skipped");
        finished = true;
    }

    @Override
    public long positionOnDisk() {
        return bytes.positionOnDisk(position);
    }

    @Override
    public long sizeOnDisk() {
        return bytes.sizeOnDisk();
    }

    @Override
    public void close() throws IOException {
        bytes.close();
    }
}
