package org.hyakuyobako.detect.dns;

import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.Consumer;
import org.hyakuyobako.decode.IpAddresses;
import org.hyakuyobako.detect.LruMap;
import org.hyakuyobako.event.DnsEvent;
import org.hyakuyobako.event.Event;
import org.hyakuyobako.event.EvidenceEvent;
import org.hyakuyobako.net.HomeNet;
import org.hyakuyobako.net.geo.PeerLocation;
import org.hyakuyobako.net.geo.PeerLocator;
import org.hyakuyobako.pipeline.EventObserver;

/**
 * A DNS profile per monitored host (seed 000: the count, interval, size and duration of its
 * look-ups), in windows of {@link #WINDOW_NANOS}: how many queries, how many distinct names, their
 * mean size. After {@link #LEARNING_WINDOWS} windows of history, a window with at least
 * {@link #MIN_QUERIES} queries and {@link #FACTOR} times the host's usual count or distinct names
 * is a host leaving its profile (a bot starting to spam or to look for its C&C): evidence
 * (method {@code dns}) 0.4, once per host. Quiet windows teach the profile; loud ones do not.
 *
 * <p>The profile also holds the region of the addresses the host's names resolve to (seed 000):
 * the countries of its answers while it was learned. The evidence names the countries that the
 * host's answers reach for the first time since then (an infected host resolving its C&C and spam
 * targets abroad). It only explains; the score is the same, so a traveller's laptop or a new
 * CDN edge does not make a verdict.
 */
public final class DnsProfileDetector implements EventObserver {
    static final long WINDOW_NANOS = 600_000_000_000L;
    static final int LEARNING_WINDOWS = 3;
    static final int MIN_QUERIES = 50;
    static final double FACTOR = 5;
    static final double SMOOTHING = 0.3;

    private final HomeNet homeNet;
    private final Consumer<Event> emit;
    private final Map<String, Profile> profiles = new LruMap<>(100_000);

    /** One host's usual look-ups and the current window. */
    private static final class Profile {
        long windowStart;
        long queries;
        long bytes;
        final Set<String> names = new HashSet<>();
        int windowsSeen;
        double usualQueries;
        double usualNames;
        double usualSize;
        boolean reported;
        /** Countries of the answers while the profile was learned. */
        final Set<String> usualCountries = new HashSet<>();
        /** Countries first reached after that, in the order they came. */
        final Set<String> newCountries = new java.util.LinkedHashSet<>();
    }

    static final int MAX_COUNTRIES = 256;

    private final PeerLocator peers;

    public DnsProfileDetector(HomeNet homeNet, Consumer<Event> emit) {
        this.homeNet = homeNet;
        this.emit = emit;
        this.peers = PeerLocator.bundled(homeNet);
    }

    @Override
    public void accept(Event event) {
        if (!(event instanceof DnsEvent d)) {
            return;
        }
        if (!d.query()) {
            answer(d);
            return;
        }
        String host = d.conn().srcIp();
        long[] a = IpAddresses.parse(host);
        if (!homeNet.contains(a[0], a[1])) {
            return;
        }
        long now = d.timestampNanos();
        Profile p = profiles.computeIfAbsent(host, k -> {
            Profile n = new Profile();
            n.windowStart = now;
            return n;
        });
        while (now - p.windowStart >= WINDOW_NANOS) {
            closeWindow(host, p);
            p.windowStart += WINDOW_NANOS;
        }
        p.queries++;
        p.bytes += d.rrname().length() + 18;     // header, question type and class, and the name's length bytes
        if (p.names.size() < 10_000) {
            p.names.add(d.rrname());
        }
        judge(host, p, now);
    }

    /** The region of a profiled host's answers: learned while the profile is, new countries after. */
    private void answer(DnsEvent d) {
        Profile p = profiles.get(d.conn().destIp());
        if (p == null) {
            return;
        }
        for (DnsEvent.Answer a : d.answers()) {
            if (!a.isAddress()) {
                continue;
            }
            PeerLocation where = peers.locate(a.rdata());
            String country = where == null ? null : where.countryIsoCode();
            if (country == null) {
                continue;
            }
            if (p.windowsSeen < LEARNING_WINDOWS) {
                if (p.usualCountries.size() < MAX_COUNTRIES) {
                    p.usualCountries.add(country);
                }
            } else if (!p.usualCountries.contains(country) && p.newCountries.size() < MAX_COUNTRIES) {
                p.newCountries.add(country);
            }
        }
    }

    /** ", its answers now reach RU, JP (usually US)" when the host resolves into countries new to it. */
    private static String region(Profile p) {
        if (p.newCountries.isEmpty()) {
            return "";
        }
        return "; its answers now reach " + String.join(", ", p.newCountries) + " (usually "
                + (p.usualCountries.isEmpty() ? "no located address" : String.join(", ", new java.util.TreeSet<>(p.usualCountries))) + ")";
    }

    /** Judged as the window fills, so a burst is reported when it happens, not ten minutes later. */
    private void judge(String host, Profile p, long now) {
        if (p.reported || p.windowsSeen < LEARNING_WINDOWS || p.queries < MIN_QUERIES) {
            return;
        }
        boolean manyQueries = p.queries >= FACTOR * Math.max(1, p.usualQueries);
        boolean manyNames = p.names.size() >= FACTOR * Math.max(1, p.usualNames);
        if (manyQueries || manyNames) {
            p.reported = true;
            emit.accept(new EvidenceEvent(p.windowStart, now, host, null, "dns", 0.4, String.format(
                    "leaves its DNS profile: %d queries for %d names within %d min, where it usually makes %.0f queries for %.0f names"
                            + " (mean query %.0f bytes, usually %.0f)%s", p.queries, p.names.size(), WINDOW_NANOS / 60_000_000_000L,
                    p.usualQueries, p.usualNames, p.bytes / (double) p.queries, p.usualSize, region(p)), List.of("dns:profile")));
        }
    }

    private static void closeWindow(String host, Profile p) {
        boolean loud = p.windowsSeen >= LEARNING_WINDOWS && p.queries >= FACTOR * Math.max(1, p.usualQueries);
        if (!loud) {
            double size = p.queries == 0 ? p.usualSize : p.bytes / (double) p.queries;
            if (p.windowsSeen == 0) {
                p.usualQueries = p.queries;
                p.usualNames = p.names.size();
                p.usualSize = size;
            } else {
                p.usualQueries += SMOOTHING * (p.queries - p.usualQueries);
                p.usualNames += SMOOTHING * (p.names.size() - p.usualNames);
                p.usualSize += SMOOTHING * (size - p.usualSize);
            }
        }
        p.windowsSeen++;
        p.queries = 0;
        p.bytes = 0;
        p.names.clear();
    }
}
