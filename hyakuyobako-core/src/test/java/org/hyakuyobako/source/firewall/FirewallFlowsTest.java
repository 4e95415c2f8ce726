package org.hyakuyobako.source.firewall;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import org.hyakuyobako.flow.FlowRecord;
import org.junit.jupiter.api.Test;

/** Built and Teardown joined into connections, with the initiator found and NAT kept. */
class FirewallFlowsTest {
    static List<FirewallFlow> flows(String log) throws IOException {
        List<FirewallFlow> out = new ArrayList<>();
        FirewallFlows flows = new FirewallFlows(out::add);
        new AsaSyslogReader(flows::accept, p -> {
            throw new AssertionError(p);
        }).read(new ByteArrayInputStream(log.getBytes(StandardCharsets.ISO_8859_1)), "t", 2024);
        flows.finish();
        return out;
    }

    @Test
    void outboundAndInboundConnectionsWithNat() throws IOException {
        List<FirewallFlow> f = flows("""
                May 01 2024 10:00:00 fw1 : %ASA-6-302013: Built outbound TCP connection 9 for outside:93.184.216.34/80 (93.184.216.34/80) to inside:192.168.1.10/54321 (203.0.113.5/40001)
                May 01 2024 10:00:01 fw1 : %ASA-6-302013: Built inbound TCP connection 10 for outside:198.51.100.7/5555 (198.51.100.7/5555) to dmz:10.1.1.5/443 (203.0.113.9/443)
                May 01 2024 10:00:05 fw1 : %ASA-6-302014: Teardown TCP connection 9 for outside:93.184.216.34/80 to inside:192.168.1.10/54321 duration 0:00:05 bytes 1234 TCP FINs
                May 01 2024 10:10:00 fw1 : %ASA-6-302016: Teardown UDP connection 77 for outside:8.8.8.8/53 to inside:192.168.1.10/5353 duration 0:00:02 bytes 200
                """);
        assertEquals(3, f.size());
        FirewallFlow out = f.get(0);
        assertEquals("closed", out.state());
        assertEquals("192.168.1.10", out.initiator().ip(), "an outbound connection's second endpoint started it");
        assertEquals("203.0.113.5", out.initiator().mappedIp());
        assertEquals(40001, out.initiator().mappedPort());
        assertEquals("inside", out.initiator().iface());
        assertEquals("93.184.216.34", out.responder().ip());
        assertEquals(1234, out.bytes());
        assertEquals(5_000_000_000L, out.endNanos() - out.startNanos());
        assertEquals("TCP FINs", out.reason());
        FlowRecord r = out.toFlowRecord(1, 0);
        assertEquals("192.168.1.10", r.srcIp());
        assertEquals(54321, r.srcPort());
        assertEquals(80, r.destPort());
        assertEquals(1234, r.bytesToServer());
        FirewallFlow udp = f.get(1);
        assertEquals("torn-down", udp.state(), "its Built came before the log");
        assertEquals(2_000_000_000L, udp.endNanos() - udp.startNanos());
        FirewallFlow in = f.get(2);
        assertEquals("open", in.state());
        assertEquals("198.51.100.7", in.initiator().ip(), "an inbound connection's first endpoint started it");
        assertEquals("203.0.113.9", in.responder().mappedIp());
    }

    @Test
    void objectNamesGiveNoFlowRecord() throws IOException {
        List<FirewallFlow> f = flows("""
                Dec 11 2018 08:01:31 fw: %ASA-6-302013: Built outbound TCP connection 447236 for outside:192.168.2.222/1234 (192.168.2.222/1234) to dmz:OCSP_Server/5678 (OCSP_Server/5678)
                """);
        assertEquals(1, f.size());
        assertNull(f.get(0).toFlowRecord(1, 0));
    }
}
