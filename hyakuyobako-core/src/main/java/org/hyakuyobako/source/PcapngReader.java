package org.hyakuyobako.source;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.util.ArrayList;
import java.util.List;

/**
 * pcapng files: Section Header, Interface Description, Enhanced Packet, Simple Packet and the
 * obsolete Packet block; every other block type is skipped by its length. Several sections and
 * several interfaces, each with its own link type, snapshot length and timestamp resolution.
 *
 * <pre>
 * Every block:  0 block type   4 block total length   8 body ...   (length - 4) total length again
 * SHB body:     8 byte-order magic 0x1A2B3C4D   12 major   14 minor   16 section length (64)
 * IDB body:     8 link type (16)   10 reserved   12 snaplen   16 options
 * EPB body:     8 interface id   12 ts high   16 ts low   20 captured len   24 original len   28 data
 * SPB body:     8 original len   12 data
 * PB body:      8 interface id (16)   10 drops (16)   12 ts high   16 ts low   20 captured   24 original   28 data
 * </pre>
 *
 * Hand-written for the same reasons as {@link PcapReader}: views instead of copies, and recovery
 * from damage by resynchronising on the redundant trailing block length.
 */
public final class PcapngReader extends BufferedPacketReader {
    public static final int BLOCK_SHB = 0x0A0D0D0A;
    public static final int BLOCK_IDB = 1;
    public static final int BLOCK_PB = 2;
    public static final int BLOCK_SPB = 3;
    public static final int BLOCK_EPB = 6;
    static final int BYTE_ORDER_MAGIC = 0x1A2B3C4D;
    static final int OPT_END = 0;
    static final int OPT_IF_TSRESOL = 9;
    static final int OPT_IF_TSOFFSET = 14;
    static final int MAX_BLOCK_LENGTH = 16 * 1024 * 1024;
    static final int MAX_RESYNC_SCAN = 64 * 1024 * 1024;
    private static final int DEFAULT_TSRESOL = 6;

    private final List<PcapngInterface> interfaces = new ArrayList<>();
    private boolean swapped;
    private long lastTimestampNanos;

    private PcapngReader(CaptureBytes bytes, CaptureInput input, InputDiagnostics diagnostics) {
        super(bytes, input, diagnostics, 0);
    }

    /** Opens a file whose first four bytes are the Section Header Block type. */
    public static PcapngReader open(CaptureBytes bytes, CaptureInput input, InputDiagnostics diagnostics) throws IOException {
        if (!bytes.ensure(0, 12)) {
            diagnostics.report(SkipReason.TRUNCATED_RECORD, input.displayName(), 0,
                    "pcapng section header is cut short (" + bytes.available(0, 12) + " of 12 bytes)");
            return null;
        }
        return new PcapngReader(bytes, input, diagnostics);
    }

    private int u32(ByteBuffer b, int index) {
        int v = b.getInt(index);
        return swapped ? Integer.reverseBytes(v) : v;
    }

    private int u16(ByteBuffer b, int index) {
        short v = b.getShort(index);
        return (swapped ? Short.reverseBytes(v) : v) & 0xFFFF;
    }

    @Override
    public boolean next(PacketRecord record) throws IOException {
        while (!finished) {
            bytes.release(position);
            if (!bytes.ensure(position, 8)) {
                int left = bytes.available(position, 8);
                if (left > 0) {
                    diagnostics.report(SkipReason.TRUNCATED_RECORD, input.displayName(), position,
                            "file ends inside a block header (" + left + " of 8 bytes)");
                }
                finished = true;
                return false;
            }
            ByteBuffer b = bytes.buffer();
            int h = bytes.index(position);
            int rawType = b.getInt(h);
            if (rawType == BLOCK_SHB) {
                readSectionHeader();
                continue;
            }
            int type = swapped ? Integer.reverseBytes(rawType) : rawType;
            int length = u32(b, h + 4);
            if (length < 12 || (length & 3) != 0 || length > MAX_BLOCK_LENGTH) {
                diagnostics.report(SkipReason.BAD_BLOCK, input.displayName(), position,
                        "block type " + Integer.toUnsignedString(type) + " has impossible length "
                                + Integer.toUnsignedString(length) + "; looking for the next valid block");
                resync();
                continue;
            }
            if (!bytes.ensure(position, length)) {
                diagnostics.report(SkipReason.TRUNCATED_RECORD, input.displayName(), position,
                        "block needs " + length + " bytes, " + bytes.available(position, length) + " remain");
                finished = true;
                return false;
            }
            b = bytes.buffer();
            h = bytes.index(position);
            if (u32(b, h + length - 4) != length) {
                diagnostics.report(SkipReason.BAD_BLOCK, input.displayName(), position,
                        "trailing block length differs from the leading one; looking for the next valid block");
                resync();
                continue;
            }
            long blockStart = position;
            position += length;
            switch (type) {
                case BLOCK_IDB -> readInterface(b, h, length, blockStart);
                case BLOCK_EPB -> {
                    if (readTimestampedPacket(b, h, length, blockStart, record, false)) {
                        return true;
                    }
                }
                case BLOCK_SPB -> {
                    if (readSimplePacket(b, h, length, blockStart, record)) {
                        return true;
                    }
                }
                case BLOCK_PB -> {
                    if (readTimestampedPacket(b, h, length, blockStart, record, true)) {
                        return true;
                    }
                }
                default -> {
                    // Name resolution, statistics, decryption secrets, custom and unknown blocks:
                    // nothing for the packet path; skipped by their length.
                }
            }
        }
        return false;
    }

