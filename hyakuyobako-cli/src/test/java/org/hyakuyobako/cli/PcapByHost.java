package org.hyakuyobako.cli;

import java.io.IOException;
import java.io.OutputStream;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;

/**
 * Splits a classic pcap of Ethernet/IPv4 frames (what the simulator writes) by one host: the
 * frames to or from it, or all the others. Two views of one network, as two taps would give.
 */
final class PcapByHost {
    private PcapByHost() {
    }

    /** Writes the matching frames and returns how many there were. */
    static int split(Path in, Path out, String ipv4, boolean only) throws IOException {
        byte[] data = Files.readAllBytes(in);
        ByteBuffer b = ByteBuffer.wrap(data);
        int magic = b.getInt(0);
        if (magic == 0xd4c3b2a1 || magic == 0x4d3cb2a1) {
            b.order(ByteOrder.LITTLE_ENDIAN);
        } else if (magic != 0xa1b2c3d4 && magic != 0xa1b23c4d) {
            throw new IOException(in + ": not a classic pcap");
        }
        byte[] target = Arrays.stream(ipv4.split("\\.")).map(Integer::parseInt)
                .collect(java.io.ByteArrayOutputStream::new, (o, v) -> o.write(v), (x, y) -> { }).toByteArray();
        int written = 0;
        try (OutputStream os = Files.newOutputStream(out)) {
            os.write(data, 0, 24);
            int at = 24;
            while (at + 16 <= data.length) {
                int length = b.getInt(at + 8);
                int frame = at + 16;
                boolean ipv4Frame = length >= 34 && data[frame + 12] == 0x08 && data[frame + 13] == 0x00;
                boolean hit = ipv4Frame && (Arrays.equals(data, frame + 26, frame + 30, target, 0, 4)
                        || Arrays.equals(data, frame + 30, frame + 34, target, 0, 4));
                if (hit == only) {
                    os.write(data, at, 16 + length);
                    written++;
                }
                at = frame + length;
            }
        }
        return written;
    }
}
