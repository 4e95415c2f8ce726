package org.hyakuyobako.simulate;

import java.util.SplittableRandom;
import java.util.function.LongConsumer;
import java.util.function.LongSupplier;
import org.hyakuyobako.decode.IpAddresses;

/**
 * What every part of a campaign scenario shares: the clock window, the monitored network, the
 * address book, the resolver everyone asks, and the ground truth each part records its nodes in.
 * Each part draws from its own random source (split from the seed's), so that adding to one part
 * leaves the others' traffic as it was.
 */
final class World {
    /** Round-trip times: inside the intranet, and to Internet servers. */
    static final double LAN_RTT_MIN_MS = 0.2;
    static final double LAN_RTT_MAX_MS = 2.0;
    static final double WAN_RTT_MIN_MS = 12.0;
    static final double WAN_RTT_MAX_MS = 180.0;

    final Simulation sim;
    final long start;
    final long end;
    final MonitoredNetwork network;
    final AddressBook book;
    final GroundTruth truth;
    final int resolver;
    /** The intranet's own resolver, or null (honeypots ask the Internet's directly). */
    private InternalResolver internalResolver;
    private final boolean intranet;

    World(Simulation sim, long start, long end, MonitoredNetwork network, AddressBook book, GroundTruth truth, int resolver,
          boolean intranet) {
        this.sim = sim;
        this.start = start;
        this.end = end;
        this.network = network;
        this.book = book;
        this.truth = truth;
        this.resolver = resolver;
        this.intranet = intranet;
    }

    /**
     * Schedules the frame just built with {@code sim.frames()} on every sensor that sees one of its
     * ends: once on a single tap, on both honeypots' sensors when one honeypot probes another.
     */
    void packet(long t, int src, int dst, int length) {
        MonitoredHost a = network.at(src);
        MonitoredHost b = network.at(dst);
        if (a != null) {
            sim.packet(t, a.sensor(), length);
        }
        if (b != null && (a == null || a.sensor() != b.sensor())) {
            sim.packet(t, b.sensor(), length);
        }
    }

    /** Runs {@code action} at {@code first}, then again after each {@code gap} (drawn anew each time), until the end. */
    void every(long first, LongSupplier gap, LongConsumer action) {
        sim.wake(first, new Simulation.Actor() {
            @Override
            public void wake(long now, Simulation s) {
                action.accept(now);
                s.wake(now + gap.getAsLong(), this);
            }
        });
    }

    /** A round-trip time to {@code server} from a monitored host: LAN-short when the server is monitored too. */
    long rtt(SplittableRandom r, int server) {
        boolean lan = network.at(server) != null || !AddressBook.isPublic(server);
        double ms = lan ? Draws.between(r, LAN_RTT_MIN_MS, LAN_RTT_MAX_MS) : Draws.logUniform(r, WAN_RTT_MIN_MS, WAN_RTT_MAX_MS);
        return Durations.seconds(ms / 1000);
    }

    /** A TCP connection from a monitored host, with its own source port and round-trip time. */
    Tcp connect(SplittableRandom r, MonitoredHost from, int server, int port) {
        return new Tcp(sim, r, from.sensor(), from.address(), server, Draws.ephemeralPort(r), port, rtt(r, server));
    }

    /** A look-up at the shared resolver that answers {@code answer}; returns when the answer is in. */
    long lookup(SplittableRandom r, MonitoredHost host, String name, int answer, long t) {
        return lookup(r, host, name, answer, false, t);
    }

    /**
     * A look-up (A, or MX before mail) at the host's resolver: the intranet's own when it has one,
     * which asks the Internet's resolver the first time; else the Internet's. Returns when the answer is in.
     */
    long lookup(SplittableRandom r, MonitoredHost host, String name, int answer, boolean mx, long t) {
        if (internalResolver != null) {
            return internalResolver.ask(r, host, name, answer, mx, t);
        }
        return Reactions.lookup(sim, r, host.sensor(), host.address(), resolver, name, answer, mx, t);
    }

    /** The intranet's own resolver, which every PC asks from now on. */
    void useInternalResolver(InternalResolver internal) {
        this.internalResolver = internal;
    }

    void benign(int address, String role) {
        truth.benign.add(new GroundTruth.Benign(IpAddresses.formatV4(address), role));
    }

    /** An intranet behind one tap (else honeypots on the Internet). */
    boolean intranet() {
        return intranet;
    }
}
