package org.hyakuyobako.flow;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.Set;
import org.hyakuyobako.detect.Detectors;
import org.hyakuyobako.event.DnsEvent;
import org.hyakuyobako.event.EvidenceEvent;
import org.hyakuyobako.event.FlowEvent;
import org.hyakuyobako.event.HttpEvent;
import org.hyakuyobako.event.TlsEvent;
import org.hyakuyobako.testing.Captures;
import org.hyakuyobako.testing.Corpus;
import org.hyakuyobako.testing.EventCollector;
import org.hyakuyobako.testing.NdpiFlowLine;
import org.hyakuyobako.testing.PeerAgreement;
import org.hyakuyobako.testing.Pipelines;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * Per-flow packet and byte counts each way agree with nDPI's ndpiReader on the corpus captures
 * (bytes are frame bytes, as nDPI, Suricata and Argus count them).
 */
class NdpiAgreementTest {
    private static final Pattern FLOW = Pattern.compile(
            "^\\s+\\d+\\s+(\\w+) (\\S+?):(\\d+) <?-> (\\S+?):(\\d+) .*?\\[(\\d+) pkts/(\\d+) bytes <?-> (\\d+) pkts/(\\d+) bytes\\]");

    /** Endpoint "address:port" (port 0 for ICMP) to {packets, bytes} sent. */
    private record Sides(Map<String, long[]> sent) {
    }

    private static String key(String proto, String a, int pa, String b, int pb) {
        String x = a + ":" + pa;
        String y = b + ":" + pb;
        return proto + " " + (x.compareTo(y) < 0 ? x + " " + y : y + " " + x);
    }

    private static Map<String, Sides> expected(Path ndpiOut) throws IOException {
        Map<String, Sides> flows = new HashMap<>();
        for (String line : Files.readAllLines(ndpiOut)) {
            Matcher m = FLOW.matcher(line);
            if (!m.find()) {
                continue;
            }
            String proto = m.group(1);
            boolean ports = proto.equals("TCP") || proto.equals("UDP");
            String a = strip(m.group(2));
            String b = strip(m.group(4));
            int pa = ports ? Integer.parseInt(m.group(3)) : 0;
            int pb = ports ? Integer.parseInt(m.group(5)) : 0;
            Map<String, long[]> sent = new HashMap<>();
            sent.put(a + ":" + pa, new long[] {Long.parseLong(m.group(6)), Long.parseLong(m.group(7))});
            sent.put(b + ":" + pb, new long[] {Long.parseLong(m.group(8)), Long.parseLong(m.group(9))});
            flows.put(key(proto, a, pa, b, pb), new Sides(sent));
        }
        return flows;
    }

    private static String strip(String address) {
        return address.startsWith("[") ? address.substring(1, address.length() - 1) : address;
    }

    /** Our flows, summed per 5-tuple (nDPI does not split a tuple's flows at TCP close). */
    private static Map<String, Sides> ours(Path pcap) throws IOException {
        Map<String, Sides> flows = new HashMap<>();
        for (FlowRecord f : Captures.flows(pcap, FlowConfig.DEFAULT)) {
            String proto = switch (f.protoName()) {
                case "IPv6-ICMP" -> "ICMP";
                default -> f.protoName();
            };
            boolean ports = proto.equals("TCP") || proto.equals("UDP");
            int sp = ports ? f.srcPort() : 0;
            int dp = ports ? f.destPort() : 0;
            Sides s = flows.computeIfAbsent(key(proto, f.srcIp(), sp, f.destIp(), dp), k -> new Sides(new HashMap<>()));
            add(s, f.srcIp() + ":" + sp, f.pktsToServer(), f.bytesToServer());
            add(s, f.destIp() + ":" + dp, f.pktsToClient(), f.bytesToClient());
        }
        return flows;
    }

    private static void add(Sides s, String endpoint, long packets, long bytes) {
        long[] v = s.sent().computeIfAbsent(endpoint, k -> new long[2]);
        v[0] += packets;
        v[1] += bytes;
    }

