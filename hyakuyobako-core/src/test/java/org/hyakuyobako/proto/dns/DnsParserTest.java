package org.hyakuyobako.proto.dns;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.nio.file.Path;
import java.util.List;
import org.hyakuyobako.decode.IpAddresses;
import org.hyakuyobako.detect.Detectors;
import org.hyakuyobako.event.DnsEvent;
import org.hyakuyobako.event.WeirdEvent;
import org.hyakuyobako.generate.FrameBuilder;
import org.hyakuyobako.generate.PcapWriter;
import org.hyakuyobako.testing.EventCollector;
import org.hyakuyobako.testing.Pipelines;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.xbill.DNS.DClass;
import org.xbill.DNS.Message;
import org.xbill.DNS.Name;
import org.xbill.DNS.Record;
import org.xbill.DNS.Type;

/** Hostile DNS: a compression pointer that points at itself, a truncated message; parsing goes on after them. */
class DnsParserTest {
    @TempDir
    Path dir;

    @Test
    void pointerLoopsAndTruncationAreWeirdsAndParsingGoesOn() throws Exception {
        Path capture = dir.resolve("hostile-dns.pcap");
        FrameBuilder f = new FrameBuilder();
        int client = IpAddresses.parseV4("10.0.0.9");
        int resolver = IpAddresses.parseV4("192.0.2.53");
        // Header: id 1, one question; the name is a pointer to offset 12, which is itself.
        byte[] loop = {0, 1, 1, 0, 0, 1, 0, 0, 0, 0, 0, 0, (byte) 0xC0, 12, 0, 1, 0, 1};
        byte[] truncated = {0, 2, 1, 0, 0, 1, 0, 0, 0, 0, 0, 0, 7, 'e', 'x', 'a'};
        byte[] good = Message.newQuery(Record.newRecord(Name.fromString("example.org."), Type.A, DClass.IN)).toWire();
        long t = 1_200_000_000_000_000_000L;
        try (PcapWriter w = new PcapWriter(capture, 1)) {
            for (byte[] m : List.of(loop, truncated, good)) {
                int n = f.udp4(client, resolver, 5353, 53, m, m.length);
                t += 1_000_000L;
                w.write(t, f.frame(), n, n);
            }
        }
        EventCollector out = Pipelines.run(List.of(capture), a -> Detectors.addDefaults(a, Pipelines.options()));
        assertEquals(2, out.of(WeirdEvent.class).stream().filter(x -> x.name().equals("dns_malformed")).count(),
                out.of(WeirdEvent.class).toString());
        List<DnsEvent> dns = out.of(DnsEvent.class);
        assertEquals(1, dns.size());
        assertEquals("example.org", dns.get(0).rrname());
    }
}
