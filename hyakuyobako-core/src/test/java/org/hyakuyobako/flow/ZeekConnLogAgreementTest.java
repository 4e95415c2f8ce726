package org.hyakuyobako.flow;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.io.IOException;
import java.nio.file.Files;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import org.hyakuyobako.testing.Captures;
import org.hyakuyobako.testing.Corpus;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * Flow records agree with Zeek's conn.log baselines: originator (including the flipped case
 * without a SYN), duration, packets and IP bytes each way, sequence-based bytes, conn_state and
 * history.
 */
class ZeekConnLogAgreementTest {
    @ParameterizedTest(name = "{0}")
    @ValueSource(strings = {"http-connect-with-smtp", "http-on-irc-port-missing-syn", "irc-starttls"})
    void connLogFieldsAgree(String trace) throws IOException {
        String pcap = Files.exists(Corpus.root().resolve("zeek/" + trace + ".pcap")) ? trace + ".pcap" : trace + ".pcapng";
        List<String[]> expected = new ArrayList<>();
        String[] fields = null;
        for (String line : Files.readAllLines(Corpus.file("zeek/" + trace + ".conn.log"))) {
            if (line.startsWith("#fields")) {
                fields = Arrays.copyOfRange(line.split("\t"), 1, line.split("\t").length);
            } else if (!line.startsWith("#")) {
                expected.add(line.split("\t"));
            }
        }
        List<FlowRecord> ours = Captures.flows(Corpus.file("zeek/" + pcap), FlowConfig.DEFAULT);
        assertEquals(expected.size(), ours.size(), "one flow per conn.log line");
        List<String> names = Arrays.asList(fields);
        for (int i = 0; i < expected.size(); i++) {
            String[] z = expected.get(i);
            FlowRecord f = ours.get(i);
            assertEquals(z[names.indexOf("id.orig_h")], f.srcIp());
            assertEquals(Integer.parseInt(z[names.indexOf("id.orig_p")]), f.srcPort());
            assertEquals(z[names.indexOf("id.resp_h")], f.destIp());
            assertEquals(Integer.parseInt(z[names.indexOf("id.resp_p")]), f.destPort());
            assertEquals(z[names.indexOf("duration")], String.format("%.6f", f.durationNanos() / 1e9));
            assertEquals(Long.parseLong(z[names.indexOf("orig_bytes")]), f.origSeqBytes(), "orig_bytes");
            assertEquals(Long.parseLong(z[names.indexOf("resp_bytes")]), f.respSeqBytes(), "resp_bytes");
            assertEquals(z[names.indexOf("conn_state")], f.connState(), "conn_state");
            assertEquals(z[names.indexOf("history")], f.history(), "history");
            assertEquals(Long.parseLong(z[names.indexOf("orig_pkts")]), f.pktsToServer(), "orig_pkts");
            assertEquals(Long.parseLong(z[names.indexOf("orig_ip_bytes")]), f.origIpBytes(), "orig_ip_bytes");
            assertEquals(Long.parseLong(z[names.indexOf("resp_pkts")]), f.pktsToClient(), "resp_pkts");
            assertEquals(Long.parseLong(z[names.indexOf("resp_ip_bytes")]), f.respIpBytes(), "resp_ip_bytes");
        }
    }
}
