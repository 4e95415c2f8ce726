package org.hyakuyobako.detect.sync;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;

import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import org.hyakuyobako.decode.IpAddresses;
import org.junit.jupiter.api.Test;

/**
 * What a burst of a host's own new connections was. Mutations caught: counting a download's ACKs
 * as a flood (the download test fails), skipping flooded DNS ports (the port-53 flood test fails),
 * taking a long C&C channel's byte count as a download (the channel test fails), requiring shared
 * targets (the random and intranet scan tests fail).
 */
class ReactionClassifierTest {
    private final NodePopularity popularity = new NodePopularity();
    private final ReactionClassifier classifier = new ReactionClassifier(popularity, Set.of(53, 123), 120);

    private static Reaction reaction() {
        long[] h = IpAddresses.parse("10.1.0.20");
        return new Reaction(h[0], h[1], "10.1.0.20", 1_000_000_000L, new ArrayList<>());
    }

    private static Reaction.Target target(Reaction r, String ip, int port, boolean internal) {
        long[] a = IpAddresses.parse(ip);
        Reaction.Target t = r.target(a[0], a[1], internal);
        t.connections++;
        t.ports.add(port);
        return t;
    }

    @Test
    void randomAddressesMostlyUnansweredAreAScan() {
        Reaction r = reaction();
        for (String ip : List.of("23.1.9.4", "181.77.2.90", "77.3.100.8", "140.2.2.2")) {
            target(r, ip, 445, false);
        }
        target(r, "91.5.6.7", 445, false).answered = 1;
        assertEquals(ReactionKind.SCAN, classifier.classify(r));
    }

    @Test
    void aSweepOfTheOwnIntranetIsAScanEvenWhenHostsAnswer() {
        Reaction r = reaction();
        for (int i = 1; i <= 4; i++) {
            target(r, "10.1.0." + i, 139, true).answered = 1;
        }
        assertEquals(ReactionKind.SCAN, classifier.classify(r), "addresses counting up");
    }

    @Test
    void mailToTwoServersIsSpamAndTheLookUpBeforeItNoTarget() {
        Reaction r = reaction();
        target(r, "198.51.100.53", 53, false).answered = 1;
        target(r, "203.0.113.25", 25, false).answered = 1;
        target(r, "203.0.113.26", 25, false).answered = 1;
        assertEquals(ReactionKind.SPAM, classifier.classify(r));
    }

    @Test
    void aDownloadIsNoFloodThoughItsAcksAreMany() {
        Reaction r = reaction();
        Reaction.Target t = target(r, "198.51.100.80", 80, false);
        t.answered = 1;
        t.packetsOut = 300;
        t.bytesIn = 400_000;
        assertEquals(ReactionKind.DOWNLOAD, classifier.classify(r));
    }

    @Test
    void aUdpFloodOfADnsPortIsAFlood() {
        Reaction r = reaction();
        Reaction.Target t = target(r, "192.0.2.53", 53, false);
        t.udp = true;
        t.packetsOut = 900;
        assertEquals(ReactionKind.FLOOD, classifier.classify(r));
    }

    @Test
    void aSynFloodFromRandomPortsIsManyConnections() {
        Reaction r = reaction();
        Reaction.Target t = target(r, "192.0.2.80", 80, false);
        t.connections = 200;
        assertEquals(ReactionKind.FLOOD, classifier.classify(r));
    }

    @Test
    void aPageLoadFromAPopularCdnIsNothing() {
        Reaction r = reaction();
        long[] cdn = IpAddresses.parse("198.51.100.200");
        for (int h = 0; h < 40; h++) {
            long[] host = IpAddresses.parse("10.1.0." + (100 + h));
            popularity.contacted(cdn[0], cdn[1], host[0], host[1]);
        }
        Reaction.Target t = target(r, "198.51.100.200", 443, false);
        t.answered = 1;
        t.bytesIn = 300_000;
        assertNull(classifier.classify(r));
    }

    @Test
    void sequentialRunsAreFound() {
        assertEquals(true, ReactionClassifier.sequential(new long[] {5, 3, 4, 9}));
        assertEquals(false, ReactionClassifier.sequential(new long[] {1, 3, 5, 7}));
    }
}
