package org.hyakuyobako.detect;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.List;
import org.hyakuyobako.correlate.CorrelationConfig;
import org.hyakuyobako.correlate.Correlator;
import org.hyakuyobako.decode.IpAddresses;
import org.hyakuyobako.event.EvidenceEvent;
import org.hyakuyobako.event.VerdictEvent;
import org.hyakuyobako.generate.FrameBuilder;
import org.hyakuyobako.generate.PcapWriter;
import org.hyakuyobako.testing.EventCollector;
import org.hyakuyobako.testing.Pipelines;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.xbill.DNS.ARecord;
import org.xbill.DNS.DClass;
import org.xbill.DNS.Flags;
import org.xbill.DNS.Message;
import org.xbill.DNS.Name;
import org.xbill.DNS.Record;
import org.xbill.DNS.Section;
import org.xbill.DNS.Type;

/**
 * Seed 000's infection as BotHunter's dialog: an exploit comes in on 445, the victim fetches
 * msblast.exe over TFTP, then resolves its C&C's dynamic-DNS name. Each step alone is weak; the
 * three stages together make the host infected.
 */
class InfectionDialogTest {
    static final long MS = 1_000_000L;

    @TempDir
    Path dir;

    @Test
    void exploitThenTftpThenDynamicDnsIsAnInfection() throws Exception {
        Path capture = dir.resolve("dialog.pcap");
        FrameBuilder f = new FrameBuilder();
        int victim = IpAddresses.parseV4("10.0.0.20");
        int attacker = IpAddresses.parseV4("198.51.100.66");
        int resolver = IpAddresses.parseV4("10.0.0.53");
        long t = 1_200_000_000_000_000_000L;
        try (PcapWriter w = new PcapWriter(capture, 1)) {
            byte[] exploit = new byte[400];
            java.util.Arrays.fill(exploit, (byte) 0x90);
            int n = f.tcp4(attacker, victim, 4444, 445, 1000, 0, FrameBuilder.SYN, 8192, null, 0);
            w.write(t, f.frame(), n, n);
            n = f.tcp4(victim, attacker, 445, 4444, 5000, 1001, FrameBuilder.SYN | FrameBuilder.ACK, 8192, null, 0);
            w.write(t + MS, f.frame(), n, n);
            n = f.tcp4(attacker, victim, 4444, 445, 1001, 5001, FrameBuilder.ACK | FrameBuilder.PSH, 8192, exploit, exploit.length);
            w.write(t + 2 * MS, f.frame(), n, n);
            n = f.tcp4(victim, attacker, 445, 4444, 5001, 1401, FrameBuilder.ACK, 8192, null, 0);
            w.write(t + 3 * MS, f.frame(), n, n);
            byte[] rrq = "\u0000\u0001msblast.exe\u0000octet\u0000".getBytes(StandardCharsets.ISO_8859_1);
            n = f.udp4(victim, attacker, 2049, 69, rrq, rrq.length);
            w.write(t + 2_000 * MS, f.frame(), n, n);
            for (int i = 0; i < 2; i++) {
                Message q = Message.newQuery(Record.newRecord(Name.fromString("bot7.no-ip.org."), Type.A, DClass.IN));
                q.getHeader().setID(77 + i);
                byte[] query = q.toWire();
                n = f.udp4(victim, resolver, 3000 + i, 53, query, query.length);
                w.write(t + (5_000 + 60_000L * i) * MS, f.frame(), n, n);
                Message a = q.clone();
                a.getHeader().setFlag(Flags.QR);
                a.addRecord(new ARecord(Name.fromString("bot7.no-ip.org."), DClass.IN, 60,
                        java.net.InetAddress.getByName("203.0.113." + (10 + i))), Section.ANSWER);
                byte[] answer = a.toWire();
                n = f.udp4(resolver, victim, 53, 3000 + i, answer, answer.length);
                w.write(t + (5_000 + 60_000L * i + 20) * MS, f.frame(), n, n);
            }
        }
        EventCollector out = Pipelines.run(List.of(capture), a -> {
            Detectors.addDefaults(a, Pipelines.options());
            Correlator.attach(a, CorrelationConfig.defaults());
        });
        List<String> evidence = out.of(EvidenceEvent.class).stream().map(e -> e.method() + " " + e.score() + " " + e.summary()).toList();
        assertTrue(evidence.contains("exploit 0.4 is attacked on tcp/445 by 198.51.100.66: 400 bytes delivered"), evidence.toString());
        assertTrue(evidence.contains("download 0.7 fetches msblast.exe from 198.51.100.66 over TFTP, an executable"), evidence.toString());
        assertTrue(evidence.contains("dns 0.3 resolves bot7.no-ip.org, a dynamic-DNS name (no-ip.org)"), evidence.toString());
        assertTrue(evidence.stream().anyMatch(e -> e.startsWith("dns 0.5 resolves bot7.no-ip.org, a dynamic-DNS name (no-ip.org) whose address changed 1 times")),
                evidence.toString());
        VerdictEvent v = out.of(VerdictEvent.class).get(0);
        assertEquals("10.0.0.20", v.host());
        // Alone, the exploit attempt (0.4 × 0.5) would count for nothing: every honeypot sees those all day.
        // Here the code came from the attacker 2 s later: one story (issue 27), whose links are its stages.
        assertEquals(List.of("inbound", "download", "cnc"), v.stages());
        assertEquals("chain", v.evidence().get(0).method(), v.evidence().toString());
        assertEquals("198.51.100.66:69", v.evidence().get(0).peer(), "named by where the code came from");
        assertEquals("infected", v.verdict(), "a download and C&C contact, with the attack that preceded them: " + v.score());
    }
}
