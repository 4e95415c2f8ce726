package org.hyakuyobako.detect.dns;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.List;
import org.hyakuyobako.event.ConnectionRef;
import org.hyakuyobako.event.DnsEvent;
import org.hyakuyobako.event.Event;
import org.hyakuyobako.event.EvidenceEvent;
import org.hyakuyobako.net.HomeNet;
import org.junit.jupiter.api.Test;

/**
 * Seed 000's region of resolved addresses: a host whose look-ups resolved to one country while
 * its profile was learned, and whose burst then resolves into others, is told so in the evidence.
 */
class DnsProfileRegionTest {
    private static final long MINUTE = 60_000_000_000L;
    private static final long START = 1_200_000_000_000_000_000L;

    private static void lookUp(DnsProfileDetector d, String host, String name, String address, long at) {
        ConnectionRef conn = new ConnectionRef(1, 0, host, 40000, "192.168.0.53", 53);
        d.accept(new DnsEvent(at, conn, "UDP", true, 1, name, "A", null, List.of(), 0));
        ConnectionRef back = new ConnectionRef(1, 0, "192.168.0.53", 53, host, 40000);
        d.accept(new DnsEvent(at + 1_000_000, back, "UDP", false, 1, name, "A", "NOERROR",
                List.of(new DnsEvent.Answer(name, "A", address, 300)), 0));
    }

    private static List<EvidenceEvent> run(List<String> burstAddresses) {
        List<Event> out = new ArrayList<>();
        DnsProfileDetector d = new DnsProfileDetector(HomeNet.privateRanges(), out::add);
        List<String> usual = List.of("8.8.8.8", "142.250.1.1", "104.161.127.22", "8.8.4.4", "142.250.1.1"); // all US
        for (int window = 0; window < 4; window++) {
            for (int i = 0; i < 5; i++) {
                lookUp(d, "10.0.0.9", "site" + i + ".example.org", usual.get(i), START + (window * 10 + i) * MINUTE);
            }
        }
        for (int i = 0; i < 60; i++) {
            lookUp(d, "10.0.0.9", "n" + i + ".example.net", burstAddresses.get(i % burstAddresses.size()), START + 41 * MINUTE + i * 1_000_000_000L);
        }
        return out.stream().filter(e -> e instanceof EvidenceEvent).map(e -> (EvidenceEvent) e).toList();
    }

    @Test
    void aBurstResolvingIntoNewCountriesNamesThem() {
        List<EvidenceEvent> e = run(List.of("5.255.255.5", "202.12.27.33", "41.76.108.46", "200.160.2.3", "8.8.8.8"));
        assertEquals(1, e.size(), e.toString());
        assertEquals(0.4, e.get(0).score(), 1e-9, "the region explains; it does not add to the score");
        assertTrue(e.get(0).summary().endsWith("; its answers now reach RU, JP, ZA, BR (usually US)"), e.get(0).summary());
    }

    @Test
    void aBurstInTheUsualCountrySaysNothingOfRegions() {
        List<EvidenceEvent> e = run(List.of("8.8.8.8", "104.161.127.22", "10.1.2.3"));
        assertEquals(1, e.size(), e.toString());
        assertFalse(e.get(0).summary().contains("now reach"), e.get(0).summary());
    }
}
