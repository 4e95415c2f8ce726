package org.hyakuyobako.net.geo;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.math.BigInteger;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Flattening the published tables (nested and crossing ranges) and the hostile-input rules of the compiler. */
class RangeTableBuilderTest {
    private static BigInteger n(long v) {
        return BigInteger.valueOf(v);
    }

    @Test
    void aMoreSpecificRangeWinsOverTheRangeAroundIt() {
        RangeTableBuilder b = new RangeTableBuilder();
        b.add(n(100), n(200), 1);
        b.add(n(150), n(150), 2);
        b.add(n(300), n(400), 3);
        Ipv4Ranges r = b.buildV4();
        assertEquals(Ipv4Ranges.NONE, r.find(99));
        assertEquals(1, r.find(100));
        assertEquals(1, r.find(149));
        assertEquals(2, r.find(150));
        assertEquals(1, r.find(151));
        assertEquals(1, r.find(200));
        assertEquals(Ipv4Ranges.NONE, r.find(201));
        assertEquals(3, r.find(300));
        assertEquals(Ipv4Ranges.NONE, r.find(401));
        assertEquals(Ipv4Ranges.NONE, r.find(-1));
    }

    @Test
    void crossingRangesGiveTheLaterStartItsPartAndSameValueNeighboursMerge() {
        RangeTableBuilder b = new RangeTableBuilder();
        b.add(n(0), n(100), 1);
        b.add(n(50), n(200), 2);
        b.add(n(201), n(300), 2);
        List<RangeTableBuilder.Segment> s = b.segments();
        assertEquals(List.of(new RangeTableBuilder.Segment(n(0), n(49), 1), new RangeTableBuilder.Segment(n(50), n(300), 2)), s);
    }

    @Test
    void addressesAboveTwoToTheThirtyOneCompareUnsigned() {
        RangeTableBuilder b = new RangeTableBuilder();
        b.add(n(0x8000_0000L), n(0xFFFF_FFFFL), 7);
        b.add(n(1), n(2), 5);
        Ipv4Ranges r = b.buildV4();
        assertEquals(7, r.find(0x8000_0000));
        assertEquals(7, r.find(-1));
        assertEquals(5, r.find(2));
        assertEquals(Ipv4Ranges.NONE, r.find(3));
    }

    @Test
    void ipv6BoundariesKeepBothHalves() {
        RangeTableBuilder b = new RangeTableBuilder();
        BigInteger start = BigInteger.ONE.shiftLeft(125).add(n(0x10));
        b.add(start, start.add(n(0xF)), 9);
        Ipv6Ranges r = b.buildV6();
        long hi = 1L << 61;
        assertEquals(Ipv4Ranges.NONE, r.find(hi, 0x0F));
        assertEquals(9, r.find(hi, 0x10));
        assertEquals(9, r.find(hi, 0x1F));
        assertEquals(Ipv4Ranges.NONE, r.find(hi, 0x20));
    }

    @Test
    void csvFieldsWithQuotesCommasAndBrokenQuotes() {
        assertEquals(List.of("1", "2", "3", "Cloudflare, Inc."), CsvLine.split("1,2,3,\"Cloudflare, Inc.\""));
        assertEquals(List.of("a", "say \"hi\"", ""), CsvLine.split("a,\"say \"\"hi\"\"\","));
        assertNull(CsvLine.split("1,2,\"open"));
        assertNull(CsvLine.split("1,\"x\"y,3"));
    }

    @Test
    void theCompilerRefusesBadLinesAndCleansNames(@TempDir Path dir) throws IOException {
        Path cc = Files.createDirectories(dir.resolve(GeoTableCompiler.COUNTRY_PACKAGE));
        Path as = Files.createDirectories(dir.resolve(GeoTableCompiler.AS_PACKAGE));
        Files.writeString(cc.resolve("geo-whois-asn-country-ipv4-num.csv"),
                "16777216,16777471,AU\n16777472,16778239,cn\n99999999999,1,US\n-1,5,US\n16778240,16779263,NL\n");
        Files.writeString(cc.resolve("geo-whois-asn-country-ipv6-num.csv"),
                "42540488161975842760550356425300246528,42540488241204005274814694018844196863,JP\n"
                        + "281470681743360,281474976710655,US\n" // IPv4-mapped space: left to the IPv4 table
                        + "1" + "0".repeat(39) + ",5,US\n");
        Files.writeString(as.resolve("asn-ipv4-num.csv"),
                "16777216,16777471,13335,\"Cloudflare,\u0007\u0001\"\n16777472,16778239,0,Nobody\n16778240,16779263,4294967295,Reserved\n"
                        + "16781312,16781567,2519,\"ARTERIA\tNetworks   Corporation\"\n");
        Files.writeString(as.resolve("asn-ipv6-num.csv"), "");
        GeoTableCompiler compiler = new GeoTableCompiler();
        GeoTables t = compiler.compile(dir);
        assertEquals(6, compiler.refused(), "lowercase code, two bad numbers, too-long v6, AS 0 and AS 4294967295");
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        GeoTableFormat.write(t, bytes);
        GeoDatabase db = new GeoDatabase(GeoTableFormat.read(bytes.toByteArray()));
        long v4 = org.hyakuyobako.decode.IpAddresses.v4Lo(16777300);
        assertEquals("AU", db.country(0, v4));
        assertEquals(13335, db.asn(0, v4));
        assertEquals("Cloudflare,", db.asName(13335));
        assertEquals("ARTERIA Networks Corporation", db.asName(2519));
        assertNull(db.country(0, org.hyakuyobako.decode.IpAddresses.v4Lo(16777500)));
        assertEquals("JP", db.country(0x2001_0000_0000_0000L, 5));
    }

    @Test
    void aDamagedTableIsRefused() {
        byte[] junk = {0x48, 0x59, 0x47, 0x31, 0x7F, 0, 0, 0};
        org.junit.jupiter.api.Assertions.assertThrows(IOException.class, () -> GeoTableFormat.read(junk));
        org.junit.jupiter.api.Assertions.assertThrows(IOException.class, () -> GeoTableFormat.read(new byte[] {1, 2}));
    }
}
