package org.hyakuyobako.generate;

import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;

/** Small, valid DNS messages (RFC 1035 wire format) for generated and simulated traffic. */
public final class DnsMessages {
    public static final int TYPE_A = 1;
    public static final int TYPE_MX = 15;

    private DnsMessages() {
    }

    /**
     * A query for {@code name}, or its answer: one A record (4-byte address) or one MX record
     * (preference 10, exchange "mx.&lt;name&gt;").
     */
    public static byte[] message(int id, String name, int type, boolean answer, byte[] address) {
        ByteArrayOutputStream b = new ByteArrayOutputStream();
        int[] header = {id, answer ? 0x8180 : 0x0100, 1, answer ? 1 : 0, 0, 0};
        for (int v : header) {
            b.write(v >>> 8);
            b.write(v);
        }
        writeName(b, name);
        b.writeBytes(new byte[] {0, (byte) type, 0, 1});
        if (answer) {
            // Name as a pointer to the question, type, class IN, TTL 300.
            b.writeBytes(new byte[] {(byte) 0xC0, 0x0C, 0, (byte) type, 0, 1, 0, 0, 1, 0x2C});
            if (type == TYPE_MX) {
                ByteArrayOutputStream rdata = new ByteArrayOutputStream();
                rdata.writeBytes(new byte[] {0, 10});
                writeName(rdata, "mx." + name);
                b.write(0);
                b.write(rdata.size());
                b.writeBytes(rdata.toByteArray());
            } else {
                b.writeBytes(new byte[] {0, 4});
                b.writeBytes(address);
            }
        }
        return b.toByteArray();
    }

    private static void writeName(ByteArrayOutputStream b, String name) {
        for (String label : name.split("\\.")) {
            b.write(label.length());
            b.writeBytes(label.getBytes(StandardCharsets.US_ASCII));
        }
        b.write(0);
    }
}
