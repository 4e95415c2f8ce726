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
import org.hyakuyobako.testing.Captures;
import org.hyakuyobako.testing.Corpus;
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
    @ValueSource(strings = {"tcp_scan.pcapng", "synscan.pcap", "emotet.pcap", "smtp.pcap", "malware.pcap",
        "exe_download.pcap", "http_connect.pcap", "bad-dns-traffic.pcap"})
    void flowCountsAgreeWithNdpi(String name) throws IOException {
        Path pcap = Corpus.file("ndpi/" + name);
        Map<String, Sides> expected = expected(Corpus.file("ndpi/" + name + ".ndpiReader.out"));
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
}
