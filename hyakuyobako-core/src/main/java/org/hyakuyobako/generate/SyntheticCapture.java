package org.hyakuyobako.generate;

import java.io.IOException;
import java.io.OutputStream;
import java.nio.ByteOrder;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.SplittableRandom;

/**
 * Writes large, deterministic synthetic captures for benchmarks: many concurrent TCP sessions
 * with handshakes, payload and teardown, DNS exchanges, pings and scan probes, interleaved on
 * time like a real link. Same seed, same bytes.
 *
 * <p>Two profiles: {@code mixed} resembles an office uplink (about 1,000 bytes a packet, sessions
 * with payload) and {@code honeypot} a darknet or honeypot feed (about 95 bytes a packet, mostly
 * probes and short flows), the worst case for a flow table.
 */
public final class SyntheticCapture {
    /** Traffic shapes. */
    public enum Profile { mixed, honeypot }

    /** What was written. */
    public record Result(long packets, long bytes, long sessions) {
    }

    private static final long START_NANOS = 1_209_369_600_000_000_000L; // 2008-04-28 08:00 UTC
    private static final int ETHERNET = 1;

    private final SplittableRandom random;
    private final Profile profile;
    private final int hosts;
    private final FrameBuilder frames = new FrameBuilder();
    private final int[] externals;

    public SyntheticCapture(long seed, Profile profile, int hosts) {
        this.random = new SplittableRandom(seed);
        this.profile = profile;
        this.hosts = Math.max(1, hosts);
        this.externals = new int[5000];
        for (int i = 0; i < externals.length; i++) {
            externals[i] = publicAddress();
        }
    }

    private int publicAddress() {
        while (true) {
            int a = random.nextInt();
            int first = (a >>> 24) & 0xFF;
            if (first != 0 && first != 10 && first != 127 && first < 224 && first != 172 && first != 192) {
                return a;
            }
        }
    }

    private int homeAddress() {
        int n = random.nextInt(hosts);
        return (10 << 24) | (1 << 16) | ((n / 250) << 8) | (n % 250 + 2);
    }

    /** Writes about {@code targetBytes} of pcap (gzip-compressed when the name ends in .gz). */
    public Result write(Path file, long targetBytes) throws IOException {
        boolean gzip = file.toString().endsWith(".gz");
        try (OutputStream os = Files.newOutputStream(file);
             PcapWriter out = new PcapWriter(os, ETHERNET, ByteOrder.LITTLE_ENDIAN, false, 262_144, gzip)) {
            return write(out, targetBytes);
        }
    }

    /** Writes packets until the writer holds about {@code targetBytes}. */
    public Result write(CaptureWriter out, long targetBytes) throws IOException {
        int concurrent = profile == Profile.mixed ? 2000 : 4000;
        Session[] active = new Session[concurrent];
        for (int i = 0; i < concurrent; i++) {
            active[i] = newSession();
        }
        long now = START_NANOS;
        long packets = 0;
        long sessions = concurrent;
        long meanGap = profile == Profile.mixed ? 20_000 : 8_000;
        while (out.bytesWritten() < targetBytes) {
            int i = random.nextInt(concurrent);
            Session s = active[i];
            now += 1 + (long) (-Math.log(1 - random.nextDouble()) * meanGap);
            int length = s.next(this);
            if (length > 0) {
                out.write(now, frames.frame(), length);
                packets++;
            }
            if (s.done) {
                active[i] = newSession();
                sessions++;
            }
        }
        return new Result(packets, out.bytesWritten(), sessions);
    }

    private Session newSession() {
        double r = random.nextDouble();
        Session s = new Session();
        s.client = homeAddress();
        s.server = externals[random.nextInt(externals.length)];
        s.clientPort = 1024 + random.nextInt(64_000);
        s.clientSeq = random.nextInt();
        s.serverSeq = random.nextInt();
        if (profile == Profile.mixed) {
            if (r < 0.70) {
                s.kind = Kind.TCP;
                s.serverPort = random.nextDouble() < 0.7 ? 443 : 80;
                s.exchanges = 1 + random.nextInt(6);
                s.requestSize = 200 + random.nextInt(500);
                s.responseSegments = 1 + random.nextInt(12);
                s.segmentSize = 1460;
            } else if (r < 0.90) {
                s.kind = Kind.DNS;
                s.serverPort = 53;
            } else if (r < 0.95) {
                s.kind = Kind.PING;
            } else {
                s.kind = Kind.PROBE;
                s.serverPort = 1 + random.nextInt(1024);
            }
        } else {
            // A honeypot: the internet connects in; the monitored host is the server.
            int t = s.client;
            s.client = s.server;
            s.server = t;
            if (r < 0.60) {
                s.kind = Kind.PROBE;
                s.serverPort = new int[] {22, 23, 445, 139, 1433, 3389, 80, 8080}[random.nextInt(8)];
            } else if (r < 0.80) {
                s.kind = Kind.TCP;
                s.serverPort = new int[] {22, 23, 80, 445}[random.nextInt(4)];
                s.exchanges = 1 + random.nextInt(3);
                s.requestSize = 20 + random.nextInt(120);
                s.responseSegments = 1;
                s.segmentSize = 40 + random.nextInt(160);
            } else if (r < 0.90) {
                s.kind = Kind.PING;
            } else {
                s.kind = Kind.UDP_PROBE;
                s.serverPort = new int[] {137, 1434, 161, 5060}[random.nextInt(4)];
            }
        }
        return s;
    }

