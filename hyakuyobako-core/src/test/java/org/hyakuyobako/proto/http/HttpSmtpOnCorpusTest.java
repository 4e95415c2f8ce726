package org.hyakuyobako.proto.http;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import org.hyakuyobako.detect.Detectors;
import org.hyakuyobako.event.EvidenceEvent;
import org.hyakuyobako.event.HttpEvent;
import org.hyakuyobako.event.SmtpEvent;
import org.hyakuyobako.net.Cidr;
import org.hyakuyobako.net.HomeNet;
import org.hyakuyobako.testing.Corpus;
import org.hyakuyobako.testing.EventCollector;
import org.hyakuyobako.testing.Pipelines;
import org.hyakuyobako.testing.ZeekLog;
import org.junit.jupiter.api.Test;

/**
 * HTTP and SMTP parsing against Zeek's http.log and smtp.log baselines, and the findings built on
 * them (D6): proxy abuse and its SMTP target, executable downloads, malspam.
 */
class HttpSmtpOnCorpusTest {
    private static EventCollector analyse(String capture, HomeNet net) throws IOException {
        return Pipelines.run(List.of(Corpus.file(capture)), a -> Detectors.addDefaults(a, Pipelines.options().withHomeNet(net)));
    }

    /** The rows of a Zeek log as field name → value maps. */
    private static List<Map<String, String>> zeekLog(String file) throws IOException {
        List<String> lines = Files.readAllLines(Corpus.file(file));
        String[] fields = lines.stream().filter(l -> l.startsWith("#fields")).findFirst().orElseThrow().split("\t");
        return lines.stream().filter(l -> !l.startsWith("#")).map(l -> {
            String[] values = l.split("\t", -1);
            Map<String, String> row = new TreeMap<>();
            for (int i = 1; i < fields.length && i - 1 < values.length; i++) {
                row.put(fields[i], values[i - 1]);
            }
            return row;
        }).toList();
    }

    @Test
    void smtpAgreesWithZeek() throws IOException {
        List<SmtpEvent> ours = analyse("zeek/smtp.pcap", HomeNet.privateRanges()).of(SmtpEvent.class);
        List<Map<String, String>> zeek = zeekLog("zeek/smtp.basic.smtp.log");
        Map<String, String> first = zeek.get(0);
        SmtpEvent m = ours.stream().filter(e -> e.conn().srcIp().equals(first.get("id.orig_h"))).findFirst().orElseThrow();
        assertEquals(first.get("helo"), m.helo());
        assertEquals(first.get("mailfrom"), m.mailFrom());
        assertEquals(Arrays.asList(first.get("rcptto").split(",")), m.rcptTo());
        assertEquals(first.get("subject"), m.subject());
        assertEquals(first.get("last_reply"), m.lastReply());
        assertEquals(Integer.parseInt(first.get("trans_depth")), m.transDepth());
    }

    /** Zeek's connect-with-smtp: the CONNECT in http.log, the tunnelled mail in smtp.log, and the abuse. */
    @Test
    void proxyAbuseAndItsSmtpTargetAgreeWithZeek() throws IOException {
        HomeNet proxyMonitored = HomeNet.privateRanges().with(Cidr.parse("254.228.86.79/32"));
        EventCollector out = analyse("zeek/http-connect-with-smtp.pcap", proxyMonitored);
        Map<String, String> http = zeekLog("zeek/http-connect-with-smtp.http.log").get(0);
        HttpEvent connect = out.of(HttpEvent.class).get(0);
        assertEquals(http.get("method"), connect.method());
        assertEquals(http.get("uri"), connect.url());
        assertEquals("HTTP/" + http.get("version"), connect.protocol());
        assertEquals(Integer.parseInt(http.get("status_code")), connect.status());
        Map<String, String> smtp = zeekLog("zeek/http-connect-with-smtp.smtp.log").get(0);
        SmtpEvent mail = out.of(SmtpEvent.class).get(0);
        assertEquals(smtp.get("helo"), mail.helo());
        assertEquals(smtp.get("mailfrom"), mail.mailFrom());
        assertEquals(List.of(smtp.get("rcptto")), mail.rcptTo());
        assertEquals(smtp.get("subject"), mail.subject());
        assertEquals(smtp.get("last_reply"), mail.lastReply());
        List<EvidenceEvent> proxy = out.of(EvidenceEvent.class).stream().filter(e -> e.method().equals("proxy")).toList();
        assertEquals(1, proxy.size(), proxy.toString());
        assertEquals("254.228.86.79", proxy.get(0).host());
        assertTrue(proxy.get(0).summary().contains("CONNECT to mailin03.sul.t-online.de:25, accepted (200)"), proxy.get(0).summary());
        // The mail inside the tunnel is spam's sign too, for the client if it were monitored.
        assertTrue(out.of(EvidenceEvent.class).stream().noneMatch(e -> e.host().equals("79.26.245.236")));
    }

