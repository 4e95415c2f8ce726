package org.hyakuyobako.proto.tls;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.util.Arrays;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Collectors;
import org.hyakuyobako.detect.Detectors;
import org.hyakuyobako.event.TlsEvent;
import org.hyakuyobako.testing.Corpus;
import org.hyakuyobako.testing.Pipelines;
import org.junit.jupiter.api.Test;

/** TLS handshakes against nDPI's expectations beside the corpus captures: server name, version, certificate. */
class TlsSessionTest {
    private static final Pattern NDPI_FLOW = Pattern.compile(
            "TCP ([0-9.]+):(\\d+) <-> ([0-9.]+):(\\d+) .*?(?:\\[Hostname/SNI: ([^]]+)])?.*?\\[(TLSv1\\.[0-3])].*?"
                    + "(?:Issuer: ([^]]+)].*?Subject: ([^]]+)])?");

    private static Set<String> dn(String s) {
        return Arrays.stream(s.split(",(?! )|, ")).map(String::strip).map(x -> x.replace("\\,", ",")).collect(Collectors.toCollection(TreeSet::new));
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

    @Test
    void handshakesAgreeWithNdpi() throws IOException {
        int compared = 0;
        for (String capture : List.of("ndpi/malware.pcap", "ndpi/emotet.pcap", "ndpi/http_connect.pcap")) {
            List<TlsEvent> ours = Pipelines.run(List.of(Corpus.file(capture)), a -> Detectors.addDefaults(a, Pipelines.options()))
                    .of(TlsEvent.class);
            for (String line : Files.readAllLines(Corpus.file(capture + ".ndpiReader.out"))) {
                Matcher m = NDPI_FLOW.matcher(line);
                if (!line.contains("[proto: 91/TLS]") && !line.contains("/TLS.") || !m.find()) {
                    continue;
                }
                String client = m.group(1);
                int clientPort = Integer.parseInt(m.group(2));
                TlsEvent t = ours.stream().filter(e -> e.conn().srcIp().equals(client) && e.conn().srcPort() == clientPort).findFirst()
                        .orElseThrow(() -> new AssertionError(capture + ": no tls event for " + line));
                assertEquals(m.group(6).replace("TLSv", "TLS "), t.version(), line);
                if (m.group(5) != null) {
                    assertEquals(m.group(5), t.sni(), line);
                }
                if (m.group(7) != null) {
                    assertEquals(dn(m.group(7)), dn(t.issuer()), line);
                    assertEquals(dn(m.group(8)), dn(t.subject()), line);
                }
                compared++;
            }
        }
        assertTrue(compared >= 4, "TLS flows compared with nDPI: " + compared);
    }
}