    /** Reads a Section Header Block at {@link #position}: byte order, and forgets earlier interfaces. */
    private void readSectionHeader() throws IOException {
        if (!bytes.ensure(position, 28)) {
            diagnostics.report(SkipReason.TRUNCATED_RECORD, input.displayName(), position,
                    "file ends inside a section header block");
            finished = true;
            return;
        }
        ByteBuffer b = bytes.buffer();
        int h = bytes.index(position);
        int magic = b.getInt(h + 8);
        if (magic == BYTE_ORDER_MAGIC) {
            swapped = false;
        } else if (magic == Integer.reverseBytes(BYTE_ORDER_MAGIC)) {
            swapped = true;
        } else {
            diagnostics.report(SkipReason.BAD_BLOCK, input.displayName(), position,
                    "section header has no byte-order magic; looking for the next valid block");
            resync();
            return;
        }
        int length = u32(b, h + 4);
        if (length < 28 || (length & 3) != 0 || length > MAX_BLOCK_LENGTH) {
            diagnostics.report(SkipReason.BAD_BLOCK, input.displayName(), position,
                    "section header has impossible length " + Integer.toUnsignedString(length));
            resync();
            return;
        }
        if (!bytes.ensure(position, length)) {
            diagnostics.report(SkipReason.TRUNCATED_RECORD, input.displayName(), position,
                    "file ends inside a section header block");
            finished = true;
            return;
        }
        interfaces.clear();
        position += length;
    }

    private void readInterface(ByteBuffer b, int h, int length, long blockStart) {
        if (length < 20) {
            diagnostics.report(SkipReason.BAD_BLOCK, input.displayName(), blockStart, "interface description block too short");
            interfaces.add(new PcapngInterface(-1, 0, DEFAULT_TSRESOL, 0));
            return;
        }
        int linkType = u16(b, h + 8);
        int snaplen = u32(b, h + 12);
        int tsresol = DEFAULT_TSRESOL;
        long tsoffset = 0;
        int o = h + 16;
        int end = h + length - 4;
        while (o + 4 <= end) {
            int code = u16(b, o);
            int optLength = u16(b, o + 2);
            if (code == OPT_END || o + 4 + optLength > end) {
                break;
            }
            if (code == OPT_IF_TSRESOL && optLength >= 1) {
                tsresol = b.get(o + 4) & 0xFF;
            } else if (code == OPT_IF_TSOFFSET && optLength >= 8) {
                // One 64-bit integer in the section's byte order: the low word comes first in little-endian.
                long first = u32(b, o + 4) & 0xFFFF_FFFFL;
                long second = u32(b, o + 8) & 0xFFFF_FFFFL;
                tsoffset = swapped ? (second << 32) | first : (first << 32) | second;
            }
            o += 4 + ((optLength + 3) & ~3);
        }
        interfaces.add(new PcapngInterface(linkType, snaplen, tsresol, tsoffset));
    }

    private PcapngInterface interfaceFor(int id, long blockStart) {
        if (id < 0 || id >= interfaces.size()) {
            diagnostics.report(SkipReason.UNKNOWN_INTERFACE, input.displayName(), blockStart,
                    "packet names interface " + id + " but only " + interfaces.size() + " are described; packet skipped");
            return null;
        }
        return interfaces.get(id);
    }

