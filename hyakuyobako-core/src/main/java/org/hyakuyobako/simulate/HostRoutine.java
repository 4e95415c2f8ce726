package org.hyakuyobako.simulate;

import java.util.ArrayList;
import java.util.List;
import java.util.SplittableRandom;
import org.hyakuyobako.generate.FrameBuilder;

/**
 * What every monitored host does by itself: look up unrelated names at the shared resolver (each
 * host at its own pace) and set its clock by NTP every 1024 s (ntpd's longest poll interval) on
 * its own phase. Every host talks to the resolver and the time server: shared, never C&C.
 */
final class HostRoutine {
    /** Mean time between a host's unrelated look-ups, per host. */
    static final double MIN_LOOKUP_MEAN_S = 90;
    static final double MAX_LOOKUP_MEAN_S = 600;
    static final long NTP_PERIOD = 1024 * Durations.SECOND;
    static final int NTP_PORT = 123;
    static final int NTP_PACKET = 48;
    /** The time server answers within this time. */
    static final double MIN_NTP_RTT_MS = 5;
    static final double MAX_NTP_RTT_MS = 80;
    /** Names a host looks up now and then, and what they resolve to (addresses no one connects to here). */
    static final int NAMES = 40;

    private final World w;
    private final SplittableRandom r;
    private final int ntp;
    private final List<String> names = new ArrayList<>();
    private final List<Integer> answers = new ArrayList<>();

    HostRoutine(World w, SplittableRandom r) {
        this.w = w;
        this.r = r;
        this.ntp = w.book.fresh(r);
        w.benign(ntp, "ntp");
        for (int i = 0; i < NAMES; i++) {
            names.add(Names.domain(r, "www"));
            answers.add(w.book.fresh(r));
        }
    }

    void start(MonitoredHost h) {
        long mean = Draws.nanosBetween(r, MIN_LOOKUP_MEAN_S, MAX_LOOKUP_MEAN_S);
        w.every(w.start + Draws.exponential(r, mean), () -> Draws.exponential(r, mean), now -> {
            int i = r.nextInt(names.size());
            w.lookup(r, h, names.get(i), answers.get(i), now);
        });
        w.every(w.start + (long) (r.nextDouble() * NTP_PERIOD), () -> NTP_PERIOD, now -> setClock(h, now));
    }

    private void setClock(MonitoredHost h, long now) {
        FrameBuilder f = w.sim.frames();
        w.sim.packet(now, h.sensor(), f.udp4(h.address(), ntp, NTP_PORT, NTP_PORT, null, NTP_PACKET));
        long answered = now + Durations.seconds(Draws.between(r, MIN_NTP_RTT_MS, MAX_NTP_RTT_MS) / 1000);
        w.sim.packet(answered, h.sensor(), f.udp4(ntp, h.address(), NTP_PORT, NTP_PORT, null, NTP_PACKET));
    }
}
