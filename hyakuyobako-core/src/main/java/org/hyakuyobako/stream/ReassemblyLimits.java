package org.hyakuyobako.stream;

/**
 * Memory limits of TCP reassembly. When out-of-order data would exceed either limit, the stream
 * skips ahead: the missing range is delivered as a gap and the held data follows, so a hostile
 * or lossy connection can never stall a stream or grow memory without bound.
 *
 * @param maxBytesPerStream out-of-order bytes held for one direction of one connection
 * @param maxBytesTotal out-of-order bytes held across all streams sharing these counters
 */
public record ReassemblyLimits(int maxBytesPerStream, long maxBytesTotal) {
    public static final ReassemblyLimits DEFAULT = new ReassemblyLimits(1 << 20, 64L << 20);
}
