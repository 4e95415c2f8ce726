package org.hyakuyobako.detect.dns;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.util.ArrayList;
import java.util.List;
import org.hyakuyobako.detect.Detectors;
import org.hyakuyobako.event.DnsEvent;
import org.hyakuyobako.event.Event;
import org.hyakuyobako.event.EvidenceEvent;
import org.hyakuyobako.testing.Corpus;
import org.hyakuyobako.testing.EventCollector;
import org.hyakuyobako.testing.Pipelines;
import org.junit.jupiter.api.Test;

/** DNS events (as Arkime and Suricata see them) and DNS anomalies (D7) on the corpus. */
class DnsAnomalyTest {
    private static EventCollector analyse(String capture) throws IOException {
        return Pipelines.run(List.of(Corpus.file(capture)), a -> Detectors.addDefaults(a, Pipelines.options()));
    }

    private static List<EvidenceEvent> dnsEvidence(EventCollector out) {
        return out.of(EvidenceEvent.class).stream().filter(e -> e.method().equals("dns")).toList();
    }

    /** Arkime's expectation beside arkime/dns-mx.pcap: the two MX answers of mx.com with their TTLs. */
    @Test
    void mxAnswerAgreesWithArkime() throws IOException {
        JsonNode expected = new ObjectMapper().readTree(Corpus.file("arkime/dns-mx.test.json").toFile())
                .at("/sessions3/0/body/dns/0/answers");
        List<String> arkime = new ArrayList<>();
        for (JsonNode a : expected) {
            if (a.get("type").asText().equals("MX")) {
                arkime.add(a.get("name").asText() + " " + a.get("priority").asInt() + " " + a.get("mx").asText() + " " + a.get("ttl").asInt());
            }
        }
        DnsEvent answer = analyse("arkime/dns-mx.pcap").of(DnsEvent.class).stream().filter(d -> !d.query()).findFirst().orElseThrow();
        assertEquals("MX", answer.rrtype());
        assertEquals("mx.com", answer.rrname());
        List<String> ours = answer.answers().stream().filter(a -> a.rrtype().equals("MX"))
                .map(a -> a.rrname() + " " + a.rdata().replaceAll("\\.$", "") + " " + a.ttl()).toList();
        assertEquals(arkime, ours);
    }

    /** nDPI's bad-dns-traffic.pcap: dnscat-style names under skullseclabs.org from 192.168.43.91. */
    @Test
    void dnsTunnelAndItsDomain() throws IOException {
        List<EvidenceEvent> e = dnsEvidence(analyse("ndpi/bad-dns-traffic.pcap"));
        assertEquals(1, e.size(), "the tunnel only: its MX look-ups are of one domain, no spam run: " + e);
        assertEquals("192.168.43.91", e.get(0).host());
        assertEquals("skullseclabs.org", e.get(0).peer());
        assertTrue(e.get(0).summary().startsWith("sends data through DNS: 20 distinct names under skullseclabs.org"), e.get(0).summary());
    }

    /** Chris Sanders' dns_axfr.pcapng: the length prefix and the query come in two segments. */
    @Test
    void zoneTransferAskedOverTcp() throws IOException {
        EventCollector out = analyse("ppa/dns_axfr.pcapng");
        assertTrue(out.of(DnsEvent.class).stream().anyMatch(d -> d.query() && d.rrtype().equals("AXFR") && d.proto().equals("TCP")));
        List<EvidenceEvent> e = dnsEvidence(out);
        assertEquals(1, e.size(), e.toString());
        assertEquals("172.16.16.164", e.get(0).host());
        assertEquals("asks 172.16.16.139 for a zone transfer (AXFR) of contoso.local", e.get(0).summary());
    }

    /** One MX look-up is what any mail client does: no finding (suricata-verify's dns-mx trace). */
    @Test
    void singleLookupsAreNoAnomaly() throws IOException {
        for (String capture : List.of("suricata-verify/dns-mx/dns-udp-google.com-a-aaaa-mx.pcap", "arkime/dns-mx.pcap",
                "ppa/dns_query_nonexistent.pcapng", "zeek/smtp.pcap")) {
            assertEquals(List.of(), dnsEvidence(analyse(capture)), capture);
        }
        assertEquals(6, analyse("suricata-verify/dns-mx/dns-udp-google.com-a-aaaa-mx.pcap").of(DnsEvent.class).size());
    }

