package org.hyakuyobako.carve;

import java.io.IOException;
import java.io.OutputStream;
import java.nio.ByteOrder;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.hyakuyobako.decode.DecodedPacket;
import org.hyakuyobako.decode.PacketDecoder;
import org.hyakuyobako.generate.PcapngWriter;
import org.hyakuyobako.pipeline.SensorSpec;
import org.hyakuyobako.source.CaptureInput;
import org.hyakuyobako.source.InputDiagnostics;
import org.hyakuyobako.source.MergedPacketSource;
import org.hyakuyobako.source.PacketRecord;

/**
 * Writes the packets behind a verdict into one capture a person opens in Wireshark: the inputs
 * are merged on packet time as {@code analyze} merges them, each packet is matched on its IP
 * addresses (every fragment too, not only reassembled datagrams) and written as it was captured.
 * The output is pcapng, one interface per link type, nanosecond timestamps, so captures from
 * sensors with different link layers fit in one file.
 */
public final class PacketCarver {
    /** What was read and written. */
    public record Result(long packetsRead, long packetsWritten, long bytesWritten, int interfaces) {
    }

    private PacketCarver() {
    }

    public static Result carve(List<SensorSpec> sensors, CarveFilter filter, Path out, InputDiagnostics diagnostics)
            throws IOException {
        List<CaptureInput> inputs = new ArrayList<>();
        List<String> names = new ArrayList<>();
        int fileId = 0;
        for (int s = 0; s < sensors.size(); s++) {
            for (Path p : sensors.get(s).files()) {
                inputs.add(new CaptureInput(p, s, fileId++));
                names.add(p.toString());
            }
        }
        PacketDecoder decoder = new PacketDecoder(diagnostics, names, false);
        DecodedPacket d = new DecodedPacket();
        Map<Integer, Integer> interfaceOfLinkType = new HashMap<>();
        long read = 0;
        long written = 0;
        byte[] frame = new byte[65_536];
        try (OutputStream os = Files.newOutputStream(out);
             PcapngWriter w = new PcapngWriter(os, ByteOrder.LITTLE_ENDIAN);
             MergedPacketSource source = new MergedPacketSource(inputs, diagnostics)) {
            PacketRecord r;
            while ((r = source.next()) != null) {
                read++;
                d.ipVersion = 0;
                decoder.decode(r, d);
                // The addresses are set even for a fragment the decoder holds back for reassembly.
                if (d.ipVersion == 0 || !filter.matches(d)) {
                    continue;
                }
                Integer ifc = interfaceOfLinkType.get(r.linkType);
                if (ifc == null) {
                    ifc = w.addInterface(r.linkType, 262_144, 9);
                    interfaceOfLinkType.put(r.linkType, ifc);
                }
                if (r.capturedLength > frame.length) {
                    frame = new byte[r.capturedLength];
                }
                r.buffer.get(r.offset, frame, 0, r.capturedLength);
                w.writeEnhanced(ifc, r.timestampNanos, frame, r.capturedLength, r.wireLength);
                written++;
            }
            return new Result(read, written, w.bytesWritten(), interfaceOfLinkType.size());
        }
    }
}
