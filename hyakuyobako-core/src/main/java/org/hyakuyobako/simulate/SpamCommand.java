package org.hyakuyobako.simulate;

import java.util.ArrayList;
import java.util.List;
import java.util.SplittableRandom;

/**
 * A spam run: each bot looks up MX records at the resolver, then delivers to its own subset of the
 * botnet's mail servers, rotating through them a few hundred milliseconds apart; some servers
 * refuse at the door (RST) or by their banner (554), the same ones for every bot.
 *
 * @param mtas the botnet's pool of mail servers
 * @param minTargets fewest servers one bot delivers to
 * @param maxTargets most servers one bot delivers to
 * @param gap time between a bot's deliveries
 * @param refusedShare servers that refuse (RST or 554, half each)
 * @param salt makes refusals differ between commands
 */
record SpamCommand(int[] mtas, int minTargets, int maxTargets, long gap, double refusedShare, int bodySize, long salt)
        implements BotCommand {
    static final int MIN_TARGETS = 5;
    static final int MAX_TARGETS = 30;
    static final double MIN_GAP_MS = 150;
    static final double MAX_GAP_MS = 800;
    static final double MIN_REFUSED = 0.05;
    static final double MAX_REFUSED = 0.3;
    static final int MIN_BODY = 400;
    static final int MAX_BODY = 4_000;
    /** MX look-ups before the run: one per recipient domain of the batch. */
    static final int MIN_LOOKUPS = 1;
    static final int MAX_LOOKUPS = 3;
    static final List<String> DOMAINS = List.of("mail.example.net", "example.org", "post.example.com", "inbox.example.net");

    static SpamCommand draw(SplittableRandom r, int[] mtas) {
        int lo = Draws.between(r, MIN_TARGETS, MAX_TARGETS);
        int hi = Draws.between(r, lo, MAX_TARGETS);
        return new SpamCommand(mtas, lo, hi, Durations.seconds(Draws.between(r, MIN_GAP_MS, MAX_GAP_MS) / 1000),
                Draws.between(r, MIN_REFUSED, MAX_REFUSED), Draws.between(r, MIN_BODY, MAX_BODY), r.nextLong());
    }

    @Override
    public CommandedReaction kind() {
        return CommandedReaction.SPAM;
    }

    @Override
    public String text() {
        return ".spam.start " + Long.toHexString(salt & 0xFFFF) + ".tpl";
    }

    @Override
    public void perform(World w, SplittableRandom r, MonitoredHost bot, long t) {
        long at = t;
        for (int i = Draws.between(r, MIN_LOOKUPS, MAX_LOOKUPS); i > 0; i--) {
            at = w.lookup(r, bot, Draws.pick(r, DOMAINS), Draws.pick(r, mtas), true, at) + Durations.MS;
        }
        List<Integer> pool = new ArrayList<>();
        for (int m : mtas) {
            pool.add(m);
        }
        byte[] body = SmtpSession.message(r, "Re: your order " + Integer.toHexString(r.nextInt()), bodySize);
        int n = 0;
        for (int mta : Draws.sample(r, pool, Draws.between(r, minTargets, maxTargets))) {
            SynProbe.Outcome door = SynProbe.outcome(mta, 25, salt, refusedShare / 2, refusedShare / 2);
            SmtpSession.Outcome outcome = switch (door) {
                case REFUSED -> SmtpSession.Outcome.REFUSED;
                case ACCEPTED -> SmtpSession.Outcome.REJECTED;
                case SILENT -> SmtpSession.Outcome.DELIVERED;
            };
            Tcp smtp = w.connect(r, bot, mta, 25);
            SmtpSession.deliver(smtp, r, "pc" + Integer.toHexString(bot.address() & 0xFFFF), "info@" + Draws.pick(r, DOMAINS),
                    "user" + r.nextInt(10_000) + "@" + Draws.pick(r, DOMAINS), body, outcome, at + n++ * gap);
        }
    }
}
