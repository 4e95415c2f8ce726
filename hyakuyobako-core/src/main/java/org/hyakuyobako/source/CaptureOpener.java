package org.hyakuyobako.source;

import java.io.BufferedInputStream;
import java.io.FilterInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.zip.GZIPInputStream;

/**
 * Recognises a capture by its content (never its name) and opens the matching reader: pcap in
 * any of its magic numbers, pcapng, and either of them gzip-compressed.
 */
public final class CaptureOpener {
    private static final int GZIP_MAGIC = 0x1F8B;

    private CaptureOpener() {
    }

    /** What the first bytes of a file say it is. */
    public enum Kind { PCAP, PCAPNG, GZIP, EMPTY, OTHER }

    /** Looks at the first four bytes of a file (after decompression when {@code peekInsideGzip}). */
    public static Kind sniff(Path path) throws IOException {
        byte[] head = new byte[4];
        int n;
        try (InputStream in = Files.newInputStream(path)) {
            n = in.readNBytes(head, 0, 4);
        }
        return kindOf(head, n);
    }

    static Kind kindOf(byte[] head, int n) {
        if (n == 0) {
            return Kind.EMPTY;
        }
        if (n >= 2 && (((head[0] & 0xFF) << 8) | (head[1] & 0xFF)) == GZIP_MAGIC) {
            return Kind.GZIP;
        }
        if (n < 4) {
            return Kind.OTHER;
        }
        int magic = ((head[0] & 0xFF) << 24) | ((head[1] & 0xFF) << 16) | ((head[2] & 0xFF) << 8) | (head[3] & 0xFF);
        if (PcapReader.isPcapMagic(magic)) {
            return Kind.PCAP;
        }
        if (magic == PcapngReader.BLOCK_SHB) {
            return Kind.PCAPNG;
        }
        return Kind.OTHER;
    }

    /**
     * Opens a capture, reporting why not (one line, with the file name) when it cannot be read.
     *
     * @return the reader, or null when the file is not a usable capture
     */
    public static PacketReader open(CaptureInput input, InputDiagnostics diagnostics) {
        Path path = input.path();
        try {
            Kind kind = sniff(path);
            return switch (kind) {
                case PCAP -> PcapReader.open(new MappedCaptureBytes(path), input, diagnostics);
                case PCAPNG -> PcapngReader.open(new MappedCaptureBytes(path), input, diagnostics);
                case GZIP -> openGzip(input, diagnostics);
                case EMPTY -> {
                    diagnostics.report(SkipReason.EMPTY_FILE, input.displayName(), -1, "the file is empty");
                    yield null;
                }
                case OTHER -> {
                    diagnostics.report(SkipReason.NOT_A_CAPTURE, input.displayName(), 0,
                            "not a pcap or pcapng capture (unknown magic number)");
                    yield null;
                }
            };
        } catch (IOException | RuntimeException e) {
            diagnostics.report(SkipReason.UNREADABLE, input.displayName(), -1, describe(e));
            return null;
        }
    }

    private static PacketReader openGzip(CaptureInput input, InputDiagnostics diagnostics) throws IOException {
        Path path = input.path();
        CountingInputStream counted = new CountingInputStream(Files.newInputStream(path));
        InputStream in = new BufferedInputStream(new GZIPInputStream(counted, 256 * 1024), 256 * 1024);
        StreamCaptureBytes bytes = new StreamCaptureBytes(in, Files.size(path), counted::count);
        boolean ok = false;
        try {
            if (!bytes.ensure(0, 4)) {
                int n = bytes.available(0, 4);
                diagnostics.report(n == 0 ? SkipReason.EMPTY_FILE : SkipReason.NOT_A_CAPTURE, input.displayName(), 0,
                        "gzip file holds " + n + " bytes, too few for a capture");
                return null;
            }
            int magic = bytes.buffer().getInt(bytes.index(0));
            PacketReader reader;
            if (PcapReader.isPcapMagic(magic)) {
                reader = PcapReader.open(bytes, input, diagnostics);
            } else if (magic == PcapngReader.BLOCK_SHB) {
                reader = PcapngReader.open(bytes, input, diagnostics);
            } else {
                diagnostics.report(SkipReason.NOT_A_CAPTURE, input.displayName(), 0,
                        "gzip file does not hold a pcap or pcapng capture");
                return null;
            }
            ok = reader != null;
            return reader;
        } finally {
            if (!ok) {
                bytes.close();
            }
        }
    }

    /** A short message for an I/O failure, without a stack trace: the user needs the cause, not our frames. */
    public static String describe(Throwable e) {
        String message = e.getMessage();
        String kind = e.getClass().getSimpleName();
        if (e instanceof java.nio.file.NoSuchFileException) {
            return "no such file";
        }
        if (e instanceof java.nio.file.AccessDeniedException) {
            return "permission denied";
        }
        return message == null ? kind : kind + ": " + message;
    }

    /** Counts compressed bytes consumed, for the progress bar of gzip inputs. */
    static final class CountingInputStream extends FilterInputStream {
        private long count;

        CountingInputStream(InputStream in) {
            super(in);
        }

        long count() {
            return count;
        }

        @Override
        public int read() throws IOException {
            int b = super.read();
            if (b >= 0) {
                count++;
            }
            return b;
        }

        @Override
        public int read(byte[] b, int off, int len) throws IOException {
            int n = super.read(b, off, len);
            if (n > 0) {
                count += n;
            }
            return n;
        }

        @Override
        public long skip(long n) throws IOException {
            long s = super.skip(n);
            count += s;
            return s;
        }
    }
}
