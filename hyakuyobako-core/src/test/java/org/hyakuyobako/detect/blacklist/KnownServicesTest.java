package org.hyakuyobako.detect.blacklist;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;

/** The bundled warning lists load from the jar and name public resolvers and sinkholes, and nothing else. */
class KnownServicesTest {
    @Test
    void publicResolversAndSinkholesAreKnown() {
        KnownServices k = KnownServices.bundled();
        assertTrue(k.size() > 10_000, "the lists loaded: " + k.size());
        assertEquals("public-dns-v4 (List of known IPv4 public DNS resolvers)".substring(0, 13), k.why("8.8.8.8").substring(0, 13));
        assertNotNull(k.why("1.1.1.1:53"), "with a port");
        assertNotNull(k.why("2001:4860:4860::8888"), "IPv6");
        assertNull(k.why("192.0.2.66"), "a documentation address is no public service");
        assertNull(k.why("10.1.2.3"));
        assertNull(k.why(null));
        assertNull(k.why(":x.duckdns.org"), "a forged name with a colon: no address, no exception");
    }
}
