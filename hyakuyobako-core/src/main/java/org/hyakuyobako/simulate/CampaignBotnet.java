package org.hyakuyobako.simulate;

import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.SplittableRandom;
import java.util.TreeSet;
import org.hyakuyobako.decode.IpAddresses;

/**
 * One botnet of a campaign scenario: its C&C, its bots' channels, its timing (how long after a
 * command the bots react, how far apart) and its command plan, drawn per seed and recorded in the
 * ground truth before the simulation runs.
 */
final class CampaignBotnet {
    /** Bots join at a random time in this many first minutes of the capture. */
    static final double JOIN_WINDOW_S = 300;
    /** This share of botnets issues a single command in the whole capture (a single-command campaign); the others 2–10. */
    static final double SINGLE_COMMAND_SHARE = 1.0 / 3;
    static final int MIN_COMMANDS = 2;
    static final int MAX_COMMANDS = 10;
    /**
     * Commands come after every bot has joined, and early enough that every reaction fits in the
     * capture (the slowest poll, the reaction delay, a 30-second flood); at least this far apart.
     */
    static final double FIRST_COMMAND_AFTER_S = JOIN_WINDOW_S + 60;
    static final double LAST_COMMAND_BEFORE_END_S = 240;
    static final double MIN_COMMAND_GAP_S = 90;
    /** Reaction delay: a base per botnet plus, per bot and command, a uniform jitter in [0, J] with J per botnet. */
    static final double MIN_BASE_DELAY_S = 0.2;
    static final double MAX_BASE_DELAY_S = 3.0;
    static final double MIN_JITTER_S = 0.2;
    static final double MAX_JITTER_S = 5.0;
    /** Share of a botnet's bots that report after reacting, per botnet; the report follows the reaction by 0.3–2 s. */
    static final double MIN_REPORTER_SHARE = 0.2;
    static final double MAX_REPORTER_SHARE = 0.9;
    static final double MIN_REPORT_AFTER_S = 0.3;
    static final double MAX_REPORT_AFTER_S = 2.0;
    /** The botnet's pool of mail servers for spam runs. */
    static final int MIN_MTAS = 40;
    static final int MAX_MTAS = 150;
    /** IRC listens off the IRC ports (6660–6669, 7000), a sign in itself. */
    private static final int IRC_PORT_FIRST = 6660;
    private static final int IRC_PORT_LAST = 7000;
    /** Share of TLS C&C servers on 443 (else a random high port), and of HTTPS pollers on 443 (else 8443). */
    static final double TLS_ON_443 = 0.5;
    static final double HTTPS_ON_443 = 0.7;

    private final String name;
    private final ChannelKind kind;
    private final int cnc;
    private final int port;
    private final List<MonitoredHost> bots;
    private final World w;
    private final SplittableRandom r;
    private final CncProtocol protocol;
    private final long baseDelay;
    private final long jitter;
    private final Set<Integer> reporters = new TreeSet<>();
    private final List<Long> commandTimes;
    private final List<CommandedReaction> reactions = new ArrayList<>();
    private final int[] mtas;
    private final long reconnectMean;

    CampaignBotnet(World w, SplittableRandom r, int index, ChannelKind kind, List<MonitoredHost> bots) {
        this.w = w;
        this.r = r;
        this.name = "botnet-" + index + "-" + kind.name();
        this.kind = kind;
        this.bots = List.copyOf(bots);
        this.cnc = w.book.fresh(r);
        this.port = drawPort(kind, r);
        this.protocol = CncProtocol.draw(kind, r);
        double base = Draws.between(r, MIN_BASE_DELAY_S, MAX_BASE_DELAY_S);
        double spread = Draws.between(r, MIN_JITTER_S, MAX_JITTER_S);
        this.baseDelay = Durations.seconds(base);
        this.jitter = Durations.seconds(spread);
        double reporterShare = Draws.between(r, MIN_REPORTER_SHARE, MAX_REPORTER_SHARE);
        for (MonitoredHost b : bots) {
            if (Draws.chance(r, reporterShare)) {
                reporters.add(b.address());
            }
        }
        this.commandTimes = drawCommandTimes();
        for (int i = 0; i < commandTimes.size(); i++) {
            reactions.add(CommandedReaction.values()[r.nextInt(CommandedReaction.values().length)]);
        }
        this.mtas = new int[Draws.between(r, MIN_MTAS, MAX_MTAS)];
        for (int i = 0; i < mtas.length; i++) {
            mtas[i] = w.book.fresh(r);
        }
        this.reconnectMean = Durations.seconds(Draws.between(r, PushChannel.MIN_RECONNECT_MEAN_MIN, PushChannel.MAX_RECONNECT_MEAN_MIN) * 60);
        record(base, spread);
    }

