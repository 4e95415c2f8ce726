package org.hyakuyobako.net;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.hyakuyobako.decode.IpAddresses;
import org.junit.jupiter.api.Test;

class CidrTest {
    private static boolean in(HomeNet net, String address) {
        long[] a = IpAddresses.parse(address);
        return net.contains(a[0], a[1]);
    }

    @Test
    void privateRangesAndSensorAddresses() {
        HomeNet net = HomeNet.privateRanges().with(Cidr.parse("203.0.113.10"));
        assertTrue(in(net, "10.200.1.1"));
        assertTrue(in(net, "172.31.255.255"));
        assertFalse(in(net, "172.32.0.1"));
        assertTrue(in(net, "192.168.0.1"));
        assertTrue(in(net, "fd12::1"));
        assertFalse(in(net, "2001:db8::1"));
        assertTrue(in(net, "203.0.113.10"));
        assertFalse(in(net, "203.0.113.11"));
        assertEquals("10.0.0.0/8,172.16.0.0/12,192.168.0.0/16,fc00::/7,203.0.113.10/32", net.toString());
    }

    @Test
    void parsingNormalisesAndRejects() {
        assertEquals("10.1.0.0/16", Cidr.parse("10.1.2.3/16").toString());
        assertEquals("2001:db8::/32", Cidr.parse("2001:db8:1::/32").toString());
        assertThrows(IllegalArgumentException.class, () -> Cidr.parse("10.0.0.0/33"));
        assertThrows(IllegalArgumentException.class, () -> Cidr.parse("10.0.0/8"));
        assertThrows(IllegalArgumentException.class, () -> Cidr.parse("300.0.0.1"));
        assertThrows(IllegalArgumentException.class, () -> Cidr.parse("example.com"));
        assertTrue(Cidr.parse("0.0.0.0/0").contains(0, IpAddresses.v4Lo(0x01020304)));
        assertFalse(Cidr.parse("0.0.0.0/0").contains(IpAddresses.parse("2001:db8::1")[0], IpAddresses.parse("2001:db8::1")[1]));
    }
}
