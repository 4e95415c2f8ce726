package org.hyakuyobako.simulate;

import java.util.SplittableRandom;
import org.hyakuyobako.decode.IpAddresses;
import org.hyakuyobako.generate.FrameBuilder;

/**
 * A flood at one victim, the same for every bot: SYNs from random source ports, or UDP datagrams
 * of random bytes, at a commanded rate for a commanded time (each bot a little faster or slower).
 *
 * @param udp a UDP flood (else SYN)
 * @param perSecond packets per second per bot, before each bot's own deviation
 */
record FloodCommand(int victim, boolean udp, int port, long duration, int perSecond, int datagramSize) implements BotCommand {
    static final double MIN_SECONDS = 5;
    static final double MAX_SECONDS = 30;
    static final int MIN_RATE = 20;
    static final int MAX_RATE = 200;
    /** Each bot's rate is the commanded one times a factor in [1 - this, 1 + this] (its CPU, its uplink). */
    static final double BOT_RATE_DEVIATION = 0.2;
    static final int MIN_DATAGRAM = 32;
    static final int MAX_DATAGRAM = 1_024;
    private static final int[] SYN_PORTS = {80, 443, 8080, 25};
    /** The small TCP window flood code puts in its SYNs (it never reads an answer). */
    private static final int FLOOD_WINDOW = 512;
    private static final int[] UDP_PORTS = {53, 80, 123, 27_015, 3074};

    static FloodCommand draw(World w, SplittableRandom r) {
        boolean udp = r.nextBoolean();
        return new FloodCommand(w.book.fresh(r), udp, Draws.pick(r, udp ? UDP_PORTS : SYN_PORTS),
                Draws.nanosBetween(r, MIN_SECONDS, MAX_SECONDS), Draws.between(r, MIN_RATE, MAX_RATE),
                Draws.between(r, MIN_DATAGRAM, MAX_DATAGRAM));
    }

    @Override
    public CommandedReaction kind() {
        return CommandedReaction.DDOS;
    }

    @Override
    public String text() {
        return (udp ? ".ddos.udp " : ".ddos.syn ") + IpAddresses.formatV4(victim) + " " + port + " " + duration / Durations.SECOND;
    }

    @Override
    public void perform(World w, SplittableRandom r, MonitoredHost bot, long t) {
        double rate = perSecond * Draws.between(r, 1 - BOT_RATE_DEVIATION, 1 + BOT_RATE_DEVIATION);
        long gap = (long) (Durations.SECOND / rate);
        int sport = Draws.ephemeralPort(r);
        byte[] datagram = Draws.bytes(r, datagramSize);
        FrameBuilder f = w.sim.frames();
        for (long at = t; at < t + duration; at += gap) {
            if (udp) {
                w.packet(at, bot.address(), victim, f.udp4(bot.address(), victim, sport, port, datagram, datagram.length));
            } else {
                w.packet(at, bot.address(), victim, f.tcp4(bot.address(), victim, Draws.ephemeralPort(r), port, r.nextInt(), 0,
                        FrameBuilder.SYN, FLOOD_WINDOW, null, 0));
            }
        }
    }
}
