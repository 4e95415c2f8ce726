package org.hyakuyobako.simulate;

import java.util.function.LongConsumer;

/**
 * A push bot: one long-lived connection to its C&C (IRC, TLS-looking or custom binary), kept alive
 * by heartbeats, over which commands arrive; now and then the bot drops the connection and opens a
 * new one (a network change, a restart), and a command pushed meanwhile does not reach it.
 */
final class PushChannel implements BotChannel {
    /** Copies of one command reach the bots up to this long apart (the C&C writes them one by one). */
    static final double MAX_SPREAD_MS = 400;
    /** Mean time between a bot's reconnections, per botnet. */
    static final double MIN_RECONNECT_MEAN_MIN = 40;
    static final double MAX_RECONNECT_MEAN_MIN = 240;
    /** How long a bot stays away before connecting again. */
    static final double MIN_AWAY_S = 3;
    static final double MAX_AWAY_S = 60;
    /** Share of reconnections that begin with the client's RST rather than its FIN. */
    static final double RESET_SHARE = 0.3;

    private final CncLink link;
    private final long reconnectMean;
    private KeptConnection connection;

    PushChannel(CncLink link, long reconnectMean) {
        this.link = link;
        this.reconnectMean = reconnectMean;
    }

    @Override
    public MonitoredHost bot() {
        return link.bot();
    }

    @Override
    public void join(long at) {
        connect(at);
        link.w().sim.wake(at + Draws.exponential(link.r(), reconnectMean), this::reconnect);
    }

    private void connect(long at) {
        connection = new KeptConnection(link.w(), link.r(), link.bot(), link.cnc(), link.port(), link.protocol().heartbeat());
        connection.open(link.resolve(at), link.protocol().login(link.r(), link.bot()), link.protocol().welcome(link.r()));
    }

    private void reconnect(long now, Simulation sim) {
        connection.close(now, Draws.chance(link.r(), RESET_SHARE));
        connect(now + Draws.nanosBetween(link.r(), MIN_AWAY_S, MAX_AWAY_S));
        sim.wake(now + Draws.exponential(link.r(), reconnectMean), this::reconnect);
    }

    @Override
    public void command(BotCommand c, long at, LongConsumer received) {
        long copy = at + Durations.seconds(Draws.between(link.r(), 0, MAX_SPREAD_MS) / 1000);
        connection.serverPush(copy, link.protocol().command(link.r(), c), received);
    }

    @Override
    public void report(BotCommand c, long at) {
        connection.clientSend(at, link.protocol().report(link.r(), c));
    }
}
