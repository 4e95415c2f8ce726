package org.hyakuyobako.detect.blacklist;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.io.OutputStream;
import java.net.DatagramPacket;
import java.net.DatagramSocket;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.ByteOrder;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Arrays;
import java.util.List;
import java.util.concurrent.atomic.AtomicInteger;
import org.hyakuyobako.detect.Detectors;
import org.hyakuyobako.event.EvidenceEvent;
import org.hyakuyobako.generate.FrameBuilder;
import org.hyakuyobako.generate.PcapWriter;
import org.hyakuyobako.testing.Captures;
import org.hyakuyobako.testing.EventCollector;
import org.hyakuyobako.testing.Pipelines;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.xbill.DNS.ARecord;
import org.xbill.DNS.Flags;
import org.xbill.DNS.Message;
import org.xbill.DNS.Rcode;
import org.xbill.DNS.Record;
import org.xbill.DNS.Section;

/** DNSBL look-ups against a small DNS server this test starts on 127.0.0.1. */
class DnsblTest {
    @TempDir
    Path dir;

    /** Answers "2.2.0.192.dnsbl.test." (192.0.2.2) with 127.0.0.2 (listed); NXDOMAIN for everything else. */
    static final class TinyDnsbl implements AutoCloseable {
        final DatagramSocket socket = new DatagramSocket(0, InetAddress.getLoopbackAddress());
        final AtomicInteger queries = new AtomicInteger();
        final Thread thread;

        TinyDnsbl() throws IOException {
            thread = new Thread(this::serve, "tiny-dnsbl");
            thread.setDaemon(true);
            thread.start();
        }

        private void serve() {
            byte[] buf = new byte[512];
            while (!socket.isClosed()) {
                try {
                    DatagramPacket in = new DatagramPacket(buf, buf.length);
                    socket.receive(in);
                    queries.incrementAndGet();
                    Message q = new Message(Arrays.copyOf(in.getData(), in.getLength()));
                    Message a = new Message(q.getHeader().getID());
                    a.getHeader().setFlag(Flags.QR);
                    Record question = q.getQuestion();
                    a.addRecord(question, Section.QUESTION);
                    if (question.getName().toString().equals("2.2.0.192.dnsbl.test.")) {
                        a.addRecord(new ARecord(question.getName(), question.getDClass(), 60,
                                InetAddress.getByName("127.0.0.2")), Section.ANSWER);
                    } else {
                        a.getHeader().setRcode(Rcode.NXDOMAIN);
                    }
                    byte[] out = a.toWire();
                    socket.send(new DatagramPacket(out, out.length, in.getSocketAddress()));
                } catch (IOException e) {
                    return;
                }
            }
        }

        int port() {
            return socket.getLocalPort();
        }

        @Override
        public void close() {
            socket.close();
        }
    }

    @Test
    void listedPeersBecomeEvidenceAndEachAddressIsAskedOnce() throws Exception {
        Path pcap = dir.resolve("peers.pcap");
        FrameBuilder fb = new FrameBuilder();
        int host = Captures.ip("10.0.0.5");
        try (OutputStream os = Files.newOutputStream(pcap);
             PcapWriter w = new PcapWriter(os, 1, ByteOrder.LITTLE_ENDIAN, false, 65_535, false)) {
            long t = 1_209_369_600_000_000_000L;
            for (String peer : List.of("192.0.2.2", "192.0.2.3", "192.0.2.2")) {
                t += 120_000_000_000L;
                w.write(t, fb.frame(), fb.udp4(host, Captures.ip(peer), 5000, 4000, null, 10));
            }
        }
        try (TinyDnsbl server = new TinyDnsbl()) {
            Blacklists lists = new Blacklists();
            lists.dnsbl = new DnsblChecker(List.of("dnsbl.test"), new InetSocketAddress(InetAddress.getLoopbackAddress(),
                    server.port()), Duration.ofSeconds(2), 100, 1000);
            EventCollector out = Pipelines.run(List.of(pcap), a -> Detectors.addDefaults(a, Pipelines.options(), lists));
            List<EvidenceEvent> evidence = out.of(EvidenceEvent.class);
            assertEquals(1, evidence.size(), evidence + " queries " + lists.dnsbl.queries() + " failures "
                    + lists.dnsbl.failures() + " served " + server.queries.get());
            EvidenceEvent e = evidence.get(0);
            assertEquals("10.0.0.5", e.host());
            assertEquals("192.0.2.2", e.peer());
            assertTrue(e.summary().contains("listed by DNSBL dnsbl.test (127.0.0.2"), e.summary());
            assertEquals(2, server.queries.get(), "two distinct peers, two queries");
            assertEquals(2, lists.dnsbl.queries());
        }
    }

    @Test
    void anUnreachableServerMeansUnknownNotListed() throws Exception {
        DatagramSocket silent = new DatagramSocket(0, InetAddress.getLoopbackAddress());
        try {
            DnsblChecker checker = new DnsblChecker(List.of("dnsbl.test"), new InetSocketAddress(InetAddress.getLoopbackAddress(),
                    silent.getLocalPort()), Duration.ofMillis(200), 100, 10);
            assertEquals(List.of(), checker.check("192.0.2.2"));
            assertEquals(1, checker.failures());
        } finally {
            silent.close();
        }
    }
}
