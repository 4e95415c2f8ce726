package org.hyakuyobako.testing;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.hyakuyobako.decode.DecodedPacket;
import org.hyakuyobako.decode.PacketDecoder;
import org.hyakuyobako.flow.FlowConfig;
import org.hyakuyobako.flow.FlowRecord;
import org.hyakuyobako.flow.FlowTable;
import org.hyakuyobako.source.CaptureInput;
import org.hyakuyobako.source.CaptureOpener;
import org.hyakuyobako.source.InputDiagnostics;
import org.hyakuyobako.source.PacketReader;
import org.hyakuyobako.source.PacketRecord;

/** Helpers to read captures in tests: packets as plain values, flows as records, messages as text. */
public final class Captures {
    private Captures() {
    }

    /** A packet copied out of the reader's buffer. */
    public record Packet(long timestampNanos, int linkType, int capturedLength, int wireLength, long fileOffset,
                         int interfaceId, byte[] bytes) {
    }

    /** Diagnostics that print into a buffer, so tests can assert on the messages. */
    public static final class RecordingDiagnostics {
        private final ByteArrayOutputStream buffer = new ByteArrayOutputStream();
        public final InputDiagnostics diagnostics = new InputDiagnostics(new PrintStream(buffer, true, StandardCharsets.UTF_8));

        public String messages() {
            return buffer.toString(StandardCharsets.UTF_8);
        }
    }

    public static List<Packet> readAll(Path file, InputDiagnostics diagnostics) throws IOException {
        List<Packet> out = new ArrayList<>();
        try (PacketReader reader = CaptureOpener.open(new CaptureInput(file, 0, 0), diagnostics)) {
            if (reader == null) {
                return out;
            }
            PacketRecord r = new PacketRecord();
            while (reader.next(r)) {
                byte[] b = new byte[r.capturedLength];
                r.buffer.get(r.offset, b);
                out.add(new Packet(r.timestampNanos, r.linkType, r.capturedLength, r.wireLength, r.fileOffset,
                        r.interfaceId, b));
            }
        }
        return out;
    }

    /** Reads, decodes and flows one file; returns every flow record. */
    public static List<FlowRecord> flows(Path file, FlowConfig config) throws IOException {
        InputDiagnostics d = InputDiagnostics.silent();
        List<FlowRecord> records = new ArrayList<>();
        FlowTable table = new FlowTable(config);
        table.addListener((f, reason) -> records.add(FlowRecord.of(f, reason)));
        PacketDecoder decoder = new PacketDecoder(d, List.of(file.toString()), true);
        DecodedPacket p = new DecodedPacket();
        try (PacketReader reader = CaptureOpener.open(new CaptureInput(file, 0, 0), d)) {
            PacketRecord r = new PacketRecord();
            while (reader.next(r)) {
                if (decoder.decode(r, p)) {
                    table.process(p);
                }
            }
        }
        table.flushAll();
        return records;
    }

    public static int ip(String dotted) {
        return org.hyakuyobako.decode.IpAddresses.parseV4(dotted);
    }
}
