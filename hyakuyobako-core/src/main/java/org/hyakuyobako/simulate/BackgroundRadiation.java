package org.hyakuyobako.simulate;

import java.util.List;
import java.util.SplittableRandom;

/**
 * Internet background radiation at the honeypots: SYN probes from a pool of scanners that come back
 * (and from sources seen once), most at one honeypot, some sweeping every honeypot in a row a few
 * seconds apart — a synchronized-looking contact of many honeypots with one source that is no C&C.
 */
final class BackgroundRadiation implements Simulation.Actor {
    static final int MIN_SCANNERS = 100;
    static final int MAX_SCANNERS = 300;
    /** Probe packets per second over all honeypots, per scenario. */
    static final double MIN_PPS = 1.0;
    static final double MAX_PPS = 3.0;
    /** Share of scans that sweep every honeypot, per scenario. */
    static final double MIN_SWEEP_SHARE = 0.03;
    static final double MAX_SWEEP_SHARE = 0.08;
    /** Share of probes from the pool of returning scanners (the rest from one-time sources). */
    static final double RETURNING_SHARE = 0.2;
    /** A sweep moves to the next honeypot after this long. */
    static final double MIN_SWEEP_STEP_S = 0.5;
    static final double MAX_SWEEP_STEP_S = 4.0;
    /** Packets a probe costs on average (SYN, and an answer or two), to turn the packet rate into a probe rate. */
    static final double PACKETS_PER_PROBE = 2.5;
    /** Honeypots answer a probe with SYN-ACK (an open service) this often, else RST. */
    static final double HONEYPOT_ACCEPTS = 0.5;
    static final int[] PORTS = {445, 135, 139, 1433, 22, 23, 80, 3389, 5900, 8080};
    private static final int[] WINDOWS = {1024, 65_535, 29_200, 8192};

    private final World w;
    private final SplittableRandom r;
    private final int[] scanners;
    private final double sweepShare;
    private final long meanGap;
    private final List<MonitoredHost> honeypots;

    BackgroundRadiation(World w, SplittableRandom r) {
        this.w = w;
        this.r = r;
        this.honeypots = w.network.hosts();
        this.scanners = new int[Draws.between(r, MIN_SCANNERS, MAX_SCANNERS)];
        for (int i = 0; i < scanners.length; i++) {
            scanners[i] = w.book.fresh(r);
            w.benign(scanners[i], "internet-scanner");
        }
        this.sweepShare = Draws.between(r, MIN_SWEEP_SHARE, MAX_SWEEP_SHARE);
        double probesPerScan = 1 + sweepShare * (honeypots.size() - 1);
        this.meanGap = (long) (Durations.SECOND * PACKETS_PER_PROBE * probesPerScan / Draws.between(r, MIN_PPS, MAX_PPS));
    }

    void start() {
        w.sim.wake(w.start + Draws.exponential(r, meanGap), this);
    }

    @Override
    public void wake(long now, Simulation sim) {
        int scanner = Draws.chance(r, RETURNING_SHARE) ? Draws.pick(r, scanners) : w.book.fresh(r);
        int port = Draws.pick(r, PORTS);
        int window = Draws.pick(r, WINDOWS);
        int sport = Draws.ephemeralPort(r);
        List<MonitoredHost> targets = Draws.chance(r, sweepShare) ? honeypots : List.of(Draws.pick(r, honeypots));
        long t = now;
        for (MonitoredHost h : targets) {
            SynProbe.Outcome answer = Draws.chance(r, HONEYPOT_ACCEPTS) ? SynProbe.Outcome.ACCEPTED : SynProbe.Outcome.REFUSED;
            SynProbe.send(w, scanner, h.address(), sport, port, r.nextInt(), window, answer, t, Durations.MS / 2);
            t += Draws.nanosBetween(r, MIN_SWEEP_STEP_S, MAX_SWEEP_STEP_S);
        }
        sim.wake(now + Draws.exponential(r, meanGap), this);
    }
}
