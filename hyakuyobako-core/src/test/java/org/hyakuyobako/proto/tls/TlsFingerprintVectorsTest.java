package org.hyakuyobako.proto.tls;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;

/**
 * JA3 and JA4 against the examples their authors publish (Salesforce's JA3 README, FoxIO's JA4
 * technical details), built byte for byte. Mutations seen failing here: GREASE kept in the
 * extensions (the JA3 string gains 2570), extensions hashed unsorted (JA4 c part differs), SNI
 * and ALPN left in part c, the ALPN's first character taken twice ({@code hh}).
 */
class TlsFingerprintVectorsTest {
    /** Salesforce's README: a TLS 1.0 hello and its hash. */
    @Test
    void ja3OfSalesforcesExample() {
        byte[] body = new HelloBytes().version(0x0301)
                .ciphers(47, 53, 5, 10, 49161, 49162, 49171, 49172, 50, 56, 19, 4)
                .serverName("example.com").list16(10, 23, 24, 25).pointFormats(0).body();
        Ja3Fingerprint ja3 = Ja3Fingerprint.of(ClientHello.parse(body));
        assertEquals("769,47-53-5-10-49161-49162-49171-49172-50-56-19-4,0-10-11,23-24-25,0", ja3.string());
        assertEquals("ada70206e40642a3e4461f35503241d5", ja3.hash());
    }

    /** Salesforce's README: no extensions leaves the last three fields empty. */
    @Test
    void ja3WithoutExtensions() {
        byte[] body = new HelloBytes().version(0x0301).ciphers(4, 5, 10, 9, 100, 98, 3, 6, 19, 18, 99).noExtensions().body();
        Ja3Fingerprint ja3 = Ja3Fingerprint.of(ClientHello.parse(body));
        assertEquals("769,4-5-10-9-100-98-3-6-19-18-99,,,", ja3.string());
        assertEquals("de350869b8c85de67a350c8d186f11e6", ja3.hash());
    }

    @Test
    void greaseIsLeftOutOfJa3() {
        byte[] body = new HelloBytes().ciphers(0x1A1A, 47).empty(0x2A2A).list16(10, 0x3A3A, 29).pointFormats(0).empty(0xFAFA).body();
        assertEquals("771,47,10-11,29,0", Ja3Fingerprint.of(ClientHello.parse(body)).string());
    }

    /** FoxIO's example: the extension list, signature algorithms and cipher list of their write-up. */
    @Test
    void ja4OfFoxIosExample() {
        assertEquals("t13d1516h2_8daaf6152771_e5627efa2ab1", Ja4Fingerprint.of(ClientHello.parse(foxIoHello(true))));
    }

    /** FoxIO's example without signature algorithms: part c ends without an underscore. */
    @Test
    void ja4WithoutSignatureAlgorithms() {
        String ja4 = Ja4Fingerprint.of(ClientHello.parse(foxIoHello(false)));
        // 6d807ffa2a79 is FoxIO's hash of the same extension list (with 0x000d) and no algorithms.
        assertEquals("6d807ffa2a79", ja4.substring(ja4.lastIndexOf('_') + 1));
    }

    @Test
    void ja4AlpnCharactersAndFallbacks() {
        assertEquals("h1", alpnPart(new HelloBytes().alpn("http/1.1", "h2")));
        assertEquals("00", alpnPart(new HelloBytes()));
        assertEquals("00", alpnPart(new HelloBytes().alpn()));
        assertEquals("hh", alpnPart(new HelloBytes().alpn("h")));
        // Not letters or digits: the hex digits of the bytes instead ('/' = 0x2f, 0x7e = '~').
        assertEquals("2e", alpnPart(new HelloBytes().alpn("/ab~")));
    }

    @Test
    void ja4VersionAndCounts() {
        // supported_versions' highest non-GREASE value wins over the legacy field; no SNI is 'i'.
        String ja4 = Ja4Fingerprint.of(ClientHello.parse(new HelloBytes().version(0x0303).ciphers(0x0A0A, 0x1301)
                .supportedVersions(0x7A7A, 0x0304, 0x0303).empty(0x4A4A).body()));
        assertTrue(ja4.startsWith("t13i010100_"), ja4);
        // No ciphers and no extensions: zero hashes, as FoxIO writes them.
        assertEquals("t10i000000_000000000000_000000000000",
                Ja4Fingerprint.of(ClientHello.parse(new HelloBytes().version(0x0301).noExtensions().body())));
        assertTrue(Ja4Fingerprint.FORMAT.matcher(ja4).matches());
    }

    @Test
    void ja3sOfAServerHello() {
        // version 0x0303, random, empty session id, cipher 0xc030, compression 0, extensions ff01 (1 byte), 000b (2 bytes).
        byte[] body = new byte[2 + 32 + 1 + 2 + 1 + 2 + 5 + 6];
        body[0] = 3;
        body[1] = 3;
        int p = 35;
        body[p++] = (byte) 0xC0;
        body[p++] = 0x30;
        body[p++] = 0;
        body[p++] = 0;
        body[p++] = 11;
        int[] ext = {0xFF, 0x01, 0, 1, 0, 0x00, 0x0B, 0, 2, 1, 0};
        for (int b : ext) {
            body[p++] = (byte) b;
        }
        ServerHello hello = ServerHello.parse(body);
        assertNotNull(hello);
        assertEquals("771,49200,65281-11", Ja3Fingerprint.ofServer(hello).string());
    }

    private static String alpnPart(HelloBytes hello) {
        return Ja4Fingerprint.of(ClientHello.parse(hello.ciphers(0x1301).body())).substring(8, 10);
    }

    static byte[] foxIoHello(boolean signatures) {
        HelloBytes h = new HelloBytes().version(0x0303)
                .ciphers(0x1301, 0x1302, 0x1303, 0xc02b, 0xc02f, 0xc02c, 0xc030, 0xcca9, 0xcca8, 0xc013, 0xc014, 0x009c, 0x009d, 0x002f, 0x0035);
        h.empty(0x0A0A).empty(0x001b).serverName("example.com").empty(0x0033).alpn("h2", "http/1.1").empty(0x4469).empty(0x0017)
                .empty(0x002d);
        if (signatures) {
            h.list16(0x000d, 0x0403, 0x0804, 0x0401, 0x0503, 0x0805, 0x0501, 0x0806, 0x0601);
        } else {
            h.list16(0x000d);
        }
        return h.empty(0x0005).empty(0x0023).empty(0x0012).supportedVersions(0x0304, 0x0303).empty(0xff01).pointFormats(0)
                .list16(0x000a, 0x001d).empty(0x0015).body();
    }
}
