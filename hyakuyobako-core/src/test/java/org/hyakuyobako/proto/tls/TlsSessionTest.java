package org.hyakuyobako.proto.tls;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.io.IOException;
import java.nio.file.Files;
import java.util.Arrays;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;
import java.util.stream.Collectors;
import org.hyakuyobako.detect.Detectors;
import org.hyakuyobako.event.TlsEvent;
import org.hyakuyobako.testing.Corpus;
import org.hyakuyobako.testing.NdpiFlowLine;
import org.hyakuyobako.testing.Pipelines;
import org.junit.jupiter.api.Test;

/**
 * TLS handshakes against Zeek's and nDPI's expectations beside the corpus captures: server name,
 * version, certificate.
 *
 * <p>Mutations this test catches (each tried in TlsSession, test failed, code restored): SNI dropped
 * from tls events (null instead of the server name); the subject written as the issuer.
 */
class TlsSessionTest {
    /**
     * A distinguished name as its set of attributes. We write RFC 4514 escapes ("O=OpenDNS\\, Inc."),
     * as Zeek does; nDPI does not ("O=OpenDNS, Inc."): unescaped, a new attribute starts where a comma
     * is followed by a "type=".
     */
    private static Set<String> dn(String s) {
        return Arrays.stream(s.replace("\\,", ",").split(",\\s*(?=[A-Za-z0-9.]+=)")).map(String::strip)
                .collect(Collectors.toCollection(TreeSet::new));
    }

    /** Zeek's irc-starttls trace: after STARTTLS and 670 the TLS handshake is read, as Zeek's ssl.log and x509.log have it. */
    @Test
    void tlsAfterIrcStarttlsAgreesWithZeek() throws IOException {
        List<TlsEvent> tls = Pipelines.run(List.of(Corpus.file("zeek/irc-starttls.pcap")),
                a -> Detectors.addDefaults(a, Pipelines.options())).of(TlsEvent.class);
        assertEquals(1, tls.size(), tls.toString());
        String[] ssl = zeekRow("zeek/irc-starttls.ssl.log");
        String[] x509 = zeekRow("zeek/irc-starttls.x509.log");
        List<String> sslFields = zeekFields("zeek/irc-starttls.ssl.log");
        List<String> x509Fields = zeekFields("zeek/irc-starttls.x509.log");
        TlsEvent t = tls.get(0);
        assertEquals(ssl[sslFields.indexOf("version")].replace("TLSv12", "TLS 1.2"), t.version());
        assertEquals(x509[x509Fields.indexOf("certificate.subject")], t.subject());
        assertEquals(x509[x509Fields.indexOf("certificate.issuer")], t.issuer());
        // Suricata writes the DER integer's bytes (a leading 00 when the high bit is set), Zeek the number.
        assertEquals("00:F9:43:57:43:EF:35:3D:9E", t.serial());
        assertEquals(x509[x509Fields.indexOf("certificate.serial")], t.serial().replace(":", "").replaceFirst("^00", ""));
        assertEquals((long) Double.parseDouble(x509[x509Fields.indexOf("certificate.not_valid_before")]) * 1_000_000_000L,
                t.notBeforeNanos());
        assertEquals((long) Double.parseDouble(x509[x509Fields.indexOf("certificate.not_valid_after")]) * 1_000_000_000L,
                t.notAfterNanos());
    }

    private static List<String> zeekFields(String file) throws IOException {
        String header = Files.readAllLines(Corpus.file(file)).stream().filter(l -> l.startsWith("#fields")).findFirst().orElseThrow();
        return Arrays.asList(header.substring("#fields\t".length()).split("\t"));
    }

    private static String[] zeekRow(String file) throws IOException {
        return Files.readAllLines(Corpus.file(file)).stream().filter(l -> !l.startsWith("#")).findFirst().orElseThrow().split("\t", -1);
    }

    /**
     * Every TLS flow nDPI lists in the three captures (five in all) has our tls event, with the same
     * server name (or none where nDPI saw none), negotiated version, and issuer and subject where
     * nDPI read the certificate.
     */
    @Test
    void handshakesAgreeWithNdpi() throws IOException {
        int tlsFlows = 0;
        int withSni = 0;
        int withCertificate = 0;
        for (String capture : List.of("ndpi/malware.pcap", "ndpi/emotet.pcap", "ndpi/http_connect.pcap")) {
            List<TlsEvent> ours = Pipelines.run(List.of(Corpus.file(capture)), a -> Detectors.addDefaults(a, Pipelines.options()))
                    .of(TlsEvent.class);
            for (NdpiFlowLine n : NdpiFlowLine.read(Corpus.file(capture + ".ndpiReader.out"))) {
                if (!n.protocol().equals("TLS") && !n.protocol().startsWith("TLS.")) {
                    continue;
                }
                String flow = capture + " " + n.client() + ":" + n.clientPort();
                TlsEvent t = ours.stream().filter(e -> e.conn().srcIp().equals(n.client()) && e.conn().srcPort() == n.clientPort())
                        .findFirst().orElseThrow(() -> new AssertionError(flow + ": no tls event"));
                assertEquals(n.tlsVersion().replace("TLSv", "TLS "), t.version(), flow + " version");
                assertEquals(n.hostname(), blankToNull(t.sni()), flow + " SNI");
                String issuer = n.fields().get("Issuer");
                String subject = n.fields().get("Subject");
                assertEquals(issuer == null, subject == null, flow + ": nDPI gives issuer and subject together");
                if (issuer != null) {
                    assertEquals(dn(issuer), dn(t.issuer()), flow + " issuer");
                    assertEquals(dn(subject), dn(t.subject()), flow + " subject");
                    withCertificate++;
                }
                withSni += n.hostname() != null ? 1 : 0;
                tlsFlows++;
            }
        }
        System.out.printf("nDPI TLS agreement: %d flows, %d with SNI, %d with certificate, all fields agree%n",
                tlsFlows, withSni, withCertificate);
        // The counts in nDPI's files: if parsing loses a line or a field, these drop and the test says so.
        assertEquals(5, tlsFlows, "TLS flows compared with nDPI");
        assertEquals(3, withSni, "TLS flows whose SNI was compared");
        assertEquals(3, withCertificate, "TLS flows whose certificate was compared");
    }

    private static String blankToNull(String s) {
        return s == null || s.isEmpty() ? null : s;
    }
}
