package org.hyakuyobako.simulate;

import java.io.IOException;
import java.io.OutputStream;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.SplittableRandom;
import org.hyakuyobako.decode.IpAddresses;
import org.hyakuyobako.generate.CaptureWriter;
import org.hyakuyobako.generate.FrameBuilder;
import org.hyakuyobako.generate.PcapWriter;

/**
 * A botnet traffic scenario, deterministic by seed: monitored hosts on one or more sensors,
 * botnets with IRC (non-standard port), encrypted push (TLS-like) and HTTP-polling C&C, commands
 * followed by reactions (fourth-octet scan sweeps, spam with MX look-ups and rotating MTAs,
 * floods, binary downloads, status reports), double infections, and the benign traffic that fools
 * naive detectors: hourly updaters at the same minute everywhere, NTP, a shared external resolver,
 * popular websites with shared CDNs, and Internet scanners sweeping all honeypots in a row.
 */
public final class Scenario {
    /** Honeypots (one sensor each, like CCC DATASET 2008) or an intranet tap (one sensor, many hosts). */
    public enum Kind { honeypot, intranet }

    /**
     * @param sensors honeypot sensors (intranet: always 1)
     * @param hosts intranet hosts (honeypot: one per sensor)
     * @param backgroundPps Internet scanner packets per second across all honeypots
     */
    public record Spec(Kind kind, long seed, int sensors, int hosts, double hours, double backgroundPps) {
        public static Spec honeypot(long seed) {
            return new Spec(Kind.honeypot, seed, 5, 5, 2.0, 2.0);
        }

        public static Spec intranet(long seed) {
            return new Spec(Kind.intranet, seed, 1, 120, 2.0, 0.0);
        }
    }

    static final long SECOND = 1_000_000_000L;
    static final long MS = 1_000_000L;
    static final long START = 1_209_369_600L * SECOND; // 2008-04-28 08:00 UTC

    private record Host(int address, int sensor) {
    }

    private enum Channel { irc, tls, http }

    private enum ReactionKind { scan, spam, ddos, download }

    private final Spec spec;
    private final SplittableRandom setup;
    private final List<Host> hosts = new ArrayList<>();
    private GroundTruth truth;

    public Scenario(Spec spec) {
        this.spec = spec;
        this.setup = new SplittableRandom(spec.seed() * 7919 + 17);
    }

    private int publicAddress() {
        while (true) {
            int a = setup.nextInt();
            int first = (a >>> 24) & 0xFF;
            int second = (a >>> 16) & 0xFF;
            boolean reserved = first == 0 || first == 10 || first == 127 || first >= 224 || (first == 169 && second == 254)
                    || (first == 172 && second >= 16 && second < 32) || (first == 192 && second == 168) || first == 100;
            if (!reserved && (a & 0xFF) != 0 && (a & 0xFF) != 255) {
                return a;
            }
        }
    }

    private static String text(int address) {
        return IpAddresses.formatV4(address);
    }

    /** Writes one capture per sensor and ground-truth.json into {@code dir}. */
    public GroundTruth write(Path dir) throws IOException {
        Files.createDirectories(dir);
        truth = new GroundTruth(spec.kind().name(), spec.seed());
        int sensorCount = spec.kind() == Kind.honeypot ? Math.max(2, spec.sensors()) : 1;
        CaptureWriter[] writers = new CaptureWriter[sensorCount];
        List<OutputStream> streams = new ArrayList<>();
        try {
            for (int s = 0; s < sensorCount; s++) {
                String name = spec.kind() == Kind.honeypot ? "hp" + (s + 1) : "tap";
                truth.sensors.add(name);
                OutputStream os = Files.newOutputStream(dir.resolve(name + ".pcap"));
                streams.add(os);
                writers[s] = new PcapWriter(os, 1, ByteOrder.LITTLE_ENDIAN, false, 65_535, false);
            }
            long end = START + (long) (spec.hours() * 3600 * SECOND);
            Simulation sim = new Simulation(writers, spec.seed(), end);
            populate(sim, sensorCount);
            sim.run();
            truth.packets = sim.packets();
        } finally {
            for (CaptureWriter w : writers) {
                if (w != null) {
                    w.close();
                }
            }
        }
        truth.write(dir.resolve("ground-truth.json"));
        return truth;
    }

