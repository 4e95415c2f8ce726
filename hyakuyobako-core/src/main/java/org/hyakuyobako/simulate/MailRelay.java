package org.hyakuyobako.simulate;

import java.util.List;
import java.util.SplittableRandom;

/**
 * The organisation's mail relay, an intranet host: internal clients submit to it, it delivers out to
 * many external MTAs (an MX look-up first) and it receives mail from 10–50 external senders (it is
 * the MX), steadily all day, a mail every 10–60 s. Many SMTP destinations, MX look-ups, inbound
 * connections: everything a spam bot shows, and benign.
 */
final class MailRelay {
    static final int[] SUBMISSION_PORTS = {25, 587};
    static final int SMTP = 25;
    static final double MIN_GAP_S = 10;
    static final double MAX_GAP_S = 60;
    /** What a mail event is: an outbound mail (submitted, then delivered out), an inbound one, else an internal one. */
    static final double OUTBOUND_SHARE = 0.5;
    static final double INBOUND_SHARE = 0.35;
    static final int MIN_SENDERS = 10;
    static final int MAX_SENDERS = 50;
    static final int MIN_MTAS = 40;
    static final int MAX_MTAS = 120;
    static final int MIN_MAIL = 1_000;
    static final int MAX_MAIL = 30_000;
    /** The relay delivers a submitted mail this long after it was queued. */
    static final double MIN_QUEUE_S = 0.5;
    static final double MAX_QUEUE_S = 5;
    /** Outbound deliveries the remote side rejects (554) or refuses (RST). */
    static final double REJECTED_SHARE = 0.03;
    static final double REFUSED_SHARE = 0.02;

    private final World w;
    private final SplittableRandom r;
    private final MonitoredHost relay;
    private final List<MonitoredHost> clients;
    private final int submissionPort;
    private final int[] senders;
    private final int[] mtas;
    private final String domain;

    MailRelay(World w, SplittableRandom r, MonitoredHost relay, List<MonitoredHost> clients) {
        this.w = w;
        this.r = r;
        this.relay = relay;
        this.clients = clients;
        this.submissionPort = Draws.pick(r, SUBMISSION_PORTS);
        this.domain = Names.domain(r, "corp").substring("corp.".length());
        w.truth.benignHosts.add(new GroundTruth.Benign(relay.text(), "mail-relay"));
        this.senders = new int[Draws.between(r, MIN_SENDERS, MAX_SENDERS)];
        for (int i = 0; i < senders.length; i++) {
            senders[i] = w.book.fresh(r);
            w.benign(senders[i], "mail-sender");
        }
        this.mtas = new int[Draws.between(r, MIN_MTAS, MAX_MTAS)];
        for (int i = 0; i < mtas.length; i++) {
            mtas[i] = w.book.fresh(r);
            w.benign(mtas[i], "mta-of-relay");
        }
    }

    void start() {
        w.every(w.start + Draws.nanosBetween(r, 0, MAX_GAP_S), () -> Draws.nanosBetween(r, MIN_GAP_S, MAX_GAP_S), this::mail);
    }

    private void mail(long now) {
        byte[] body = SmtpSession.message(r, "Meeting notes " + r.nextInt(1000), (int) Draws.logUniform(r, MIN_MAIL, MAX_MAIL));
        double kind = r.nextDouble();
        boolean outbound = kind < OUTBOUND_SHARE;
        boolean inbound = kind >= 1 - INBOUND_SHARE;
        if (!inbound) {
            MonitoredHost client = Draws.pick(r, clients);
            Tcp submit = w.connect(r, client, relay.address(), submissionPort);
            long queued = SmtpSession.deliver(submit, r, "pc" + (client.address() & 0xFF) + "." + domain, "staff@" + domain,
                    outbound ? "partner@example.net" : "colleague@" + domain, body, SmtpSession.Outcome.DELIVERED, now);
            if (outbound) {
                deliverOut(body, queued + Draws.nanosBetween(r, MIN_QUEUE_S, MAX_QUEUE_S));
            }
        } else {
            int sender = Draws.pick(r, senders);
            Tcp in = new Tcp(w.sim, r, relay.sensor(), sender, relay.address(), Draws.ephemeralPort(r), SMTP, w.rtt(r, sender));
            SmtpSession.deliver(in, r, "mx.sender" + (sender & 0xFF) + ".example.com", "news@example.com", "staff@" + domain, body,
                    SmtpSession.Outcome.DELIVERED, now);
        }
    }

    private void deliverOut(byte[] body, long at) {
        int mta = Draws.pick(r, mtas);
        long t = w.lookup(r, relay, "partner" + (mta & 0xFF) + ".example.net", mta, true, at) + Durations.MS;
        double u = r.nextDouble();
        SmtpSession.Outcome outcome = u < REJECTED_SHARE ? SmtpSession.Outcome.REJECTED
                : u < REJECTED_SHARE + REFUSED_SHARE ? SmtpSession.Outcome.REFUSED : SmtpSession.Outcome.DELIVERED;
        SmtpSession.deliver(w.connect(r, relay, mta, SMTP), r, "mail." + domain, "staff@" + domain, "partner@example.net", body, outcome, t);
    }
}
