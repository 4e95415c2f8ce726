package org.hyakuyobako.source;

import java.io.IOException;
import java.nio.ByteBuffer;

/**
 * Classic libpcap files: all four magic numbers (micro- and nanosecond, both byte orders) and the
 * Kuznetzov variant with its longer record header.
 *
 * <pre>
 * File header (24 bytes)              Record header (16 bytes, 24 for Kuznetzov)
 *  0 magic        4 version            0 ts_sec      4 ts_usec or ts_nsec
 *  8 thiszone    12 sigfigs            8 incl_len   12 orig_len
 * 16 snaplen     20 network (link type in the low 28 bits)
 * </pre>
 *
 * Hand-written rather than pcap4j: this is the hot path, reads views over a mapped buffer with no
 * per-packet allocation, and must survive damage (resynchronising after garbage) where libpcap
 * gives up on the whole file.
 */
public final class PcapReader extends BufferedPacketReader {
    public static final int MAGIC_MICROS = 0xA1B2C3D4;
    public static final int MAGIC_NANOS = 0xA1B23C4D;
    public static final int MAGIC_KUZNETZOV = 0xA1B2CD34;
    static final int FILE_HEADER_LENGTH = 24;
    static final int OFF_SNAPLEN = 16;
    static final int OFF_NETWORK = 20;
    static final int REC_TS_SEC = 0;
    static final int REC_TS_FRAC = 4;
    static final int REC_INCL_LEN = 8;
    static final int REC_ORIG_LEN = 12;
    /** libpcap's largest snapshot length; a longer record is a damaged header, not a packet. */
    public static final int MAX_RECORD_LENGTH = 262_144;
    /** How far past damage we look for the next valid record before giving up on a file. */
    static final int MAX_RESYNC_SCAN = 64 * 1024 * 1024;

    private final boolean swapped;
    private final boolean nanos;
    private final int recordHeaderLength;
    private final int snaplen;
    private final int linkType;
    private long lastSeconds = -1;

    private PcapReader(CaptureBytes bytes, CaptureInput input, InputDiagnostics diagnostics, int magic, boolean swapped) {
        super(bytes, input, diagnostics, FILE_HEADER_LENGTH);
        this.swapped = swapped;
        this.nanos = magic == MAGIC_NANOS;
        this.recordHeaderLength = magic == MAGIC_KUZNETZOV ? 24 : 16;
        ByteBuffer b = bytes.buffer();
        int base = bytes.index(0);
        this.snaplen = u32(b, base + OFF_SNAPLEN);
        this.linkType = u32(b, base + OFF_NETWORK) & 0x0FFF_FFFF;
    }

    /** Whether a big-endian read of the first four bytes is a pcap magic in either byte order. */
    public static boolean isPcapMagic(int magicBigEndian) {
        return magicOf(magicBigEndian) != 0;
    }

    private static int magicOf(int raw) {
        for (int m : new int[] {MAGIC_MICROS, MAGIC_NANOS, MAGIC_KUZNETZOV}) {
            if (raw == m || raw == Integer.reverseBytes(m)) {
                return m;
            }
        }
        return 0;
    }

    /**
     * Opens a pcap whose first four bytes are a pcap magic.
     *
     * @return null (after reporting) when the file header itself is truncated
     */
    public static PcapReader open(CaptureBytes bytes, CaptureInput input, InputDiagnostics diagnostics) throws IOException {
        if (!bytes.ensure(0, FILE_HEADER_LENGTH)) {
            diagnostics.report(SkipReason.TRUNCATED_RECORD, input.displayName(), 0,
                    "pcap file header is cut short (" + bytes.available(0, FILE_HEADER_LENGTH) + " of 24 bytes)");
            return null;
        }
        int raw = bytes.buffer().getInt(bytes.index(0));
        int magic = magicOf(raw);
        return new PcapReader(bytes, input, diagnostics, magic, raw != magic);
    }

    public int linkType() {
        return linkType;
    }

    public int snaplen() {
        return snaplen;
    }

    private int u32(ByteBuffer b, int index) {
        int v = b.getInt(index);
        return swapped ? Integer.reverseBytes(v) : v;
    }