    private void populate(Simulation sim, int sensorCount) {
        if (spec.kind() == Kind.honeypot) {
            int base = publicAddress() & 0xFFFF_FF00;
            for (int s = 0; s < sensorCount; s++) {
                hosts.add(new Host(base | (10 + 7 * s), s));
            }
        } else {
            for (int i = 0; i < spec.hosts(); i++) {
                hosts.add(new Host((10 << 24) | (1 << 16) | ((i / 200) << 8) | (i % 200 + 20), 0));
            }
        }
        for (Host h : hosts) {
            truth.hosts.add(text(h.address()));
        }
        int resolver = publicAddress();
        int ntp = publicAddress();
        int updater = publicAddress();
        int updateCdn = publicAddress();
        truth.benign.add(new GroundTruth.Benign(text(resolver), "resolver"));
        truth.benign.add(new GroundTruth.Benign(text(ntp), "ntp"));
        truth.benign.add(new GroundTruth.Benign(text(updater), "updater"));
        truth.benign.add(new GroundTruth.Benign(text(updateCdn), "update-cdn"));
        int[] sites = new int[20];
        for (int i = 0; i < sites.length; i++) {
            sites[i] = publicAddress();
            truth.benign.add(new GroundTruth.Benign(text(sites[i]), "popular-site"));
        }
        int[] cdns = {publicAddress(), publicAddress(), publicAddress()};
        for (int c : cdns) {
            truth.benign.add(new GroundTruth.Benign(text(c), "cdn"));
        }
        Benign benign = new Benign(sim, resolver, ntp, updater, updateCdn, sites, cdns);
        for (Host h : hosts) {
            benign.start(h, spec.kind() == Kind.intranet);
        }
        if (spec.kind() == Kind.honeypot && spec.backgroundPps() > 0) {
            int[] scanners = new int[300];
            for (int i = 0; i < scanners.length; i++) {
                scanners[i] = publicAddress();
                if (i < 10) {
                    truth.benign.add(new GroundTruth.Benign(text(scanners[i]), "internet-scanner"));
                }
            }
            new InternetScanners(scanners, spec.backgroundPps()).start(sim);
        }
        plantBotnets(sim, resolver);
        if (spec.kind() == Kind.intranet) {
            plantChatters(sim);
        }
    }

    /** Six people of the intranet chat on a public IRC server: the benign look-alike of an IRC botnet. */
    private void plantChatters(Simulation sim) {
        // Derived from the seed, not drawn from the setup stream, so the rest of the scenario stays as it was.
        SplittableRandom own = new SplittableRandom(spec.seed() * 104_729 + 3);
        int server = 0xC633_6400 | (1 + own.nextInt(250));       // 198.51.100.0/24 (documentation space)
        truth.benign.add(new GroundTruth.Benign(text(server), "irc-server"));
        BenignIrc irc = new BenignIrc(sim, spec.seed(), server);
        java.util.Set<String> bots = truth.infected();
        int placed = 0;
        for (int i = 0; i < hosts.size() && placed < 6; i += 17) {
            Host h = hosts.get((i + 3) % hosts.size());
            if (!bots.contains(text(h.address()))) {
                irc.person(h.address(), h.sensor(), START + own.nextInt(600) * SECOND, placed++);
            }
        }
    }

    private void plantBotnets(Simulation sim, int resolver) {
        Channel[] channels = {Channel.irc, Channel.tls, Channel.http};
        for (int b = 0; b < channels.length; b++) {
            List<Host> bots = new ArrayList<>();
            if (spec.kind() == Kind.honeypot) {
                int n = hosts.size();
                bots.add(hosts.get(b % n));
                bots.add(hosts.get((b + 1) % n));
                if (n == 2) {
                    bots = new ArrayList<>(hosts);
                }
            } else {
                int count = b == 0 ? 5 : 4;
                int offset = 7 + b * 29;
                for (int i = 0; i < count; i++) {
                    bots.add(hosts.get((offset + i * 11) % hosts.size()));
                }
                if (b == 1) {
                    // A double infection: this host also belongs to the IRC botnet.
                    bots.set(0, hosts.get(7));
                }
            }
            Channel channel = channels[b];
            int cnc = publicAddress();
            int port = switch (channel) {
                case irc -> 1024 + setup.nextInt(60_000);   // IRC on a non-standard port
                case tls -> setup.nextBoolean() ? 443 : 2048 + setup.nextInt(60_000);
                case http -> setup.nextBoolean() ? 80 : 8080;
            };
            int[] mtas = new int[30];
            for (int i = 0; i < mtas.length; i++) {
                mtas[i] = publicAddress();
            }
            Botnet net = new Botnet("botnet-" + (b + 1) + "-" + channel, channel, cnc, port, bots, mtas, resolver,
                    new int[] {publicAddress(), publicAddress()}, 1.0 + setup.nextDouble() * 2.0);
            List<String> names = new ArrayList<>();
            for (Host h : bots) {
                names.add(text(h.address()));
            }
            truth.botnets.add(new GroundTruth.Botnet(net.name, text(cnc), port, channel.name(), names));
            net.start(sim);
        }
    }

