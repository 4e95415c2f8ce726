package org.hyakuyobako.simulate;

import java.util.SplittableRandom;
import org.hyakuyobako.decode.IpAddresses;

/**
 * A scan: a sequential sweep of a commanded /24, random public targets (each bot its own), or a
 * sweep of the bot's own network. Most targets stay silent; some refuse (RST), a few accept
 * (SYN-ACK, which the bot resets at once). Monitored hosts answer as hosts do: RST on a closed port,
 * SYN-ACK where Windows listens.
 *
 * @param network the commanded /24 (sequential sweeps only)
 * @param count probes per bot
 * @param spacing time between a bot's probes
 * @param refusedShare targets that answer RST
 * @param acceptedShare targets that answer SYN-ACK
 * @param window the TCP window of the scanner's SYNs (a fingerprint of the scanning code)
 * @param salt makes target answers differ between commands
 */
record ScanCommand(CommandedReaction kind, int port, int network, int count, long spacing, double refusedShare, double acceptedShare,
                   int window, long salt) implements BotCommand {
    /** The services bots spread through, and the names their scanning modules give them. */
    static final int[] PORTS = {445, 135, 139, 22, 23, 3389, 1433, 80};
    private static final String[] MODULES = {"netapi", "dcom135", "netbios", "ssh", "telnet", "rdp", "mssql", "http"};
    static final int MIN_SEQUENTIAL = 30;
    static final int MAX_SEQUENTIAL = 254;
    static final int MIN_RANDOM = 20;
    static final int MAX_RANDOM = 200;
    static final int MIN_LOCAL = 20;
    static final int MAX_LOCAL = 254;
    static final double MIN_SPACING_MS = 10;
    static final double MAX_SPACING_MS = 100;
    static final double MIN_REFUSED = 0.03;
    static final double MAX_REFUSED = 0.2;
    static final double MIN_ACCEPTED = 0.005;
    static final double MAX_ACCEPTED = 0.06;
    /** Windows file-sharing ports, where a monitored PC accepts this share of probes (else it refuses). */
    static final double HOST_LISTENS = 0.5;
    /** SYN windows of common scanning code (raw sockets, Windows stacks, masscan-like tools). */
    private static final int[] WINDOWS = {1024, 8192, 16_384, 64_240, 65_535};
    private static final int LAST_HOST = 254;

    static ScanCommand draw(CommandedReaction kind, World w, SplittableRandom r) {
        int port = Draws.pick(r, PORTS);
        int count = switch (kind) {
            case SCAN_SEQUENTIAL -> Draws.between(r, MIN_SEQUENTIAL, MAX_SEQUENTIAL);
            case SCAN_RANDOM -> Draws.between(r, MIN_RANDOM, MAX_RANDOM);
            default -> Draws.between(r, MIN_LOCAL, MAX_LOCAL);
        };
        int network = kind == CommandedReaction.SCAN_SEQUENTIAL ? w.book.freshNetwork(r) : 0;
        return new ScanCommand(kind, port, network, count, Durations.seconds(Draws.between(r, MIN_SPACING_MS, MAX_SPACING_MS) / 1000),
                Draws.between(r, MIN_REFUSED, MAX_REFUSED), Draws.between(r, MIN_ACCEPTED, MAX_ACCEPTED), Draws.pick(r, WINDOWS), r.nextLong());
    }

    @Override
    public String text() {
        String module = module(port);
        return switch (kind) {
            case SCAN_SEQUENTIAL -> ".advscan " + module + " 100 5 0 " + IpAddresses.formatV4(network).replaceAll("\\.0$", ".x") + " -s";
            case SCAN_RANDOM -> ".advscan " + module + " " + count + " 3 0 -r -s";
            default -> ".advscan " + module + " 100 5 0 -b -s";
        };
    }

    private static String module(int port) {
        for (int i = 0; i < PORTS.length; i++) {
            if (PORTS[i] == port) {
                return MODULES[i];
            }
        }
        return "port" + port;
    }

    @Override
    public void perform(World w, SplittableRandom r, MonitoredHost bot, long t) {
        int firstPort = Draws.ephemeralPort(r);
        int local = Draws.chance(r, 0.5) ? 1 : (bot.address() & 0xFF) + 1;     // from .1, or from the bot's neighbour up
        long rtt = w.rtt(r, kind == CommandedReaction.SCAN_INTRANET ? bot.address() : network);
        for (int i = 0; i < count; i++) {
            int target = switch (kind) {
                case SCAN_SEQUENTIAL -> network | (i + 1);
                case SCAN_RANDOM -> w.book.fresh(r);
                default -> bot.network24() | ((local - 1 + i) % LAST_HOST + 1);
            };
            if (target == bot.address()) {
                continue;
            }
            SynProbe.send(w, bot.address(), target, Draws.EPHEMERAL_FIRST + (firstPort - Draws.EPHEMERAL_FIRST + i) % Draws.EPHEMERAL_COUNT, port, r.nextInt(), window, outcome(w, target),
                    t + i * spacing, rtt);
        }
    }

    private SynProbe.Outcome outcome(World w, int target) {
        if (w.network.at(target) != null) {
            boolean windows = port == 445 || port == 135 || port == 139;
            return SynProbe.outcome(target, port, salt, windows ? 1 - HOST_LISTENS : 1, windows ? HOST_LISTENS : 0);
        }
        if (w.intranet() && (target >>> 24) == 10) {
            return SynProbe.Outcome.SILENT;     // an intranet address where no host is
        }
        return SynProbe.outcome(target, port, salt, refusedShare, acceptedShare);
    }
}