    /** nDPI's http_connect.pcap: a browser's CONNECT to apache.org:443 is no abuse. */
    @Test
    void aBrowserTunnellingHttpsIsNoAbuse() throws IOException {
        EventCollector out = analyse("ndpi/http_connect.pcap", HomeNet.privateRanges());
        assertTrue(out.of(HttpEvent.class).stream().anyMatch(h -> "CONNECT".equals(h.method()) && "apache.org:443".equals(h.url())));
        assertEquals(List.of(), out.of(EvidenceEvent.class));
    }

    @Test
    void executableDownloads() throws IOException {
        List<EvidenceEvent> e = analyse("ndpi/exe_download.pcap", HomeNet.privateRanges()).of(EvidenceEvent.class).stream()
                .filter(x -> x.method().equals("download")).toList();
        assertEquals(1, e.size(), e.toString());
        assertEquals("10.9.25.101", e.get(0).host());
        assertEquals("144.91.69.195:80", e.get(0).peer());
        assertTrue(e.get(0).summary().startsWith("downloads a Windows executable (MZ) from http://144.91.69.195/solar.php"));
        assertTrue(e.get(0).summary().contains("disguised"), e.get(0).summary());
        assertEquals(0.8, e.get(0).score(), 1e-9, "disguised (0.6), and fetched by a random user agent (+0.2)");
    }

    /** nDPI's emotet.pcap: the malspam session and the payload downloads. */
    @Test
    void emotetSpamSessionAndDownloads() throws IOException {
        EventCollector out = analyse("ndpi/emotet.pcap", HomeNet.privateRanges());
        SmtpEvent mail = out.of(SmtpEvent.class).get(0);
        assertEquals("LOGIN", mail.auth());
        assertEquals("raulparedes@wanadoo.fr", mail.mailFrom());
        List<EvidenceEvent> spam = out.of(EvidenceEvent.class).stream().filter(e -> e.method().equals("spam")).toList();
        assertEquals(1, spam.size(), spam.toString());
        assertEquals("10.2.25.102", spam.get(0).host());
        assertEquals("193.252.22.84:587", spam.get(0).peer());
        assertTrue(spam.get(0).summary().contains("greets as [173.66.46.97], not its own address 10.2.25.102"), spam.get(0).summary());
        assertTrue(spam.get(0).summary().contains(".xlsm, which can run code"), spam.get(0).summary());
        List<String> downloaders = out.of(EvidenceEvent.class).stream().filter(e -> e.method().equals("download"))
                .map(EvidenceEvent::host).sorted().toList();
        assertEquals(List.of("10.4.20.102", "10.4.25.101"), downloaders);
    }

    /**
     * Hostile lines: a 10 KB request line (past the 512 bytes kept for identification, so the parser
     * resynchronises on the next request) and a 5,000-byte SMTP command (cut and reported); parsing goes on.
     */
    @Test
    void overlongLinesAreReportedAndParsingGoesOn(@org.junit.jupiter.api.io.TempDir java.nio.file.Path dir) throws Exception {
        java.nio.file.Path capture = dir.resolve("hostile.pcap");
        try (org.hyakuyobako.generate.PcapWriter w = new org.hyakuyobako.generate.PcapWriter(capture, 1)) {
            org.hyakuyobako.testing.TcpScript http = new org.hyakuyobako.testing.TcpScript(w, "10.0.0.5", 40000, "198.51.100.80", 80,
                    1_200_000_000_000_000_000L);
            http.client("GET /" + "a".repeat(10_000) + " HTTP/1.1\r\nHost: x\r\n\r\n")
                    .server("HTTP/1.1 404 Not Found\r\nContent-Length: 0\r\n\r\n")
                    .client("GET /next.exe HTTP/1.1\r\nHost: <script>x</script>\r\n\r\n")
                    .server("HTTP/1.1 200 OK\r\nContent-Length: 4\r\n\r\nMZ\u0090\u0000");
            http.close();
            org.hyakuyobako.testing.TcpScript smtp = new org.hyakuyobako.testing.TcpScript(w, "10.0.0.6", 40001, "198.51.100.25", 25,
                    1_200_000_001_000_000_000L);
            smtp.server("220 mx ESMTP\r\n").client("EHLO " + "b".repeat(5_000) + "\r\n").server("250 ok\r\n")
                    .client("MAIL FROM:<a@b.example>\r\n").server("250 ok\r\n").client("RCPT TO:<c@d.example>\r\n")
                    .server("250 ok\r\n").client("DATA\r\n").server("354 go\r\n").client("Subject: hi\r\n\r\nbody\r\n.\r\n")
                    .server("250 queued\r\n");
            smtp.close();
        }
        EventCollector out = Pipelines.run(List.of(capture), a -> Detectors.addDefaults(a, Pipelines.options()));
        List<String> weirds = out.of(org.hyakuyobako.event.WeirdEvent.class).stream().map(org.hyakuyobako.event.WeirdEvent::name).toList();
        assertTrue(weirds.contains("smtp_line_too_long"), weirds.toString());
        assertTrue(out.of(HttpEvent.class).stream().anyMatch(h -> "/next.exe".equals(h.url()) && h.executable()
                && "<script>x</script>".equals(h.hostname())), out.of(HttpEvent.class).toString());
        SmtpEvent mail = out.of(SmtpEvent.class).get(0);
        assertEquals("a@b.example", mail.mailFrom());
        assertEquals(4_096 - "EHLO ".length(), mail.helo().length(), "the EHLO argument as far as the 4,096-byte line holds it");
        assertEquals("250 queued", mail.lastReply());
    }