    // ---------------------------------------------------------------- botnets

    /** One botnet: its C&C, its bots' channels, and the commands it issues. */
    private final class Botnet implements Simulation.Actor {
        final String name;
        final Channel channel;
        final int cnc;
        final int port;
        final List<Host> bots;
        final int[] mtas;
        final int resolver;
        final int[] fileServers;
        final long delta;
        final List<Tcp> sessions = new ArrayList<>();
        final List<PollingBot> pollers = new ArrayList<>();

        Botnet(String name, Channel channel, int cnc, int port, List<Host> bots, int[] mtas, int resolver,
               int[] fileServers, double deltaSeconds) {
            this.name = name;
            this.channel = channel;
            this.cnc = cnc;
            this.port = port;
            this.bots = bots;
            this.mtas = mtas;
            this.resolver = resolver;
            this.fileServers = fileServers;
            this.delta = (long) (deltaSeconds * SECOND);
        }

        void start(Simulation sim) {
            for (Host bot : bots) {
                long at = START + (long) (sim.random().nextDouble() * 60 * SECOND);
                if (channel == Channel.http) {
                    PollingBot p = new PollingBot(this, bot);
                    pollers.add(p);
                    sim.wake(at, p);
                } else {
                    Tcp tcp = new Tcp(sim, bot.sensor(), bot.address(), cnc, 1025 + sim.random().nextInt(60_000), port,
                            (20 + sim.random().nextInt(200)) * MS);
                    sessions.add(tcp);
                    long t = tcp.open(at);
                    t = tcp.clientSends(t + 10 * MS, login(sim, bot));
                    tcp.serverSends(t + 50 * MS, welcome(sim));
                    sim.wake(t + (60 + sim.random().nextInt(120)) * SECOND, new KeepAlive(this, tcp));
                }
            }
            sim.wake(START + (300 + sim.random().nextInt(300)) * SECOND, this);
        }

        private byte[] login(Simulation sim, Host bot) {
            if (channel == Channel.irc) {
                String nick = "[x]" + Integer.toHexString(bot.address()).toUpperCase();
                return ("NICK " + nick + "\r\nUSER " + nick + " 0 0 :" + nick + "\r\nJOIN #" + name.hashCode() % 97 + "\r\n")
                        .getBytes(StandardCharsets.ISO_8859_1);
            }
            return tlsRecord(sim, 0x16, 180);
        }

        private byte[] welcome(Simulation sim) {
            if (channel == Channel.irc) {
                return ":srv 001 bot :Welcome\r\n:srv 332 bot #c :.advscan dcom135 100 5 0 -r -s\r\n"
                        .getBytes(StandardCharsets.ISO_8859_1);
            }
            return tlsRecord(sim, 0x16, 1200);
        }

        /** A command occasion: every bot gets it (pushed now, or at its next poll) and reacts after delta. */
        @Override
        public void wake(long now, Simulation sim) {
            SplittableRandom r = sim.random();
            double pick = r.nextDouble();
            ReactionKind kind = pick < 0.35 ? ReactionKind.scan : pick < 0.65 ? ReactionKind.spam
                    : pick < 0.85 ? ReactionKind.ddos : ReactionKind.download;
            Command command = new Command(kind, publicAddress24(r), new int[] {445, 135, 139, 22}[r.nextInt(4)],
                    100 + r.nextInt(155), r.nextInt(mtas.length), 3 + r.nextInt(5), publicAddress(r),
                    fileServers[r.nextInt(fileServers.length)]);
            if (channel == Channel.http) {
                for (PollingBot p : pollers) {
                    p.pending = command;
                }
            } else {
                for (Tcp tcp : sessions) {
                    long at = now + (long) (r.nextDouble() * 400 * MS);
                    byte[] payload = channel == Channel.irc
                            ? (":boss!b@h PRIVMSG #c :" + command.describe() + "\r\n").getBytes(StandardCharsets.ISO_8859_1)
                            : tlsRecord(sim, 0x17, 80 + r.nextInt(200));
                    tcp.serverSends(at, payload);
                    long reactAt = at + delta + (long) ((r.nextDouble() - 0.5) * 300 * MS);
                    Host bot = hostOf(tcp);
                    react(sim, bot, command, reactAt);
                    byte[] report = channel == Channel.irc
                            ? ("PRIVMSG #c :[" + command.kind.name().toUpperCase() + "]: started\r\n").getBytes(StandardCharsets.ISO_8859_1)
                            : tlsRecord(sim, 0x17, 60 + r.nextInt(60));
                    tcp.clientSends(reactAt + (300 + r.nextInt(700)) * MS, report);
                }
            }
            sim.wake(now + (300 + r.nextInt(600)) * SECOND, this);
        }