    /**
     * Enhanced Packet Blocks and the obsolete Packet Block share their layout but for the width of
     * the interface id (32 bits, or 16 bits followed by a 16-bit drop count).
     */
    private boolean readTimestampedPacket(ByteBuffer b, int h, int length, long blockStart, PacketRecord record,
                                          boolean obsolete) {
        if (length < 32) {
            diagnostics.report(SkipReason.BAD_BLOCK, input.displayName(), blockStart,
                    (obsolete ? "packet" : "enhanced packet") + " block too short; skipped");
            return false;
        }
        int id = obsolete ? u16(b, h + 8) : u32(b, h + 8);
        PcapngInterface itf = interfaceFor(id, blockStart);
        if (itf == null) {
            return false;
        }
        long units = ((u32(b, h + 12) & 0xFFFF_FFFFL) << 32) | (u32(b, h + 16) & 0xFFFF_FFFFL);
        int captured = u32(b, h + 20);
        int original = u32(b, h + 24);
        return fill(record, itf, id, b, h + 28, captured, original, length - 32, itf.toNanos(units), blockStart);
    }

    /** Simple Packet Blocks carry no timestamp: the section's last timestamp stands in for it. */
    private boolean readSimplePacket(ByteBuffer b, int h, int length, long blockStart, PacketRecord record) {
        if (length < 16) {
            diagnostics.report(SkipReason.BAD_BLOCK, input.displayName(), blockStart, "simple packet block too short; skipped");
            return false;
        }
        PcapngInterface itf = interfaceFor(0, blockStart);
        if (itf == null) {
            return false;
        }
        int original = u32(b, h + 8);
        int room = length - 16;
        int captured = (int) Math.min(Integer.toUnsignedLong(original), room);
        if (itf.snaplen > 0) {
            captured = Math.min(captured, itf.snaplen);
        }
        return fill(record, itf, 0, b, h + 12, captured, original, room, lastTimestampNanos, blockStart);
    }

    private boolean fill(PacketRecord record, PcapngInterface itf, int interfaceId, ByteBuffer b, int data,
                         int captured, int original, int room, long nanos, long blockStart) {
        if (captured < 0 || captured > room) {
            diagnostics.report(SkipReason.BAD_RECORD_HEADER, input.displayName(), blockStart,
                    "captured length " + Integer.toUnsignedString(captured) + " does not fit in its block ("
                            + room + " bytes); packet skipped");
            return false;
        }
        if (itf.snaplen > 0 && captured > itf.snaplen) {
            diagnostics.report(SkipReason.CAPLEN_OVER_SNAPLEN, input.displayName(), blockStart,
                    "captured length " + captured + " exceeds the snapshot length " + itf.snaplen + "; packet kept");
        }
        record.buffer = b;
        record.stableBuffer = bytes.stable();
        record.offset = data;
        record.capturedLength = captured;
        record.wireLength = original < captured ? captured : original;
        record.timestampNanos = nanos;
        record.linkType = itf.linkType;
        record.sensorId = input.sensorId();
        record.fileId = input.fileId();
        record.fileOffset = blockStart;
        record.interfaceId = interfaceId;
        lastTimestampNanos = nanos;
        return true;
    }

    /** Moves {@link #position} to the next offset where a known block with matching lengths starts. */
    private void resync() throws IOException {
        resync(12, MAX_RESYNC_SCAN, this::validBlockAt, "block");
    }

    private boolean validBlockAt(long p) throws IOException {
        ByteBuffer b = bytes.buffer();
        int h = bytes.index(p);
        int type = b.getInt(h);
        if (type == BLOCK_SHB) {
            int magic = b.getInt(h + 8);
            return magic == BYTE_ORDER_MAGIC || magic == Integer.reverseBytes(BYTE_ORDER_MAGIC);
        }
        int t = swapped ? Integer.reverseBytes(type) : type;
        if (t != BLOCK_EPB && t != BLOCK_IDB && t != BLOCK_SPB && t != BLOCK_PB && t != 4 && t != 5) {
            return false;
        }
        int length = u32(b, h + 4);
        if (length < 12 || (length & 3) != 0 || length > MAX_BLOCK_LENGTH || !bytes.ensure(p, length)) {
            return false;
        }
        return u32(bytes.buffer(), bytes.index(p) + length - 4) == length;
    }
}