    @ParameterizedTest(name = "{0}")
    @ValueSource(strings = {"ndpi/tcp_scan.pcapng", "ndpi/synscan.pcap", "ndpi/emotet.pcap", "ndpi/smtp.pcap", "ndpi/malware.pcap",
        "ndpi/exe_download.pcap", "ndpi/http_connect.pcap", "ndpi/bad-dns-traffic.pcap", "arkime/irc.pcap"})
    void flowCountsAgreeWithNdpi(String name) throws IOException {
        Path pcap = Corpus.file(name);
        Map<String, Sides> expected = expected(Corpus.file(name + ".ndpiReader.out"));
        Map<String, Sides> ours = ours(pcap);
        assertTrue(expected.size() > 0, "parsed nDPI's expectation");
        assertEquals(expected.keySet(), ours.keySet(), "the same flows");
        for (Map.Entry<String, Sides> e : expected.entrySet()) {
            Sides mine = ours.get(e.getKey());
            for (Map.Entry<String, long[]> side : e.getValue().sent().entrySet()) {
                long[] got = mine.sent().getOrDefault(side.getKey(), new long[2]);
                assertEquals(List.of(side.getValue()[0], side.getValue()[1]), List.of(got[0], got[1]),
                        e.getKey() + " sent by " + side.getKey() + " (packets, bytes)");
            }
        }
    }

    /** nDPI's protocol names that are ours too (lower case); others we do not identify and call unknown. */
    private static String ndpiProtocol(NdpiFlowLine n) {
        // A protocol nDPI only guessed from the port is no identification: a SYN to 5900 is not VNC.
        if (!n.fields().getOrDefault("Confidence", "").startsWith("DPI")) {
            return "unknown";
        }
        String master = n.protocol().split("\\.")[0].toLowerCase(java.util.Locale.ROOT);
        return master.equals("unknown") ? "unknown" : master;
    }

    /** What we say about one connection (client and server endpoint), from every event of a full run. */
    private record Ours(String protocol, String hostname, boolean unidirectional, boolean dgaEvidence) {
    }

    private static Map<String, Ours> ours(EventCollector out) {
        Map<String, Ours> byConnection = new HashMap<>();
        Map<String, String> names = new HashMap<>();
        for (TlsEvent t : out.of(TlsEvent.class)) {
            names.putIfAbsent(connection(t.conn()), t.sni());
        }
        for (HttpEvent h : out.of(HttpEvent.class)) {
            names.putIfAbsent(connection(h.conn()), h.hostname());
        }
        for (DnsEvent d : out.of(DnsEvent.class)) {
            if (d.query()) {
                names.putIfAbsent(connection(d.conn()), d.rrname());
            }
        }
        Set<String> dga = new HashSet<>();
        out.of(EvidenceEvent.class).stream().filter(e -> e.method().equals("dns")).forEach(e -> dga.add(e.host()));
        for (FlowEvent fe : out.of(FlowEvent.class)) {
            FlowRecord f = fe.flow();
            String c = f.srcIp() + ":" + f.srcPort() + " " + f.destIp() + ":" + f.destPort();
            Ours before = byConnection.get(c);
            String proto = f.appProto() == null ? "unknown" : f.appProto();
            if (before != null && !before.protocol().equals("unknown")) {
                proto = before.protocol();
            }
            boolean oneWay = f.pktsToClient() == 0 && (before == null || before.unidirectional());
            byConnection.put(c, new Ours(proto, names.get(c), oneWay, dga.contains(f.srcIp())));
        }
        return byConnection;
    }

    private static String connection(org.hyakuyobako.event.ConnectionRef c) {
        return c.srcIp() + ":" + c.srcPort() + " " + c.destIp() + ":" + c.destPort();
    }

