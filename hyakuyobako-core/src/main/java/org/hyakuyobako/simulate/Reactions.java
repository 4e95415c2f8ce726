package org.hyakuyobako.simulate;

import java.nio.charset.StandardCharsets;
import java.util.SplittableRandom;
import org.hyakuyobako.generate.DnsMessages;
import org.hyakuyobako.generate.FrameBuilder;

/** What bots do when commanded, and DNS look-ups: packets scheduled on a {@link Simulation}. */
final class Reactions {
    static final long MS = 1_000_000L;

    private Reactions() {
    }

    /** A fourth-octet sweep: SYNs to network.1, .2, ... every 30 ms; about a third answer with RST. */
    static void scan(Simulation sim, int sensor, int bot, int network, int port, int count, long t) {
        FrameBuilder f = sim.frames();
        for (int i = 1; i <= count; i++) {
            int target = network | i;
            long at = t + i * 30 * MS;
            int sport = 20_000 + i;
            sim.packet(at, sensor, f.tcp4(bot, target, sport, port, i * 7919, 0, FrameBuilder.SYN, 64_240, null, 0));
            if (Integer.remainderUnsigned(target * 0x9E3779B9, 3) == 0) {
                sim.packet(at + 40 * MS, sensor, f.tcp4(target, bot, port, sport, 0, i * 7919 + 1,
                        FrameBuilder.RST | FrameBuilder.ACK, 0, null, 0));
            }
        }
    }

    /** MX look-ups, then short SMTP sessions to rotating MTAs, a few hundred milliseconds apart. */
    static void spam(Simulation sim, int sensor, int bot, int resolver, int[] mtas, int first, int count, long t) {
        long at = dns(sim, sensor, bot, resolver, t, true);
        for (int i = 0; i < count; i++) {
            int mta = mtas[(first + i) % mtas.length];
            Tcp smtp = new Tcp(sim, sensor, bot, mta, 1025 + sim.random().nextInt(60_000), 25, 60 * MS);
            long s = smtp.open(at + 300 * MS * i);
            s = smtp.serverSends(s + 10 * MS, "220 mx ESMTP\r\n".getBytes(StandardCharsets.ISO_8859_1));
            s = smtp.clientSends(s + 5 * MS, "HELO bot\r\nMAIL FROM:<a@b.example>\r\nRCPT TO:<c@d.example>\r\nDATA\r\n"
                    .getBytes(StandardCharsets.ISO_8859_1));
            s = smtp.clientSends(s + 5 * MS, "Subject: deal\r\n\r\nbuy now\r\n.\r\nQUIT\r\n".getBytes(StandardCharsets.ISO_8859_1));
            s = smtp.serverSends(s + 10 * MS, "250 ok\r\n221 bye\r\n".getBytes(StandardCharsets.ISO_8859_1));
            smtp.close(s + 5 * MS);
        }
    }

    /** A SYN flood: 150 SYNs to one victim's port 80, 15 ms apart. */
    static void flood(Simulation sim, int sensor, int bot, int victim, long t) {
        FrameBuilder f = sim.frames();
        for (int i = 0; i < 150; i++) {
            sim.packet(t + i * 15 * MS, sensor, f.tcp4(bot, victim, 1025 + sim.random().nextInt(60_000), 80,
                    sim.random().nextInt(), 0, FrameBuilder.SYN, 512, null, 0));
        }
    }

    /** A query to the resolver (A, or MX before spam) and its answer; returns when the answer arrived. */
    static long dns(Simulation sim, int sensor, int host, int resolver, long t, boolean mx) {
        FrameBuilder f = sim.frames();
        int port = 1025 + sim.random().nextInt(60_000);
        int id = sim.random().nextInt(65_536);
        String name = NAMES[sim.random().nextInt(NAMES.length)];
        int type = mx ? DnsMessages.TYPE_MX : DnsMessages.TYPE_A;
        byte[] query = DnsMessages.message(id, name, type, false, null);
        // A resolver answers a name with the same address every time (a stable site, not a fast flux);
        // the three draws are kept so that every seed's captures stay as they were.
        sim.random().nextInt(222);
        sim.random().nextInt();
        sim.random().nextInt();
        int h = name.hashCode();
        byte[] answer = DnsMessages.message(id, name, type, true,
                new byte[] {(byte) (1 + Math.floorMod(h, 222)), (byte) (h >>> 8), (byte) (h >>> 16), 7});
        sim.packet(t, sensor, f.udp4(host, resolver, port, 53, query, query.length));
        sim.packet(t + 25 * MS, sensor, f.udp4(resolver, host, 53, port, answer, answer.length));
        return t + 25 * MS;
    }

    /** How long the resolver takes to answer: from its cache, or after asking the name's servers. */
    static final double LOOKUP_MIN_MS = 3;
    static final double LOOKUP_MAX_MS = 90;

    /**
     * A look-up of {@code name} at the resolver (A, or MX before mail), answered with {@code answer}
     * (an A record; an MX answer names "mx." + name). Draws only from {@code random}, so that the
     * callers' other traffic stays as it was. Returns when the answer arrived.
     */
    static long lookup(Simulation sim, SplittableRandom random, int sensor, int host, int resolver, String name,
                       int answer, boolean mx, long t) {
        FrameBuilder f = sim.frames();
        int port = Draws.ephemeralPort(random);
        int id = random.nextInt(65_536);
        int type = mx ? DnsMessages.TYPE_MX : DnsMessages.TYPE_A;
        byte[] query = DnsMessages.message(id, name, type, false, null);
        byte[] reply = DnsMessages.message(id, name, type, true,
                new byte[] {(byte) (answer >>> 24), (byte) (answer >>> 16), (byte) (answer >>> 8), (byte) answer});
        long answered = t + Durations.seconds(Draws.between(random, LOOKUP_MIN_MS, LOOKUP_MAX_MS) / 1000);
        sim.packet(t, sensor, f.udp4(host, resolver, port, 53, query, query.length));
        sim.packet(answered, sensor, f.udp4(resolver, host, 53, port, reply, reply.length));
        return answered;
    }

    private static final String[] NAMES = {
        "www.example.com", "mail.example.net", "update.example.org", "cdn.example.com", "news.example.net",
        "login.example.org", "static.example.com", "api.example.net"
    };
}