    /** A spam bot's MX run, a DGA bot's NXDOMAIN run and a fast-flux name, written as a capture and read back. */
    @Test
    void mxBurstNxdomainBurstAndFastFlux(@org.junit.jupiter.api.io.TempDir java.nio.file.Path dir) throws Exception {
        java.nio.file.Path capture = dir.resolve("dns.pcap");
        org.hyakuyobako.generate.FrameBuilder f = new org.hyakuyobako.generate.FrameBuilder();
        int resolver = org.hyakuyobako.decode.IpAddresses.parseV4("192.0.2.53");
        long t = 1_200_000_000_000_000_000L;
        try (org.hyakuyobako.generate.PcapWriter w = new org.hyakuyobako.generate.PcapWriter(capture, 1)) {
            int id = 1;
            for (int i = 0; i < 8; i++) {       // 10.0.0.1: MX of eight mail domains in eight seconds
                t = exchange(w, f, "10.0.0.1", resolver, id++, "mail" + i + ".example" + i + ".com", org.xbill.DNS.Type.MX,
                        org.xbill.DNS.Rcode.NOERROR, null, t);
            }
            // 10.0.0.2: 25 names that do not exist, the first 20 from Conficker's list in the corpus (held back
            // from the model's training or not, all look generated), then five dictionary-like ones.
            List<String> conficker = java.nio.file.Files.readAllLines(Corpus.file("dga-andrewaeva/conficker_1000.txt")).stream()
                    .map(String::strip).filter(n -> n.split("\\.")[0].length() >= 8).limit(20).toList();
            for (int i = 0; i < 25; i++) {
                String name = i < 20 ? conficker.get(i) : "bluehouse" + i + "garden.net";
                t = exchange(w, f, "10.0.0.2", resolver, id++, name, org.xbill.DNS.Type.A, org.xbill.DNS.Rcode.NXDOMAIN, null, t);
            }
            for (int i = 0; i < 12; i++) {      // 10.0.0.3: one name, a new address in a new network each time, TTL 60
                t = exchange(w, f, "10.0.0.3", resolver, id++, "flux.example.biz", org.xbill.DNS.Type.A,
                        org.xbill.DNS.Rcode.NOERROR, (20 + 13 * i) + "." + (7 * i) + ".1.2", t);
            }
        }
        List<EvidenceEvent> e = dnsEvidence(Pipelines.run(List.of(capture), a -> Detectors.addDefaults(a, Pipelines.options())));
        assertEquals(5, e.size(), e.toString());
        assertTrue(e.stream().anyMatch(x -> x.host().equals("10.0.0.2") && x.summary().startsWith("looks up 10 generated-looking names")));
        assertTrue(e.stream().anyMatch(x -> x.host().equals("10.0.0.1") && x.summary().startsWith("looks up the mail servers (MX) of 5 domains")));
        assertTrue(e.stream().anyMatch(x -> x.host().equals("10.0.0.2") && x.summary().startsWith("asked for 20 names that do not exist")));
        assertTrue(e.stream().anyMatch(x -> x.host().equals("10.0.0.2") && x.score() == 0.7
                && x.summary().startsWith("asked for 5 generated-looking names that do not exist")), e.toString());
        assertTrue(e.stream().anyMatch(x -> x.host().equals("10.0.0.3") && x.peer().equals("flux.example.biz")
                && x.summary().contains("10 addresses in 10 networks with TTLs of at most 60 s")), e.toString());
    }

    /**
     * Fast flux is judged by networks as the bundled tables see them: a CDN name answered from many
     * /16s of one autonomous system is not a flux; a name spread over many ISPs and countries is,
     * and scores higher than one whose networks are only /16s.
     */
    @Test
    void fastFluxNeedsAnswersSpanningManyAutonomousSystems() {
        List<Event> out = new java.util.ArrayList<>();
        DnsAnomalyDetector d = new DnsAnomalyDetector(org.hyakuyobako.net.HomeNet.privateRanges(), List.of(), out::add);
        // Google (AS15169) from twelve different /16s: round robin of one network.
        List<String> google = List.of("8.8.8.8", "8.8.4.4", "142.250.1.1", "142.251.2.2", "172.217.3.3", "216.58.4.4",
                "74.125.5.5", "64.233.6.6", "173.194.7.7", "209.85.8.8", "108.177.9.9", "172.253.10.10");
        // One address in each of twelve ISPs of several countries (the kind a flux of infected home computers has).
        List<String> flux = List.of("1.1.1.1", "193.252.22.84", "138.197.147.101", "104.161.127.22", "8.8.8.8", "81.2.69.142",
                "5.255.255.5", "31.13.64.35", "41.76.108.46", "200.160.2.3", "202.12.27.33", "95.163.32.1");
        long t = 1_200_000_000_000_000_000L;
        for (int i = 0; i < 12; i++) {
            d.accept(answerA("10.0.0.4", "cdn.example.com", google.get(i), t + i));
            d.accept(answerA("10.0.0.5", "flux.example.biz", flux.get(i), t + i));
        }
        List<EvidenceEvent> e = out.stream().filter(x -> x instanceof EvidenceEvent).map(x -> (EvidenceEvent) x)
                .filter(x -> x.summary().contains("fast flux")).toList();
        assertEquals(1, e.size(), e.toString());
        assertEquals("10.0.0.5", e.get(0).host());
        assertEquals(0.6, e.get(0).score(), 1e-9);
        assertTrue(e.get(0).summary().contains("autonomous systems in"), e.get(0).summary());
    }

