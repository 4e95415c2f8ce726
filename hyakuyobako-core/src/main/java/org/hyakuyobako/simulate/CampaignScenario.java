package org.hyakuyobako.simulate;

import java.io.IOException;
import java.io.OutputStream;
import java.nio.ByteOrder;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.SplittableRandom;
import org.hyakuyobako.generate.CaptureWriter;
import org.hyakuyobako.generate.PcapWriter;

/**
 * The hard scenario generator, beside the classic {@link Scenario}: botnets whose every parameter is
 * drawn per seed (channel kind, port, heartbeat or poll rhythm, reaction delay and jitter, number of
 * bots and commands, what each command makes them do), single-command campaigns, encrypted-only
 * profiles, and benign traffic built to look like botnets — population-wide management pushes
 * followed by synchronized fetches, cron-aligned backup polls, hourly updaters, a mail relay, a web
 * proxy, chat pushes, Internet scanners sweeping every honeypot. Deterministic per seed; writes one
 * pcap per sensor and ground-truth.json. What a detector must learn here is the behaviour, never a
 * constant.
 */
public final class CampaignScenario {
    /** {@code mixed}: an IRC botnet, an encrypted push botnet and maybe a poller; {@code encrypted}: no IRC anywhere. */
    public enum Profile { mixed, encrypted }

    /**
     * @param sensors honeypots (honeypot scenario; one sensor each unless merged); intranet: 1
     * @param hosts intranet hosts (honeypot: one per sensor)
     * @param mergedHoneypots all honeypots in one capture, honeypots.pcap
     */
    public record Spec(Scenario.Kind kind, Profile profile, long seed, int sensors, int hosts, double hours, boolean mergedHoneypots) {
        public static final int DEFAULT_HONEYPOTS = 5;
        public static final int DEFAULT_INTRANET_HOSTS = 120;
        public static final double DEFAULT_HOURS = 2.0;
        /** The intranet needs room for a relay, a proxy, bots and clean hosts. */
        public static final int MIN_INTRANET_HOSTS = 20;

        public Spec {
            if (kind == Scenario.Kind.honeypot && sensors < 2) {
                throw new IllegalArgumentException("the honeypot scenario needs at least 2 honeypots");
            }
            if (kind == Scenario.Kind.intranet && hosts < MIN_INTRANET_HOSTS) {
                throw new IllegalArgumentException("the intranet scenario needs at least " + MIN_INTRANET_HOSTS + " hosts");
            }
            if (!(hours > 0)) {
                throw new IllegalArgumentException("hours must be positive");
            }
        }

        /** Five honeypots, two hours, profile mixed. */
        public static Spec honeypot(long seed) {
            return new Spec(Scenario.Kind.honeypot, Profile.mixed, seed, DEFAULT_HONEYPOTS, DEFAULT_HONEYPOTS, DEFAULT_HOURS, false);
        }

        /** 120 intranet hosts on one tap, two hours, profile mixed. */
        public static Spec intranet(long seed) {
            return new Spec(Scenario.Kind.intranet, Profile.mixed, seed, 1, DEFAULT_INTRANET_HOSTS, DEFAULT_HOURS, false);
        }

        /** The default honeypot or intranet scenario with encrypted C&C only and no IRC at all. */
        public static Spec encrypted(Scenario.Kind kind, long seed) {
            return (kind == Scenario.Kind.honeypot ? honeypot(seed) : intranet(seed)).withProfile(Profile.encrypted);
        }

        public Spec withProfile(Profile p) {
            return new Spec(kind, p, seed, sensors, hosts, hours, mergedHoneypots);
        }

        public Spec withMergedHoneypots(boolean merged) {
            return new Spec(kind, profile, seed, sensors, hosts, hours, merged);
        }

        public Spec withHours(double h) {
            return new Spec(kind, profile, seed, sensors, hosts, h, mergedHoneypots);
        }
    }

    /** Captures start on one of this many days from the classic scenario's date, at a time of the working day. */
    static final int START_DAYS = 14;
    static final int START_EARLIEST_HOUR = 6;
    static final int START_LATEST_HOUR = 18;
    private static final long CLASSIC_DAY = Scenario.START - 8 * Durations.HOUR;
    /** Mixes seed, kind and profile into the root random source: no two of them share their draws, nor with the classic scenario. */
    private static final long SEED_MIX = 0x5DEE_CE66_DL;
    private static final int PROFILES = Profile.values().length;

    private final Spec spec;

    public CampaignScenario(Spec spec) {
        this.spec = spec;
    }

    public Spec spec() {
        return spec;
    }

    /** The capture files this spec writes, in sensor order. */
    public List<String> sensorNames() {
        List<String> names = new ArrayList<>();
        if (spec.kind() == Scenario.Kind.intranet) {
            names.add("tap");
        } else if (spec.mergedHoneypots()) {
            names.add("honeypots");
        } else {
            for (int i = 1; i <= spec.sensors(); i++) {
                names.add("hp" + i);
            }
        }
        return names;
    }

    /** Writes one capture per sensor ({@code <sensor>.pcap}) and ground-truth.json into {@code dir}. */
    public GroundTruth write(Path dir) throws IOException {
        Files.createDirectories(dir);
        GroundTruth truth = new GroundTruth(spec.kind().name(), spec.seed());
        truth.profile = spec.profile().name();
        truth.sensors.addAll(sensorNames());
        CaptureWriter[] writers = new CaptureWriter[truth.sensors.size()];
        try {
            for (int s = 0; s < writers.length; s++) {
                OutputStream os = Files.newOutputStream(dir.resolve(truth.sensors.get(s) + ".pcap"));
                writers[s] = new PcapWriter(os, 1, ByteOrder.LITTLE_ENDIAN, false, 65_535, false);
            }
            SplittableRandom root = new SplittableRandom(spec.seed() * SEED_MIX + spec.kind().ordinal() * PROFILES + spec.profile().ordinal());
            long start = CLASSIC_DAY + root.nextInt(START_DAYS) * Durations.DAY
                    + Durations.seconds(Draws.between(root, START_EARLIEST_HOUR, START_LATEST_HOUR) * 3600.0);
            long end = start + Durations.seconds(spec.hours() * 3600);
            Simulation sim = new Simulation(writers, root.nextLong(), end);
            World w = world(sim, start, end, truth, root.split());
            new CampaignCast(w, spec.profile(), root).play();
            sim.run();
            truth.packets = sim.packets();
        } finally {
            for (CaptureWriter writer : writers) {
                if (writer != null) {
                    writer.close();
                }
            }
        }
        truth.write(dir.resolve("ground-truth.json"));
        return truth;
    }

    private World world(Simulation sim, long start, long end, GroundTruth truth, SplittableRandom r) {
        AddressBook book = new AddressBook();
        MonitoredNetwork network = spec.kind() == Scenario.Kind.honeypot
                ? MonitoredNetwork.honeypots(spec.sensors(), spec.mergedHoneypots(), book, r)
                : MonitoredNetwork.intranet(spec.hosts(), r);
        for (MonitoredHost h : network.hosts()) {
            truth.hosts.add(h.text());
        }
        truth.homeNetworks.addAll(network.cidrs());
        int resolver = book.fresh(r);
        World w = new World(sim, start, end, network, book, truth, resolver, spec.kind() == Scenario.Kind.intranet);
        w.benign(resolver, "resolver");
        return w;
    }
}
