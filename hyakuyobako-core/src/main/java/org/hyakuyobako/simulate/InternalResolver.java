package org.hyakuyobako.simulate;

import java.util.HashSet;
import java.util.Set;
import java.util.SplittableRandom;

/**
 * The intranet's own resolver: every PC asks it, and it asks the Internet's resolver the first time
 * it meets a name, so it looks up everything the PCs look up, the bots' C&C names and the spam
 * bots' MX bursts included. A busy, benign server whose normal behaviour resembles several kinds of
 * evidence (many names, MX look-ups, NXDOMAIN runs): its role must be learned, or it is judged.
 */
final class InternalResolver {
    private final World w;
    private final MonitoredHost host;
    private final Set<String> cached = new HashSet<>();

    InternalResolver(World w, MonitoredHost host) {
        this.w = w;
        this.host = host;
        w.truth.benignHosts.add(new GroundTruth.Benign(host.text(), "resolver"));
    }

    MonitoredHost host() {
        return host;
    }

    /** {@code asker}'s look-up through this resolver; returns when the answer reached the asker. */
    long ask(SplittableRandom r, MonitoredHost asker, String name, int answer, boolean mx, long t) {
        long answered = asker.equals(host) ? t
                : Reactions.lookup(w.sim, r, asker.sensor(), asker.address(), host.address(), name, answer, mx, t);
        if (cached.add((mx ? "MX " : "A ") + name)) {
            answered = Math.max(answered, Reactions.lookup(w.sim, r, host.sensor(), host.address(), w.resolver, name, answer, mx,
                    t + Durations.MS / 5));
        }
        return answered;
    }
}