    private static int drawPort(ChannelKind kind, SplittableRandom r) {
        return switch (kind) {
            case irc -> {
                int p;
                do {
                    p = Draws.highPort(r);
                } while (p >= IRC_PORT_FIRST && p <= IRC_PORT_LAST);
                yield p;
            }
            case tls -> Draws.chance(r, TLS_ON_443) ? 443 : Draws.highPort(r);
            case binary -> Draws.highPort(r);
            case https -> Draws.chance(r, HTTPS_ON_443) ? 443 : 8443;
            case http -> r.nextBoolean() ? 80 : 8080;
        };
    }

    /** One command (a third of botnets) or 2–10, at random times at least {@link #MIN_COMMAND_GAP_S} apart. */
    private List<Long> drawCommandTimes() {
        int n = Draws.chance(r, SINGLE_COMMAND_SHARE) ? 1 : Draws.between(r, MIN_COMMANDS, MAX_COMMANDS);
        long from = w.start + Durations.seconds(FIRST_COMMAND_AFTER_S);
        long to = Math.max(from + 1, w.end - Durations.seconds(LAST_COMMAND_BEFORE_END_S));
        return Draws.spreadTimes(r, n, from, to, Durations.seconds(MIN_COMMAND_GAP_S));
    }

    private void record(double base, double spread) {
        List<String> names = new ArrayList<>();
        for (MonitoredHost b : bots) {
            names.add(b.text());
        }
        List<String> kinds = new ArrayList<>();
        for (CommandedReaction k : reactions) {
            if (!kinds.contains(k.label())) {
                kinds.add(k.label());
            }
        }
        w.truth.botnets.add(new GroundTruth.Botnet(name, IpAddresses.formatV4(cnc), port, kind.name(), names, kind.encrypted, kind.push,
                commandTimes.size(), kinds, base, spread));
    }

    /** Bots join in the first minutes; the commands follow as planned. */
    void start() {
        List<BotChannel> channels = new ArrayList<>();
        for (MonitoredHost bot : bots) {
            CncLink link = new CncLink(w, r, bot, cnc, port, protocol);
            BotChannel channel = kind.push ? new PushChannel(link, reconnectMean) : new PollChannel(link);
            long joinAt = w.start + Draws.nanosBetween(r, 0, JOIN_WINDOW_S);
            InfectionStory.before(w, bot, joinAt, InfectionStory.randomFor(w, bot, cnc));
            channel.join(joinAt);
            channels.add(channel);
        }
        for (int i = 0; i < commandTimes.size(); i++) {
            CommandedReaction reaction = reactions.get(i);
            w.sim.wake(commandTimes.get(i), (now, sim) -> issue(channels, reaction, now));
        }
    }

    private void issue(List<BotChannel> channels, CommandedReaction reaction, long now) {
        BotCommand command = BotCommand.draw(reaction, w, r, mtas);
        for (BotChannel channel : channels) {
            channel.command(command, now, received -> react(channel, command, received));
        }
    }

    /** The bot has the command: it reacts after the botnet's delay and its own jitter, and may report. */
    private void react(BotChannel channel, BotCommand command, long received) {
        long at = received + baseDelay + (long) (r.nextDouble() * jitter);
        MonitoredHost bot = channel.bot();
        w.sim.wake(at, (now, sim) -> command.perform(w, r, bot, now));
        if (reporters.contains(bot.address())) {
            channel.report(command, at + Draws.nanosBetween(r, MIN_REPORT_AFTER_S, MAX_REPORT_AFTER_S));
        }
    }
}