    private enum Kind { TCP, DNS, PING, PROBE, UDP_PROBE }

    /** One conversation, advanced one packet at a time so many overlap on the timeline. */
    private static final class Session {
        Kind kind;
        int client;
        int server;
        int clientPort;
        int serverPort;
        int clientSeq;
        int serverSeq;
        int exchanges;
        int requestSize;
        int responseSegments;
        int segmentSize;
        int step;
        int segmentsLeft;
        boolean done;

        int next(SyntheticCapture g) {
            FrameBuilder f = g.frames;
            switch (kind) {
                case DNS -> {
                    int len = step == 0
                            ? f.udp4(client, server, clientPort, 53, null, 30 + g.random.nextInt(30))
                            : f.udp4(server, client, 53, clientPort, null, 80 + g.random.nextInt(200));
                    done = ++step == 2;
                    return len;
                }
                case PING -> {
                    int len = step == 0 ? f.icmp4(client, server, 8, 0, clientPort, 1, 56)
                            : f.icmp4(server, client, 0, 0, clientPort, 1, 56);
                    done = ++step == 2;
                    return len;
                }
                case UDP_PROBE -> {
                    done = true;
                    return f.udp4(client, server, clientPort, serverPort, null, 20 + g.random.nextInt(60));
                }
                case PROBE -> {
                    if (step == 0) {
                        step++;
                        return f.tcp4(client, server, clientPort, serverPort, clientSeq, 0, FrameBuilder.SYN, 1024, null, 0);
                    }
                    done = true;
                    return f.tcp4(server, client, serverPort, clientPort, 0, clientSeq + 1,
                            FrameBuilder.RST | FrameBuilder.ACK, 0, null, 0);
                }
                default -> {
                    return nextTcp(f);
                }
            }
        }

        private int nextTcp(FrameBuilder f) {
            final int ack = FrameBuilder.ACK;
            switch (step) {
                case 0 -> {
                    step = 1;
                    return f.tcp4(client, server, clientPort, serverPort, clientSeq++, 0, FrameBuilder.SYN, 64_240, null, 0);
                }
                case 1 -> {
                    step = 2;
                    return f.tcp4(server, client, serverPort, clientPort, serverSeq++, clientSeq, FrameBuilder.SYN | ack, 65_160, null, 0);
                }
                case 2 -> {
                    step = 3;
                    return f.tcp4(client, server, clientPort, serverPort, clientSeq, serverSeq, ack, 64_240, null, 0);
                }
                case 3 -> {
                    // Request.
                    int len = f.tcp4(client, server, clientPort, serverPort, clientSeq, serverSeq, ack | FrameBuilder.PSH,
                            64_240, null, requestSize);
                    clientSeq += requestSize;
                    segmentsLeft = responseSegments;
                    step = 4;
                    return len;
                }
                case 4 -> {
                    // Response segments.
                    int len = f.tcp4(server, client, serverPort, clientPort, serverSeq, clientSeq, ack, 65_160, null, segmentSize);
                    serverSeq += segmentSize;
                    if (--segmentsLeft == 0) {
                        step = 5;
                    }
                    return len;
                }
                case 5 -> {
                    int len = f.tcp4(client, server, clientPort, serverPort, clientSeq, serverSeq, ack, 64_240, null, 0);
                    step = --exchanges > 0 ? 3 : 6;
                    return len;
                }
                case 6 -> {
                    step = 7;
                    return f.tcp4(client, server, clientPort, serverPort, clientSeq++, serverSeq, FrameBuilder.FIN | ack, 64_240, null, 0);
                }
                case 7 -> {
                    step = 8;
                    return f.tcp4(server, client, serverPort, clientPort, serverSeq++, clientSeq, FrameBuilder.FIN | ack, 65_160, null, 0);
                }
                default -> {
                    done = true;
                    return f.tcp4(client, server, clientPort, serverPort, clientSeq, serverSeq, ack, 64_240, null, 0);
                }
            }
        }
    }
}
