package org.hyakuyobako.detect.tls;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.List;
import org.hyakuyobako.event.ConnectionRef;
import org.hyakuyobako.event.Event;
import org.hyakuyobako.event.EvidenceEvent;
import org.hyakuyobako.event.TlsEvent;
import org.hyakuyobako.net.HomeNet;
import org.junit.jupiter.api.Test;

/** Self-signed certificates from servers reached by address: which count, which do not. */
class SelfSignedCncDetectorTest {
    static final String KIT = "CN=example.com,OU=IT Department,O=Global Security,L=London,ST=London,C=GB";
    static final String PLAIN = "CN=vpn.corp.test,O=Corp,C=DE";
    static final String CA = "CN=R3,O=Let's Encrypt,C=US";

    private final List<Event> out = new ArrayList<>();
    private final SelfSignedCncDetector d = new SelfSignedCncDetector(HomeNet.privateRanges(), out::add);

    private void tls(String client, String server, String sni, String subject, String issuer) {
        d.accept(new TlsEvent(1_650_000_000_000_000_000L, new ConnectionRef(7, 0, client, 49_000, server, 443), sni, "TLS 1.2", subject,
                issuer, "01", 0, 0));
    }

    private List<EvidenceEvent> evidence() {
        return out.stream().filter(EvidenceEvent.class::isInstance).map(EvidenceEvent.class::cast).toList();
    }

    @Test
    void aKitCertificateFromAnAddressIsAStrongSign() {
        tls("10.4.25.101", "138.197.147.101", null, KIT, KIT);
        tls("10.4.25.101", "138.197.147.101", null, KIT, KIT);
        assertEquals(1, evidence().size(), "once per host and server");
        EvidenceEvent e = evidence().get(0);
        assertEquals("tls", e.method());
        assertEquals("138.197.147.101:443", e.peer());
        assertEquals(SelfSignedCncDetector.WITH_PLACEHOLDER_NAMES, e.score());
        assertTrue(e.summary().contains("placeholder names (cn=example.com)"), e.summary());
    }

    @Test
    void aPlainSelfSignedCertificateFromAnAddressIsAWeakerSign() {
        tls("10.0.0.5", "198.51.100.9", "", PLAIN, PLAIN);
        assertEquals(SelfSignedCncDetector.SELF_SIGNED_WITHOUT_SNI, evidence().get(0).score());
    }

    @Test
    void namedServersCaSignedCertificatesAndInsideServersAreNoSign() {
        tls("10.0.0.5", "198.51.100.9", "vpn.corp.test", PLAIN, PLAIN);     // SNI: a named service
        tls("10.0.0.5", "198.51.100.10", null, "CN=198.51.100.10", CA);      // CA-signed
        tls("10.0.0.5", "10.0.0.1", null, KIT, KIT);                         // a printer inside
        tls("198.51.100.20", "203.0.113.5", null, KIT, KIT);                 // not a monitored client
        tls("10.0.0.5", "198.51.100.11", null, null, null);                  // no certificate seen
        assertEquals(List.of(), evidence());
    }

    @Test
    void placeholdersMatchWholeValuesOnly() {
        assertEquals("o=global security", SelfSignedCncDetector.placeholder(KIT.toLowerCase().replace("cn=example.com,", "cn=x,")));
        assertEquals(null, SelfSignedCncDetector.placeholder("CN=example.com.evil.test,O=Real Company"));
        assertEquals(null, SelfSignedCncDetector.placeholder("CN=tester,O=Testing Ltd"));
    }

    /** Issue 27: a certificate issued days before and one kit's certificate on several servers are signs of their own. */
    @Test
    void aFreshCertificateAndOneKitOnManyServersCountMore() {
        long now = 1_650_000_000_000_000_000L;
        long day = 86_400_000_000_000L;
        d.accept(new TlsEvent(now, new ConnectionRef(1, 0, "10.0.0.7", 49_000, "198.51.100.30", 443), null, "TLS 1.2", PLAIN, PLAIN,
                "0a", now - 2 * day, now + 300 * day));
        d.accept(new TlsEvent(now, new ConnectionRef(2, 0, "10.0.0.7", 49_001, "198.51.100.31", 443), null, "TLS 1.2", PLAIN, PLAIN,
                "0b", now - 400 * day, now + 300 * day));
        assertEquals(SelfSignedCncDetector.SELF_SIGNED_WITHOUT_SNI + SelfSignedCncDetector.SIGN, evidence().get(0).score(), 1e-9);
        assertTrue(evidence().get(0).summary().contains("issued 2 day(s) before"), evidence().get(0).summary());
        assertEquals(SelfSignedCncDetector.SELF_SIGNED_WITHOUT_SNI, evidence().get(1).score(), 1e-9, "a year-old certificate is no sign");
        out.clear();
        for (int server = 40; server < 43; server++) {
            d.accept(new TlsEvent(now, new ConnectionRef(server, 0, "10.0.0.8", 49_000, "198.51.100." + server, 8443), null, "TLS 1.2",
                    KIT, KIT, "77", now - 400 * day, now + 300 * day));
        }
        List<EvidenceEvent> e = evidence();
        assertEquals(SelfSignedCncDetector.WITH_PLACEHOLDER_NAMES, e.get(0).score(), 1e-9, "one server: not shared yet");
        EvidenceEvent third = e.get(e.size() - 1);
        assertEquals("198.51.100.42:8443", third.peer());
        assertEquals(Math.min(SelfSignedCncDetector.MAX_SCORE, SelfSignedCncDetector.WITH_PLACEHOLDER_NAMES + SelfSignedCncDetector.SIGN),
                third.score(), 1e-9);
        assertTrue(third.summary().contains("one kit"), third.summary());
    }
}