    private static DnsEvent answerA(String host, String name, String address, long at) {
        return new DnsEvent(at, new org.hyakuyobako.event.ConnectionRef(1, 0, "192.168.0.53", 53, host, 40000), "UDP", false, 1,
                name, "A", "NOERROR", List.of(new DnsEvent.Answer(name, "A", address, 60)), 0);
    }

    /** Seed 000's DNS profile: five look-ups every ten minutes for forty minutes, then a hundred in one. */
    @Test
    void aHostLeavingItsDnsProfile(@org.junit.jupiter.api.io.TempDir java.nio.file.Path dir) throws Exception {
        java.nio.file.Path capture = dir.resolve("profile.pcap");
        org.hyakuyobako.generate.FrameBuilder f = new org.hyakuyobako.generate.FrameBuilder();
        int resolver = org.hyakuyobako.decode.IpAddresses.parseV4("192.0.2.53");
        long start = 1_200_000_000_000_000_000L;
        try (org.hyakuyobako.generate.PcapWriter w = new org.hyakuyobako.generate.PcapWriter(capture, 1)) {
            int id = 1;
            for (int window = 0; window < 4; window++) {
                for (int i = 0; i < 5; i++) {
                    exchange(w, f, "10.0.0.4", resolver, id++, "site" + i + ".example.org", org.xbill.DNS.Type.A,
                            org.xbill.DNS.Rcode.NOERROR, "198.51.100." + (i + 1), start + (window * 600L + i * 100L) * 1_000_000_000L);
                }
            }
            for (int i = 0; i < 100; i++) {
                exchange(w, f, "10.0.0.4", resolver, id++, "mx" + i + ".example" + (i % 3) + ".org", org.xbill.DNS.Type.A,
                        org.xbill.DNS.Rcode.NOERROR, "198.51.100.200", start + 2_410L * 1_000_000_000L + i * 500_000_000L);
            }
        }
        List<EvidenceEvent> e = dnsEvidence(Pipelines.run(List.of(capture), a -> Detectors.addDefaults(a, Pipelines.options())));
        assertTrue(e.stream().anyMatch(x -> x.host().equals("10.0.0.4") && x.score() == 0.4
                && x.summary().startsWith("leaves its DNS profile: 50 queries for 50 names within 10 min, where it usually makes 5 queries")),
                e.toString());
    }

    private static long exchange(org.hyakuyobako.generate.PcapWriter w, org.hyakuyobako.generate.FrameBuilder f, String host,
                                 int resolver, int id, String name, int type, int rcode, String address, long t) throws Exception {
        org.xbill.DNS.Message q = org.xbill.DNS.Message.newQuery(org.xbill.DNS.Record.newRecord(
                org.xbill.DNS.Name.fromString(name + "."), type, org.xbill.DNS.DClass.IN));
        q.getHeader().setID(id);
        byte[] query = q.toWire();
        int client = org.hyakuyobako.decode.IpAddresses.parseV4(host);
        int n = f.udp4(client, resolver, 30000 + id, 53, query, query.length);
        w.write(t, f.frame(), n, n);
        org.xbill.DNS.Message a = q.clone();
        a.getHeader().setFlag(org.xbill.DNS.Flags.QR);
        a.getHeader().setRcode(rcode);
        if (address != null) {
            a.addRecord(new org.xbill.DNS.ARecord(org.xbill.DNS.Name.fromString(name + "."), org.xbill.DNS.DClass.IN, 60,
                    java.net.InetAddress.getByName(address)), org.xbill.DNS.Section.ANSWER);
        }
        byte[] answer = a.toWire();
        n = f.udp4(resolver, client, 53, 30000 + id, answer, answer.length);
        w.write(t + 20_000_000L, f.frame(), n, n);
        return t + 1_000_000_000L;
    }

    @Test
    void dynamicDnsProvidersAreBundledAndUsersAddTheirs(@org.junit.jupiter.api.io.TempDir java.nio.file.Path dir) throws Exception {
        DynamicDnsProviders p = DynamicDnsProviders.bundled();
        assertEquals("no-ip.org", p.providerOf("Bot7.NO-IP.org"));
        assertEquals(null, p.providerOf("no-ip.org"), "the provider's own name is not a customer's");
        assertEquals(null, p.providerOf("www.example.net"));
        java.nio.file.Path mine = dir.resolve("mine.txt");
        java.nio.file.Files.writeString(mine, "# ours\n.dyn.example.net  # a local provider\n");
        p.add(mine);
        assertEquals("dyn.example.net", p.providerOf("host1.dyn.example.net"));
    }

    @Test
    void registeredDomainsAndEntropy() {
        assertEquals("example.co.uk", RegisteredDomain.of("a.b.example.co.uk"));
        assertEquals("skullseclabs.org", RegisteredDomain.of("05e1.skullseclabs.org"));
        assertEquals("05e1", RegisteredDomain.subdomain("05e1.skullseclabs.org", "skullseclabs.org"));
        assertEquals(0.0, RegisteredDomain.entropy("aaaa"));
        assertEquals(2.0, RegisteredDomain.entropy("abcd"), 1e-9);
    }
}