        private Host hostOf(Tcp tcp) {
            for (Host h : bots) {
                if (h.address() == tcp.client && h.sensor() == tcp.sensor) {
                    return h;
                }
            }
            throw new IllegalStateException("session without bot");
        }

        void react(Simulation sim, Host bot, Command c, long t) {
            switch (c.kind) {
                case scan -> Reactions.scan(sim, bot.sensor(), bot.address(), c.network, c.port, c.count, t);
                case spam -> Reactions.spam(sim, bot.sensor(), bot.address(), resolver, mtas, c.firstMta, c.mtaCount, t);
                case ddos -> Reactions.flood(sim, bot.sensor(), bot.address(), c.victim, t);
                case download -> new Tcp(sim, bot.sensor(), bot.address(), c.fileServer, 1025 + sim.random().nextInt(60_000), 80,
                        30 * MS).exchange(t, "GET /upd.exe HTTP/1.0\r\n\r\n".getBytes(StandardCharsets.ISO_8859_1),
                        exe(sim));
            }
        }

        private int publicAddress24(SplittableRandom r) {
            return publicAddress(r) & 0xFFFF_FF00;
        }
    }

    private static int publicAddress(SplittableRandom r) {
        while (true) {
            int a = r.nextInt();
            int first = (a >>> 24) & 0xFF;
            if (first != 0 && first != 10 && first != 127 && first < 224 && first != 172 && first != 192 && first != 100) {
                return a;
            }
        }
    }

    private record Command(ReactionKind kind, int network, int port, int count, int firstMta, int mtaCount, int victim,
                           int fileServer) {
        String describe() {
            return switch (kind) {
                case scan -> ".advscan " + port + " 100 5 0 " + IpAddresses.formatV4(network).replaceAll("\\.0$", ".x") + " -s";
                case spam -> ".spam start";
                case ddos -> ".ddos.syn " + IpAddresses.formatV4(victim) + " 80 10";
                case download -> ".download http://" + IpAddresses.formatV4(fileServer) + "/upd.exe c:\\upd.exe 1";
            };
        }
    }

    /** Server PINGs (IRC) or client heartbeats (TLS) on a push channel. */
    private final class KeepAlive implements Simulation.Actor {
        final Botnet net;
        final Tcp tcp;

        KeepAlive(Botnet net, Tcp tcp) {
            this.net = net;
            this.tcp = tcp;
        }

        @Override
        public void wake(long now, Simulation sim) {
            if (net.channel == Channel.irc) {
                long t = tcp.serverSends(now, "PING :srv\r\n".getBytes(StandardCharsets.ISO_8859_1));
                tcp.clientSends(t + 30 * MS, "PONG :srv\r\n".getBytes(StandardCharsets.ISO_8859_1));
                sim.wake(now + (90 + sim.random().nextInt(90)) * SECOND, this);
            } else {
                tcp.clientSends(now, tlsRecord(sim, 0x17, 40));
                sim.wake(now + (55 + sim.random().nextInt(10)) * SECOND, this);
            }
        }
    }

    /** An HTTP bot: polls its C&C every few seconds; a pending command comes back in the answer. */
    private final class PollingBot implements Simulation.Actor {
        final Botnet net;
        final Host bot;
        Command pending;

        PollingBot(Botnet net, Host bot) {
            this.net = net;
            this.bot = bot;
        }

