package org.hyakuyobako.net.geo;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.InputStream;
import java.net.URL;
import org.hyakuyobako.decode.IpAddresses;
import org.hyakuyobako.net.HomeNet;
import org.junit.jupiter.api.Test;

/** The bundled tables: known addresses, what gets no location, and that the data is in the classes. */
class GeoDatabaseTest {
    private static final PeerLocator PEERS = PeerLocator.bundled(HomeNet.privateRanges().with(org.hyakuyobako.net.Cidr.parse("198.51.99.0/24")));

    @Test
    void knownAddressesHaveTheirCountryAndAs() {
        PeerLocation google = PEERS.locate("8.8.8.8");
        assertEquals(new PeerLocation("US", 15169, "Google LLC"), google);
        PeerLocation cloudflare = PEERS.locate("1.1.1.1");
        assertEquals(13335, cloudflare.asn());
        assertEquals("Cloudflare, Inc.", cloudflare.asOrganization());
        // The emotet capture's C&C (corpus ndpi/emotet.pcap).
        PeerLocation emotetCnc = PEERS.locate("138.197.147.101");
        assertEquals(14061, emotetCnc.asn());
        assertEquals("CA", emotetCnc.countryIsoCode());
        assertEquals("CA AS14061 DigitalOcean, LLC", emotetCnc.label());
    }

    @Test
    void ipv6AddressesAreLocatedAndIpv4MappedOnesAsIpv4() {
        assertEquals(new PeerLocation("US", 15169, "Google LLC"), PEERS.locate("2001:4860:4860::8888"));
        assertEquals(13335, PEERS.locate("::ffff:1.1.1.1").asn());
    }

    @Test
    void insideAndUnroutedAddressesGetNothing() {
        for (String ip : new String[] {"10.1.2.3", "192.168.0.1", "172.16.5.5", "127.0.0.1", "169.254.1.1", "100.64.0.1",
                "224.0.0.251", "255.255.255.255", "0.0.0.0", "fe80::1", "fd00::1", "::1", "2001:db8::1", "ff02::1",
                "198.51.99.7", "not an address", ""}) {
            assertNull(PEERS.locate(ip), ip);
        }
        long[] home = IpAddresses.parse("198.51.99.7");
        assertTrue(!PEERS.isOutside(home[0], home[1]));
    }

    @Test
    void lookupsNeedNoLocatorForPlainTableQuestions() {
        GeoDatabase db = GeoDatabase.bundled();
        long[] a = IpAddresses.parse("8.8.4.4");
        assertEquals("US", db.country(a[0], a[1]));
        assertEquals(15169, db.asn(a[0], a[1]));
        assertEquals("Google LLC", db.asName(15169));
        assertNull(db.asName(0));
    }

    @Test
    void theDataAndItsLicencesComeFromTheClassPathNotTheNetwork() throws Exception {
        URL table = getClass().getClassLoader().getResource(GeoDatabase.RESOURCE);
        assertNotNull(table, "the build puts the table among the classes");
        assertTrue(table.getProtocol().equals("file") || table.getProtocol().equals("jar"), table.toString());
        for (String licence : new String[] {"asn/DBIP-LICENSE", "asn/ROUTEVIEWS-LICENSE", "asn/NRO_LICENSE", "geo-whois-asn-country/NRO_LICENSE"}) {
            try (InputStream in = getClass().getClassLoader().getResourceAsStream(GeoDatabase.LICENCE_FOLDER + "/" + licence)) {
                assertNotNull(in, licence);
                assertTrue(new String(in.readAllBytes()).contains("Creative Commons Attribution 4.0"), licence);
            }
        }
    }

    /**
     * Packed into a jar as the build packs it, the table is found and read through a class loader
     * that sees nothing but that jar: the location data needs no file and no network at run time.
     */
    @Test
    void theTableLoadsFromAJarAlone(@org.junit.jupiter.api.io.TempDir java.nio.file.Path dir) throws Exception {
        java.nio.file.Path jar = dir.resolve("core.jar");
        try (InputStream in = getClass().getClassLoader().getResourceAsStream(GeoDatabase.RESOURCE);
             java.util.jar.JarOutputStream out = new java.util.jar.JarOutputStream(java.nio.file.Files.newOutputStream(jar))) {
            out.putNextEntry(new java.util.jar.JarEntry(GeoDatabase.RESOURCE));
            in.transferTo(out);
            out.closeEntry();
        }
        try (java.net.URLClassLoader alone = new java.net.URLClassLoader(new URL[] {jar.toUri().toURL()}, null)) {
            URL found = alone.getResource(GeoDatabase.RESOURCE);
            assertEquals("jar", found.getProtocol());
            try (InputStream in = alone.getResourceAsStream(GeoDatabase.RESOURCE)) {
                GeoDatabase db = new GeoDatabase(GeoTableFormat.read(in.readAllBytes()));
                long[] a = IpAddresses.parse("1.1.1.1");
                assertEquals(13335, db.asn(a[0], a[1]));
            }
        }
    }

    @Test
    void theTablesLoadQuicklyAndLookupsAreCheap() throws Exception {
        byte[] data;
        try (InputStream in = getClass().getClassLoader().getResourceAsStream(GeoDatabase.RESOURCE)) {
            data = in.readAllBytes();
        }
        long start = System.nanoTime();
        GeoTables tables = GeoTableFormat.read(data);
        long loadMillis = (System.nanoTime() - start) / 1_000_000;
        GeoDatabase db = new GeoDatabase(tables);
        java.util.Random random = new java.util.Random(27);
        int n = 2_000_000;
        long found = 0;
        start = System.nanoTime();
        for (int i = 0; i < n; i++) {
            int address = random.nextInt();
            found += db.asn(0, IpAddresses.v4Lo(address)) != 0 ? 1 : 0;
            found += db.country(0, IpAddresses.v4Lo(address)) != null ? 1 : 0;
        }
        long nanosPerAddress = (System.nanoTime() - start) / n;
        System.out.printf("GeoDatabaseTest: %,d bytes parsed in %d ms; %d ns per IPv4 address (country and AS); %d random hits%n",
                data.length, loadMillis, nanosPerAddress, found);
        assertTrue(loadMillis < 1000, "load took " + loadMillis + " ms");
        assertTrue(found > n / 2, "most of the IPv4 space is allocated");
    }
}
