package org.hyakuyobako.flow;

import static org.junit.jupiter.api.Assertions.assertEquals;

import org.hyakuyobako.decode.IcmpCounterparts;
import org.hyakuyobako.decode.IpAddresses;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** Vectors published with the Community ID specification and its reference implementations. */
class CommunityIdTest {
    @ParameterizedTest
    @CsvSource({
        "6, 128.232.110.120, 34855, 66.35.250.204, 80, 1:LQU9qZlK+B5F3KDmev6m5PMibrg=",
        "6, 66.35.250.204, 80, 128.232.110.120, 34855, 1:LQU9qZlK+B5F3KDmev6m5PMibrg=",
        "17, 8.8.8.8, 53, 192.168.1.52, 54585, 1:d/FP5EW3wiY1vCndhwleRRKHowQ=",
        "132, 192.168.170.8, 7, 192.168.170.56, 7, 1:MP2EtRCAUIZvTw6MxJHLV7N7JDs=",
        "1, 192.168.0.89, 8, 192.168.0.1, 0, 1:X0snYXpgwiv9TZtqg64sgzUn6Dk=",
        "58, fe80::260:97ff:fe07:69ea, 134, ff02::1, 0, 1:pkvHqCL88/tg1k4cPigmZXUtL00="
    })
    void matchesPublishedVectors(int proto, String src, int sport, String dst, int dport, String expected) {
        long[] s = IpAddresses.parse(src);
        long[] d = IpAddresses.parse(dst);
        int port2 = dport;
        if (proto == 1 || proto == 58) {
            // Our flows carry ICMP as (type, counterpart-or-code), as the spec maps them.
            port2 = IcmpCounterparts.counterpart(proto == 58, sport, dport);
        }
        assertEquals(expected, CommunityId.compute(proto, s[0], s[1], sport, d[0], d[1], port2));
    }
}