        @Override
        public void wake(long now, Simulation sim) {
            SplittableRandom r = sim.random();
            Tcp tcp = new Tcp(sim, bot.sensor(), bot.address(), net.cnc, 1025 + r.nextInt(60_000), net.port,
                    (20 + r.nextInt(150)) * MS);
            Command command = pending;
            pending = null;
            byte[] answer = command == null ? "HTTP/1.1 200 OK\r\nContent-Length: 4\r\n\r\nwait".getBytes(StandardCharsets.ISO_8859_1)
                    : ("HTTP/1.1 200 OK\r\nContent-Length: 64\r\n\r\n" + command.describe()).getBytes(StandardCharsets.ISO_8859_1);
            long at = tcp.open(now);
            at = tcp.clientSends(at, ("GET /gate.php?id=" + Integer.toHexString(bot.address()) + " HTTP/1.1\r\nHost: c\r\n\r\n")
                    .getBytes(StandardCharsets.ISO_8859_1));
            long answered = tcp.serverSends(at + 5 * MS, answer);
            long closed = tcp.close(answered + 2 * MS);
            if (command != null) {
                net.react(sim, bot, command, closed + net.delta + (long) ((r.nextDouble() - 0.5) * 300 * MS));
            }
            sim.wake(now + (7 + r.nextInt(3)) * SECOND + r.nextInt(1000) * MS, this);
        }
    }

    // ---------------------------------------------------------------- benign traffic

    /** What every monitored host does that is not a bot's doing. */
    private final class Benign {
        final Simulation sim;
        final int resolver;
        final int ntp;
        final int updater;
        final int updateCdn;
        final int[] sites;
        final int[] cdns;

        Benign(Simulation sim, int resolver, int ntp, int updater, int updateCdn, int[] sites, int[] cdns) {
            this.sim = sim;
            this.resolver = resolver;
            this.ntp = ntp;
            this.updater = updater;
            this.updateCdn = updateCdn;
            this.sites = sites;
            this.cdns = cdns;
        }

        void start(Host h, boolean browses) {
            SplittableRandom r = sim.random();
            // DNS look-ups of unrelated names.
            sim.wake(START + r.nextInt(180) * SECOND, new Simulation.Actor() {
                @Override
                public void wake(long now, Simulation s) {
                    Reactions.dns(s, h.sensor(), h.address(), resolver, now, false);
                    s.wake(now + (long) (-Math.log(1 - s.random().nextDouble()) * 180 * SECOND) + MS, this);
                }
            });
            // NTP every 1024 s.
            sim.wake(START + r.nextInt(1024) * SECOND, new Simulation.Actor() {
                @Override
                public void wake(long now, Simulation s) {
                    int f = s.frames().udp4(h.address(), ntp, 123, 123, null, 48);
                    s.packet(now, h.sensor(), f);
                    f = s.frames().udp4(ntp, h.address(), 123, 123, null, 48);
                    s.packet(now + 40 * MS, h.sensor(), f);
                    s.wake(now + 1024 * SECOND, this);
                }
            });
            // The updater: every hour at minute 7, everywhere; every third hour a download follows.
            long firstCheck = START + 7 * 60 * SECOND + r.nextInt(20_000) * MS;
            sim.wake(firstCheck, new Simulation.Actor() {
                int hour;

                @Override
                public void wake(long now, Simulation s) {
                    long t = Reactions.dns(s, h.sensor(), h.address(), resolver, now, false);
                    Tcp check = new Tcp(s, h.sensor(), h.address(), updater, 1025 + s.random().nextInt(60_000), 443, 40 * MS);
                    long done = check.exchange(t + 5 * MS, tlsRecord(s, 0x17, 200), tlsRecord(s, 0x17, 400));
                    if (hour % 3 == 2) {
                        new Tcp(s, h.sensor(), h.address(), updateCdn, 1025 + s.random().nextInt(60_000), 80, 30 * MS)
                                .exchange(done + 150 * MS, "GET /patch.cab HTTP/1.1\r\n\r\n".getBytes(StandardCharsets.ISO_8859_1),
                                        exe(s));
                    }
                    hour++;
                    s.wake(START + (7 * 60 + 3600L * hour) * SECOND + s.random().nextInt(20_000) * MS, this);
                }
            });
            if (browses) {
                sim.wake(START + r.nextInt(300) * SECOND, new Simulation.Actor() {
                    @Override
                    public void wake(long now, Simulation s) {
                        SplittableRandom rr = s.random();
                        int site = sites[Math.min(sites.length - 1, (int) (-Math.log(1 - rr.nextDouble()) * 4))];
                        long t = Reactions.dns(s, h.sensor(), h.address(), resolver, now, false);
                        long done = new Tcp(s, h.sensor(), h.address(), site, 1025 + rr.nextInt(60_000), 443, 25 * MS)
                                .exchange(t + 3 * MS, tlsRecord(s, 0x17, 300), tlsRecord(s, 0x17, 1200));
                        if (rr.nextDouble() < 0.6) {
                            new Tcp(s, h.sensor(), h.address(), cdns[rr.nextInt(cdns.length)], 1025 + rr.nextInt(60_000), 443, 15 * MS)
                                    .exchange(done + 120 * MS, tlsRecord(s, 0x17, 200), tlsRecord(s, 0x17, 1300));
                        }
                        s.wake(now + (long) (-Math.log(1 - rr.nextDouble()) * 240 * SECOND) + MS, this);
                    }
                });
            }
        }
    }

