package org.hyakuyobako.generate;

import java.io.IOException;
import java.io.OutputStream;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.SplittableRandom;

/**
 * The bundled two-sensor example: two honeypots, each infected by the same IRC bot, seen for
 * about ten minutes in April 2008 (the period of seed 002's CCC DATASET).
 *
 * <p>What a user should find in it: background scans from the Internet against both honeypots;
 * both bots resolving and joining the same IRC C&C (192.0.2.66:6667, channel #hp with a command
 * in its topic); the same PRIVMSG command reaching both bots within a second; and both bots then
 * sweeping the same /24 on TCP/445 in step, three times (a fourth-octet sweep, MSBlaster style). Sensor A is
 * written as pcap (microseconds), sensor B as pcapng (nanoseconds), so the example also shows the
 * merge of formats on packet time.
 */
public final class ExampleScenario {
    static final long T0 = 1_209_369_600_000_000_000L; // 2008-04-28 08:00:00 UTC
    static final long SECOND = 1_000_000_000L;

    private static final int HONEYPOT_A = ip(203, 0, 113, 10);
    private static final int HONEYPOT_B = ip(198, 51, 100, 20);
    private static final int CNC = ip(192, 0, 2, 66);
    private static final int RESOLVER = ip(192, 0, 2, 53);

    private record Packet(long time, byte[] frame) {
    }

    private final SplittableRandom random = new SplittableRandom(2008);
    private final FrameBuilder fb = new FrameBuilder();

    private static int ip(int a, int b, int c, int d) {
        return (a << 24) | (b << 16) | (c << 8) | d;
    }

    /** Writes {@code honeypot-a.pcap} and {@code honeypot-b.pcapng} into {@code dir}. */
    public void write(Path dir) throws IOException {
        Files.createDirectories(dir);
        List<Packet> a = sensor(HONEYPOT_A, 0, 40_000);
        List<Packet> b = sensor(HONEYPOT_B, 137_000_000L, 41_000);
        try (OutputStream os = Files.newOutputStream(dir.resolve("honeypot-a.pcap"));
             PcapWriter w = new PcapWriter(os, 1, ByteOrder.LITTLE_ENDIAN, false, 65_535, false)) {
            for (Packet p : a) {
                w.write(p.time, p.frame, p.frame.length);
            }
        }
        try (OutputStream os = Files.newOutputStream(dir.resolve("honeypot-b.pcapng"));
             PcapngWriter w = new PcapngWriter(os, ByteOrder.BIG_ENDIAN)) {
            w.addInterface(1, 65_535, 9);
            for (Packet p : b) {
                w.writeEnhanced(0, p.time, p.frame, p.frame.length, p.frame.length);
            }
        }
    }

    /**
     * One honeypot's traffic.
     *
     * @param skew this sensor's small delay in receiving the shared C&C traffic
     * @param botPort the bot's local port towards the C&C
     */
    private List<Packet> sensor(int self, long skew, int botPort) {
        List<Packet> out = new ArrayList<>();
        backgroundScans(out, self);
        long t = T0 + 60 * SECOND + skew;
        // DNS: the bot resolves its C&C.
        byte[] query = dns("irc.example-cnc.net", false);
        byte[] answer = dns("irc.example-cnc.net", true);
        out.add(packet(t, fb.udp4(self, RESOLVER, 1053, 53, query, query.length)));
        out.add(packet(t + 30_000_000L, fb.udp4(RESOLVER, self, 53, 1053, answer, answer.length)));
        t += 100_000_000L;
        int seq = 1_000_000 + botPort;
        int srv = 7_000_000;
        // Handshake.
        out.add(packet(t, fb.tcp4(self, CNC, botPort, 6667, seq++, 0, FrameBuilder.SYN, 64_240, null, 0)));
        out.add(packet(t + 80_000_000L, fb.tcp4(CNC, self, 6667, botPort, srv++, seq, FrameBuilder.SYN | FrameBuilder.ACK, 65_535, null, 0)));
        out.add(packet(t + 81_000_000L, fb.tcp4(self, CNC, botPort, 6667, seq, srv, FrameBuilder.ACK, 64_240, null, 0)));
        String nick = self == HONEYPOT_A ? "JPN|425015894" : "JPN|118830271";
        long[] clock = {t + 90_000_000L};
        int[] s = {seq, srv};
        send(out, clock, s, self, botPort, true, "PASS letmein\r\nNICK " + nick + "\r\nUSER x 0 0 :x\r\n");
        send(out, clock, s, self, botPort, false, ":irc.example-cnc.net 001 " + nick + " :Welcome\r\n");
        send(out, clock, s, self, botPort, true, "JOIN #hp hpkey\r\n");
        send(out, clock, s, self, botPort, false, ":irc.example-cnc.net 332 " + nick
                + " #hp :.advscan dcom135 200 0 0 -r -s\r\n");
        // Keep-alives every 90 s, and at T0+245, 335 and 425 s the same command reaches both bots.
        for (int i = 1; i <= 5; i++) {
            clock[0] = T0 + (60 + 90L * i) * SECOND + skew;
            send(out, clock, s, self, botPort, false, "PING :irc.example-cnc.net\r\n");
            send(out, clock, s, self, botPort, true, "PONG :irc.example-cnc.net\r\n");
            if (i >= 2 && i <= 4) {
                long at = 65 + 90L * i;
                String net = "198.18." + (5 + i);
                clock[0] = T0 + at * SECOND + skew;
                send(out, clock, s, self, botPort, false, ":boss!b@192.0.2.99 PRIVMSG #hp :.advscan netapi 100 5 0 " + net + ".x -s\r\n");
                send(out, clock, s, self, botPort, true, "PRIVMSG #hp :[SCAN]: Random Port Scan started on " + net
                        + ".x:445 with a delay of 5 seconds\r\n");
                sweep(out, self, 5 + i, T0 + (at + 1) * SECOND + skew);
            }
        }
        out.sort(Comparator.comparingLong(Packet::time));
        return out;
    }