    /**
     * Beyond counts: per flow nDPI lists, the application protocol (where nDPI identified it by its
     * payload), the server name (TLS SNI, HTTP Host, DNS query) and two of its risks we can say
     * ourselves: Unidirectional Traffic (the responder sent nothing) and Susp DGA Domain name (our
     * dns evidence). Other risks are listed, not compared. Printed per capture and in total, held
     * by a floor measured 2026-12-07 (issue 29) that may only rise.
     *
     * <p>Mutations this test catches (tried, failed, restored): SNI dropped from tls events; the
     * application protocol not recorded on flows (FlowRecord appProto null).
     */
    @Test
    void protocolHostnameAndRisksAgreeWithNdpi() throws IOException {
        PeerAgreement peer = new PeerAgreement("nDPI (cases = flows, fields = protocol, name, risks)");
        Map<String, Integer> notCompared = new java.util.TreeMap<>();
        for (String name : List.of("ndpi/tcp_scan.pcapng", "ndpi/synscan.pcap", "ndpi/emotet.pcap", "ndpi/smtp.pcap", "ndpi/malware.pcap",
                "ndpi/exe_download.pcap", "ndpi/http_connect.pcap", "ndpi/bad-dns-traffic.pcap", "arkime/irc.pcap")) {
            EventCollector out = Pipelines.run(List.of(Corpus.file(name)), a -> Detectors.addDefaults(a, Pipelines.options()));
            Map<String, Ours> ours = ours(out);
            for (NdpiFlowLine n : NdpiFlowLine.read(Corpus.file(name + ".ndpiReader.out"))) {
                if (!n.transport().equals("TCP") && !n.transport().equals("UDP")) {
                    continue;
                }
                String c = n.client() + ":" + n.clientPort() + " " + n.server() + ":" + n.serverPort();
                Ours o = ours.getOrDefault(c, ours.get(n.server() + ":" + n.serverPort() + " " + n.client() + ":" + n.clientPort()));
                List<String> differ = new ArrayList<>();
                int compared = 0;
                int agree = 0;
                String[][] fields = {
                    {"protocol", ndpiProtocol(n), o == null ? null : o.protocol()},
                    {"name", n.hostname(), o == null ? null : o.hostname()},
                    {"Unidirectional Traffic", Boolean.toString(n.risks().contains("Unidirectional Traffic")),
                        o == null ? null : Boolean.toString(o.unidirectional())},
                };
                for (String[] f : fields) {
                    if (f[0].equals("name") && f[1] == null && (f[2] == null || f[2].isEmpty())) {
                        continue;
                    }
                    compared++;
                    if (java.util.Objects.equals(f[1], f[2])) {
                        agree++;
                    } else {
                        differ.add(f[0] + " " + f[1] + " (ours " + f[2] + ")");
                    }
                }
                if (ndpiProtocol(n).equals("dns")) {
                    boolean ndpiDga = n.risks().contains("Susp DGA Domain name");
                    compared++;
                    if (o != null && o.dgaEvidence() == ndpiDga) {
                        agree++;
                    } else {
                        differ.add("Susp DGA Domain name " + ndpiDga + " (ours " + (o == null ? null : o.dgaEvidence()) + ")");
                    }
                }
                n.risks().stream().filter(r -> !r.equals("Unidirectional Traffic") && !r.equals("Susp DGA Domain name"))
                        .forEach(r -> notCompared.merge(r, 1, Integer::sum));
                peer.add(name + " " + c, compared, agree, (o == null ? "no such flow of ours; " : "") + differ);
            }
        }
        peer.print();
        System.out.println("nDPI risks not compared (no counterpart of ours): " + notCompared);
        assertTrue(peer.cases() >= 2000, "every nDPI flow line read: " + peer.cases());
        assertTrue(peer.casesAgreeing() >= FLOOR_FLOWS, "flows agreeing " + peer.casesAgreeing() + ", below the floor " + FLOOR_FLOWS);
        assertTrue(peer.fieldsAgreeing() >= FLOOR_FIELDS, "fields agreeing " + peer.fieldsAgreeing() + ", below the floor " + FLOOR_FIELDS);
    }

    /** Floors measured when set: they may only rise. */
    private static final int FLOOR_FLOWS = 2013;
    private static final int FLOOR_FIELDS = 4052;
}