    /**
     * Internet background radiation: most probes hit one honeypot; one scan in {@link #SWEEP_SHARE}
     * sweeps every honeypot in a row, a few seconds apart (the case that fools a naive detector).
     */
    private final class InternetScanners implements Simulation.Actor {
        final int[] scanners;
        final long meanGapNanos;

        static final double SWEEP_SHARE = 0.05;

        InternetScanners(int[] scanners, double packetsPerSecond) {
            this.scanners = scanners;
            // A probe costs about 2.5 packets; a sweep of n honeypots n times that.
            double perScan = 2.5 * (1 + SWEEP_SHARE * (hosts.size() - 1));
            this.meanGapNanos = (long) (SECOND * perScan / packetsPerSecond);
        }

        void start(Simulation sim) {
            sim.wake(START + 1, this);
        }

        @Override
        public void wake(long now, Simulation sim) {
            SplittableRandom r = sim.random();
            // A few heavy scanners come back all the time; most sources are seen once or twice.
            int scanner = r.nextDouble() < 0.2 ? scanners[r.nextInt(scanners.length)] : publicAddress(r);
            int port = new int[] {445, 135, 139, 1433, 22, 23, 80, 3389, 5900}[r.nextInt(9)];
            int sport = 1025 + r.nextInt(60_000);
            long t = now;
            FrameBuilder f = sim.frames();
            List<Host> targets = r.nextDouble() < SWEEP_SHARE ? hosts : List.of(hosts.get(r.nextInt(hosts.size())));
            for (Host h : targets) {
                int seq = r.nextInt();
                sim.packet(t, h.sensor(), f.tcp4(scanner, h.address(), sport, port, seq, 0, FrameBuilder.SYN, 1024, null, 0));
                if (r.nextBoolean()) {
                    sim.packet(t + MS / 2, h.sensor(), f.tcp4(h.address(), scanner, port, sport, 0, seq + 1,
                            FrameBuilder.RST | FrameBuilder.ACK, 0, null, 0));
                } else {
                    sim.packet(t + MS / 2, h.sensor(), f.tcp4(h.address(), scanner, port, sport, r.nextInt(), seq + 1,
                            FrameBuilder.SYN | FrameBuilder.ACK, 65_535, null, 0));
                    sim.packet(t + 60 * MS, h.sensor(), f.tcp4(scanner, h.address(), sport, port, seq + 1, 0,
                            FrameBuilder.RST, 0, null, 0));
                }
                t += 500 * MS + r.nextInt(3500) * MS;
            }
            sim.wake(now + 1 + (long) (-Math.log(1 - r.nextDouble()) * meanGapNanos), this);
        }
    }

    static byte[] tlsRecord(Simulation sim, int type, int length) {
        byte[] b = new byte[5 + length];
        b[0] = (byte) type;
        b[1] = 3;
        b[2] = 3;
        b[3] = (byte) (length >>> 8);
        b[4] = (byte) length;
        for (int i = 5; i < b.length; i++) {
            b[i] = (byte) sim.random().nextInt();
        }
        return b;
    }

    static byte[] exe(Simulation sim) {
        byte[] b = new byte[1200];
        byte[] head = "HTTP/1.1 200 OK\r\nContent-Type: application/octet-stream\r\n\r\nMZ".getBytes(StandardCharsets.ISO_8859_1);
        System.arraycopy(head, 0, b, 0, head.length);
        for (int i = head.length; i < b.length; i++) {
            b[i] = (byte) sim.random().nextInt();
        }
        return b;
    }
}
