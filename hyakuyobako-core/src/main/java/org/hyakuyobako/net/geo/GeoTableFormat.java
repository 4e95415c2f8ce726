package org.hyakuyobako.net.geo;

import java.io.DataOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.BufferUnderflowException;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;

/**
 * The compact binary form of {@link GeoTables} that the build writes into the jar: big-endian
 * counts followed by whole arrays, so loading is a few bulk copies rather than parsing a million
 * CSV lines (docs/adr/0022-geo-and-asn-data.md has the sizes and load time).
 *
 * <pre>
 * int magic "HYG2"
 * strings countryCodes
 * v4 ranges country, v6 ranges country, v4 ranges AS, v6 ranges AS (values: AS index)
 * int n, int[n] AS numbers, strings[n] AS names
 * v4 ranges: int n, int[n] boundaries, int[n] values (-1: no value)
 * v6 ranges: int n, long[n] boundaries' high halves, long[n] low halves, int[n] values
 * strings: int n, then each as int length and UTF-8 bytes
 * </pre>
 */
public final class GeoTableFormat {
    static final int MAGIC = 0x48594732;
    // Guards against a damaged file asking for absurd arrays: the real tables are well below these.
    private static final int MAX_RANGES = 16_000_000;
    private static final int MAX_STRING_BYTES = 4096;

    private GeoTableFormat() {
    }

    public static void write(GeoTables t, OutputStream out) throws IOException {
        DataOutputStream d = new DataOutputStream(out);
        d.writeInt(MAGIC);
        writeStrings(d, t.countryCodes());
        writeV4(d, t.v4Country());
        writeV6(d, t.v6Country());
        writeV4(d, t.v4As());
        writeV6(d, t.v6As());
        writeInts(d, t.asNames().numbers(), true);
        writeStrings(d, t.asNames().names());
        d.flush();
    }

    public static GeoTables read(byte[] data) throws IOException {
        try {
            ByteBuffer b = ByteBuffer.wrap(data);
            if (b.getInt() != MAGIC) {
                throw new IOException("not a peer-location table");
            }
            String[] codes = readStrings(b);
            Ipv4Ranges v4Country = readV4(b);
            Ipv6Ranges v6Country = readV6(b);
            Ipv4Ranges v4As = readV4(b);
            Ipv6Ranges v6As = readV6(b);
            int[] numbers = readInts(b, count(b));
            String[] names = readStrings(b);
            if (b.hasRemaining()) {
                throw new IOException("trailing bytes in the peer-location table");
            }
            checkIndexes(v4Country.values(), codes.length);
            checkIndexes(v6Country.values(), codes.length);
            checkIndexes(v4As.values(), numbers.length);
            checkIndexes(v6As.values(), numbers.length);
            return new GeoTables(codes, v4Country, v6Country, v4As, v6As, new AsNames(numbers, names));
        } catch (BufferUnderflowException | IllegalArgumentException e) {
            throw new IOException("damaged peer-location table: " + e.getMessage(), e);
        }
    }

    private static void checkIndexes(int[] values, int size) throws IOException {
        for (int v : values) {
            if (v < Ipv4Ranges.NONE || v >= size) {
                throw new IOException("index out of range: " + v);
            }
        }
    }

    private static void writeV4(DataOutputStream d, Ipv4Ranges r) throws IOException {
        writeInts(d, r.starts(), true);
        writeInts(d, r.values(), false);
    }

    private static Ipv4Ranges readV4(ByteBuffer b) throws IOException {
        int n = count(b);
        return new Ipv4Ranges(readInts(b, n), readInts(b, n));
    }

    private static void writeV6(DataOutputStream d, Ipv6Ranges r) throws IOException {
        d.writeInt(r.size());
        for (long[] column : new long[][] {r.startHi(), r.startLo()}) {
            for (long v : column) {
                d.writeLong(v);
            }
        }
        writeInts(d, r.values(), false);
    }

    private static Ipv6Ranges readV6(ByteBuffer b) throws IOException {
        int n = count(b);
        long[] hi = readLongs(b, n);
        long[] lo = readLongs(b, n);
        return new Ipv6Ranges(hi, lo, readInts(b, n));
    }

    private static void writeInts(DataOutputStream d, int[] values, boolean withCount) throws IOException {
        if (withCount) {
            d.writeInt(values.length);
        }
        for (int v : values) {
            d.writeInt(v);
        }
    }

    private static int count(ByteBuffer b) throws IOException {
        int n = b.getInt();
        if (n < 0 || n > MAX_RANGES) {
            throw new IOException("implausible count " + n);
        }
        return n;
    }

    private static int[] readInts(ByteBuffer b, int n) {
        int[] a = new int[n];
        b.asIntBuffer().get(a);
        b.position(b.position() + 4 * n);
        return a;
    }

    private static long[] readLongs(ByteBuffer b, int n) {
        long[] a = new long[n];
        b.asLongBuffer().get(a);
        b.position(b.position() + 8 * n);
        return a;
    }

    private static void writeStrings(DataOutputStream d, String[] values) throws IOException {
        d.writeInt(values.length);
        for (String s : values) {
            byte[] bytes = s.getBytes(StandardCharsets.UTF_8);
            d.writeInt(bytes.length);
            d.write(bytes);
        }
    }

    private static String[] readStrings(ByteBuffer b) throws IOException {
        String[] a = new String[count(b)];
        byte[] data = b.array();
        for (int i = 0; i < a.length; i++) {
            int len = b.getInt();
            if (len < 0 || len > MAX_STRING_BYTES || len > b.remaining()) {
                throw new IOException("implausible string length " + len);
            }
            a[i] = new String(data, b.position(), len, StandardCharsets.UTF_8);
            b.position(b.position() + len);
        }
        return a;
    }
}
