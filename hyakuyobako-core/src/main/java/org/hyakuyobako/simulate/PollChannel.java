package org.hyakuyobako.simulate;

import java.util.function.LongConsumer;

/**
 * A polling bot (HTTP or HTTPS): a short connection to its C&C every poll period (with jitter),
 * a small request and a small answer, or a larger one that carries a pending command. Reports go
 * in a connection of their own.
 */
final class PollChannel implements BotChannel, Simulation.Actor {
    /** The C&C's think time before it answers a poll. */
    static final double MIN_ANSWER_MS = 2;
    static final double MAX_ANSWER_MS = 40;

    private final CncLink link;
    private BotCommand pending;
    private LongConsumer receiver;

    PollChannel(CncLink link) {
        this.link = link;
    }

    @Override
    public MonitoredHost bot() {
        return link.bot();
    }

    @Override
    public void join(long at) {
        // A bot resolves its C&C's name once and keeps the address.
        link.w().sim.wake(link.resolve(at), this);
    }

    @Override
    public void wake(long now, Simulation sim) {
        BotCommand command = pending;
        LongConsumer told = receiver;
        pending = null;
        long answered = exchange(now, false, command);
        if (command != null) {
            told.accept(answered);
        }
        sim.wake(now + Draws.jittered(link.r(), link.protocol().pollPeriod(), CncProtocol.POLL_JITTER), this);
    }

    /** One short connection: a poll (or a report) and the C&C's answer (with {@code command}, if any); returns when answered. */
    private long exchange(long now, boolean report, BotCommand command) {
        Tcp tcp = link.connect();
        long t = tcp.open(now);
        t = tcp.clientSends(t, link.protocol().pollRequest(link.r(), link.bot(), report));
        t = tcp.serverSends(t + Durations.seconds(Draws.between(link.r(), MIN_ANSWER_MS, MAX_ANSWER_MS) / 1000),
                link.protocol().pollAnswer(link.r(), command));
        tcp.close(t + Durations.MS);
        return t;
    }

    @Override
    public void command(BotCommand c, long at, LongConsumer received) {
        link.w().sim.wake(at, (now, sim) -> {
            pending = c;
            receiver = received;
        });
    }

    @Override
    public void report(BotCommand c, long at) {
        link.w().sim.wake(at, (now, sim) -> exchange(now, true, null));
    }
}