    @Override
    public boolean next(PacketRecord record) throws IOException {
        while (!finished) {
            bytes.release(position);
            if (!bytes.ensure(position, recordHeaderLength)) {
                int left = bytes.available(position, recordHeaderLength);
                if (left > 0) {
                    diagnostics.report(SkipReason.TRUNCATED_RECORD, input.displayName(), position,
                            "file ends inside a record header (" + left + " of " + recordHeaderLength + " bytes)");
                }
                finished = true;
                return false;
            }
            ByteBuffer b = bytes.buffer();
            int h = bytes.index(position);
            long seconds = u32(b, h + REC_TS_SEC) & 0xFFFF_FFFFL;
            long fraction = u32(b, h + REC_TS_FRAC) & 0xFFFF_FFFFL;
            int incl = u32(b, h + REC_INCL_LEN);
            int orig = u32(b, h + REC_ORIG_LEN);
            if (!plausibleLengths(incl, orig)) {
                diagnostics.report(SkipReason.BAD_RECORD_HEADER, input.displayName(), position,
                        "impossible record lengths (captured " + Integer.toUnsignedString(incl)
                                + ", on wire " + Integer.toUnsignedString(orig) + "); looking for the next valid record");
                resync();
                continue;
            }
            if (!bytes.ensure(position + recordHeaderLength, incl)) {
                long left = bytes.available(position + recordHeaderLength, incl);
                diagnostics.report(SkipReason.TRUNCATED_RECORD, input.displayName(), position,
                        "record needs " + incl + " bytes, " + left + " remain");
                finished = true;
                return false;
            }
            if (incl > snaplen && snaplen > 0) {
                diagnostics.report(SkipReason.CAPLEN_OVER_SNAPLEN, input.displayName(), position,
                        "captured length " + incl + " exceeds the snapshot length " + snaplen + "; packet kept");
            }
            b = bytes.buffer();
            record.buffer = b;
            record.stableBuffer = bytes.stable();
            record.offset = bytes.index(position + recordHeaderLength);
            record.capturedLength = incl;
            record.wireLength = Math.max(orig, incl);
            record.timestampNanos = seconds * 1_000_000_000L + (nanos ? fraction : fraction * 1000L);
            record.linkType = linkType;
            record.sensorId = input.sensorId();
            record.fileId = input.fileId();
            record.fileOffset = position;
            record.interfaceId = 0;
            lastSeconds = seconds;
            position += recordHeaderLength + incl;
            return true;
        }
        return false;
    }

    private static boolean plausibleLengths(int incl, int orig) {
        return incl >= 0 && incl <= MAX_RECORD_LENGTH && orig >= 0;
    }

    /**
     * Skips forward from damage to the next offset where two consecutive record headers (or one
     * that ends exactly at the end of the file) are plausible, so good packets after garbage are read.
     */
    private void resync() throws IOException {
        resync(recordHeaderLength, MAX_RESYNC_SCAN, p -> plausibleAt(p, 2), "record");
    }

    private boolean plausibleAt(long p, int depth) throws IOException {
        if (depth == 0) {
            return true;
        }
        if (!bytes.ensure(p, recordHeaderLength)) {
            // A candidate whose predecessor ended exactly at the end of the file is fine.
            return bytes.available(p, 1) == 0 && depth == 1;
        }
        ByteBuffer b = bytes.buffer();
        int h = bytes.index(p);
        long seconds = u32(b, h + REC_TS_SEC) & 0xFFFF_FFFFL;
        long fraction = u32(b, h + REC_TS_FRAC) & 0xFFFF_FFFFL;
        int incl = u32(b, h + REC_INCL_LEN);
        int orig = u32(b, h + REC_ORIG_LEN);
        if (!plausibleLengths(incl, orig) || orig < incl || orig > MAX_RECORD_LENGTH * 4
                || (snaplen > 0 && incl > Math.max(snaplen, 65_535))) {
            return false;
        }
        if (fraction >= (nanos ? 1_000_000_000L : 1_000_000L)) {
            return false;
        }
        if (lastSeconds >= 0 && (seconds < lastSeconds - 86_400 || seconds > lastSeconds + 366L * 86_400)) {
            return false;
        }
        long nextRecord = p + recordHeaderLength + incl;
        if (bytes.available(p, recordHeaderLength + incl + 1) < recordHeaderLength + incl) {
            return false;
        }
        return plausibleAt(nextRecord, depth - 1);
    }
}