    /**
     * Zeek's tunnel.log for the CONNECT trace: the proxy connection is discovered as an HTTP tunnel.
     * Ours: on the same connection (originator, proxy and its port) an accepted CONNECT, and the
     * tunnelled protocol read inside it (the SMTP session).
     */
    @Test
    void connectTunnelAgreesWithZeeksTunnelLog() throws IOException {
        EventCollector out = analyse("zeek/http-connect-with-smtp.pcap", HomeNet.privateRanges());
        ZeekLog tunnels = ZeekLog.read(Corpus.file("zeek/http-connect-with-smtp.tunnel.log"));
        assertEquals(1, tunnels.rows().size());
        for (Map<String, String> t : tunnels.rows()) {
            assertEquals("Tunnel::HTTP", t.get("tunnel_type"));
            assertEquals("Tunnel::DISCOVER", t.get("action"));
            List<HttpEvent> connects = out.of(HttpEvent.class).stream().filter(h -> "CONNECT".equals(h.method())
                    && h.conn().srcIp().equals(t.get("id.orig_h")) && h.conn().destIp().equals(t.get("id.resp_h"))
                    && h.conn().destPort() == Integer.parseInt(t.get("id.resp_p"))).toList();
            assertEquals(1, connects.size(), "one CONNECT on the tunnel's connection: " + out.of(HttpEvent.class));
            assertEquals(200, connects.get(0).status(), "the proxy accepted it: a tunnel, as Zeek discovered");
            // Parsed from bytes buffered before the protocol was known: stamped with the capture's time, not 0.
            assertTrue(connects.get(0).timestampNanos() > 1_000_000_000_000_000_000L, "timestamp " + connects.get(0).timestampNanos());
            long flow = connects.get(0).conn().flowId();
            assertEquals(1, out.of(SmtpEvent.class).stream().filter(m -> m.conn().flowId() == flow).count(),
                    "the tunnelled SMTP session read inside the tunnel");
        }
    }

    /**
     * Practical Packet Analysis' mail_sender_client_1: one ordinary mail from a client to its
     * server, read field by field, and no evidence of anything.
     */
    @Test
    void aMailSenderClientSendsOneOrdinaryMail() throws IOException {
        EventCollector out = analyse("ppa/mail_sender_client_1.pcapng", HomeNet.privateRanges());
        List<SmtpEvent> mails = out.of(SmtpEvent.class);
        assertEquals(1, mails.size(), mails.toString());
        SmtpEvent m = mails.get(0);
        assertEquals("172.16.16.225", m.conn().srcIp());
        assertEquals("172.16.16.221", m.conn().destIp());
        assertEquals(25, m.conn().destPort());
        assertEquals("sanders@skynet.local", m.mailFrom());
        assertEquals(List.of("sanders@cyberdyne.local"), m.rcptTo());
        assertEquals("Help!", m.subject());
        assertTrue(m.lastReply().startsWith("250 "), m.lastReply());
        assertEquals(List.of(), out.of(EvidenceEvent.class));
    }

    @Test
    void ordinaryMailIsNoSpam() throws IOException {
        for (String capture : List.of("zeek/smtp.pcap", "ndpi/smtp.pcap")) {
            assertEquals(List.of(), analyse(capture, HomeNet.privateRanges()).of(EvidenceEvent.class), capture);
        }
    }
}