    /** Internet background radiation: SYN probes from many sources, some answered. */
    private void backgroundScans(List<Packet> out, int self) {
        int[] ports = {445, 135, 139, 1433, 22, 23, 80, 3389};
        for (int i = 0; i < 300; i++) {
            long t = T0 + (long) (random.nextDouble() * 600 * SECOND);
            int src = ip(1 + random.nextInt(222), random.nextInt(256), random.nextInt(256), 1 + random.nextInt(254));
            int port = ports[random.nextInt(ports.length)];
            int sport = 1024 + random.nextInt(60_000);
            int seq = random.nextInt();
            out.add(packet(t, fb.tcp4(src, self, sport, port, seq, 0, FrameBuilder.SYN, 8192, null, 0)));
            if (port == 445 || port == 135) {
                out.add(packet(t + 300_000, fb.tcp4(self, src, port, sport, 55, seq + 1, FrameBuilder.SYN | FrameBuilder.ACK, 65_535, null, 0)));
                out.add(packet(t + 90_000_000L, fb.tcp4(src, self, sport, port, seq + 1, 56, FrameBuilder.RST, 0, null, 0)));
            } else {
                out.add(packet(t + 300_000, fb.tcp4(self, src, port, sport, 0, seq + 1, FrameBuilder.RST | FrameBuilder.ACK, 0, null, 0)));
            }
        }
    }

    /** The bot's reaction: TCP/445 probes to 198.18.N.1-254, one every 20 ms, fourth octet counting up. */
    private void sweep(List<Packet> out, int self, int third, long start) {
        for (int host = 1; host <= 254; host++) {
            long t = start + host * 20_000_000L;
            int target = ip(198, 18, third, host);
            out.add(packet(t, fb.tcp4(self, target, 30_000 + host, 445, 1_000 * host, 0, FrameBuilder.SYN, 64_240, null, 0)));
        }
    }

    private void send(List<Packet> out, long[] clock, int[] seqs, int self, int botPort, boolean fromBot, String line) {
        byte[] payload = line.getBytes(StandardCharsets.ISO_8859_1);
        long t = clock[0];
        if (fromBot) {
            out.add(packet(t, fb.tcp4(self, CNC, botPort, 6667, seqs[0], seqs[1], FrameBuilder.PSH | FrameBuilder.ACK, 64_240, payload, payload.length)));
            seqs[0] += payload.length;
            out.add(packet(t + 80_000_000L, fb.tcp4(CNC, self, 6667, botPort, seqs[1], seqs[0], FrameBuilder.ACK, 65_535, null, 0)));
        } else {
            out.add(packet(t, fb.tcp4(CNC, self, 6667, botPort, seqs[1], seqs[0], FrameBuilder.PSH | FrameBuilder.ACK, 65_535, payload, payload.length)));
            seqs[1] += payload.length;
            out.add(packet(t + 1_000_000L, fb.tcp4(self, CNC, botPort, 6667, seqs[0], seqs[1], FrameBuilder.ACK, 64_240, null, 0)));
        }
        clock[0] = t + 150_000_000L;
    }

    /** A DNS query for an A record, or its answer pointing at the C&C. */
    private static byte[] dns(String name, boolean answer) {
        return DnsMessages.message(0x1234, name, DnsMessages.TYPE_A, answer, new byte[] {(byte) 192, 0, 2, 66});
    }

    private Packet packet(long time, int length) {
        return new Packet(time, java.util.Arrays.copyOf(fb.frame(), length));
    }
}
