package org.hyakuyobako.detect.sync;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import org.hyakuyobako.detect.timing.ScheduledJob;
import org.hyakuyobako.event.BeaconEvent;
import org.hyakuyobako.event.Event;
import org.hyakuyobako.pipeline.EventObserver;

/**
 * Hosts that beacon alike to one outside endpoint: the same rare endpoint, a similar period and
 * similar message sizes (one implant's timer and protocol), read from the {@code beacon} events of
 * session timing. Seven hosts sending the same small message every minute to an endpoint no one
 * else talks to are one group with one C&C candidate, not seven separate timing items.
 *
 * <p>Used two ways: as a second signal for a C&C that synchronized reactions name with only two
 * bots ({@link #hostsBeaconingTo}), and alone ({@link #groups}) when the group is large enough,
 * rare in the population, exclusive to the endpoint and not a scheduled job (backup agents and
 * cron jobs fire at one second of the minute on every host; implants start on their own clocks).
 *
 * <p>Bounded: {@link #MAX_ENDPOINTS} endpoints, {@link #MAX_PER_ENDPOINT} beacons each.
 */
public final class BeaconGroups implements EventObserver {
    static final int MAX_ENDPOINTS = 100_000;
    static final int MAX_PER_ENDPOINT = 10_000;
    /** Periods within this factor of each other are alike (timers jitter, logs round to a second). */
    static final double PERIOD_FACTOR = 1.25;
    /** Sizes within this factor of the group's median are alike. */
    static final double SIZE_FACTOR = 2.0;
    /** A group names a C&C alone with at least this many hosts... */
    static final int MIN_HOSTS_ALONE = 3;
    /** ...that are at most this share of the population (or {@link #MIN_HOSTS_ALONE}): a service on many hosts is the site's own. */
    static final double MAX_POPULATION_SHARE = 0.1;
    /** ...and at least this share of the hosts that ever contact the endpoint. */
    static final double MIN_SHARE_OF_CONTACTS = 0.75;

    /** One host's beacon to the endpoint. */
    record Beacon(String host, int sensorId, long periodNanos, long sizeMedian, long count, long firstNanos, long lastNanos,
                  int secondOfMinute, String kind) {
    }

    /** Hosts beaconing alike to one endpoint. */
    record Group(String ip, int port, List<Beacon> beacons) {
        Set<String> hosts() {
            Set<String> out = new TreeSet<>();
            beacons.forEach(b -> out.add(b.host()));
            return out;
        }

        long periodNanos() {
            return beacons.get(beacons.size() / 2).periodNanos();
        }

        long sizeMedian() {
            long[] s = beacons.stream().mapToLong(Beacon::sizeMedian).sorted().toArray();
            return s[s.length / 2];
        }
    }

    private final Map<String, List<Beacon>> byEndpoint = new LinkedHashMap<>();
    long dropped;

    @Override
    public void accept(Event event) {
        if (!(event instanceof BeaconEvent b)) {
            return;
        }
        String key = b.destIp() + "|" + b.destPort();
        List<Beacon> list = byEndpoint.get(key);
        if (list == null) {
            if (byEndpoint.size() >= MAX_ENDPOINTS) {
                dropped++;
                return;
            }
            list = new ArrayList<>();
            byEndpoint.put(key, list);
        }
        if (list.size() >= MAX_PER_ENDPOINT) {
            dropped++;
            return;
        }
        list.add(new Beacon(b.host(), b.sensorId(), b.periodNanos(), b.sizeMedian(), b.count(), b.firstNanos(), b.lastNanos(),
                b.secondOfMinute(), b.kind()));
    }

    @Override
    public void finish() {
    }

    /** The hosts of the largest group beaconing alike to the endpoint (two or more, no scheduled job), else none. */
    Set<String> hostsBeaconingTo(String ip, int port) {
        Group g = alike(ip, port, byEndpoint.getOrDefault(ip + "|" + port, List.of()));
        return g == null || scheduled(g) ? Set.of() : g.hosts();
    }

    /**
     * Groups that name a C&C alone: large enough, rare in the population, exclusive to the endpoint,
     * and no scheduled job.
     *
     * @param contacts how many monitored hosts opened connections to a node
     */
    List<Group> groups(int population, CncInference.Contacts contacts) {
        List<Group> out = new ArrayList<>();
        int maxHosts = Math.max(MIN_HOSTS_ALONE, (int) (MAX_POPULATION_SHARE * population));
        for (Map.Entry<String, List<Beacon>> e : byEndpoint.entrySet()) {
            String ip = e.getKey().substring(0, e.getKey().lastIndexOf('|'));
            int port = Integer.parseInt(e.getKey().substring(e.getKey().lastIndexOf('|') + 1));
            Group g = alike(ip, port, e.getValue());
            if (g == null) {
                continue;
            }
            int hosts = g.hosts().size();
            long[] address = org.hyakuyobako.decode.IpAddresses.parse(ip);
            int contacted = Math.max(hosts, contacts.apply(address[0], address[1]));
            if (hosts >= MIN_HOSTS_ALONE && hosts <= maxHosts && hosts >= MIN_SHARE_OF_CONTACTS * contacted && !scheduled(g)) {
                out.add(g);
            }
        }
        return out;
    }

    /**
     * A scheduled job, not an implant's timer: most of the group fires at one second of the minute
     * (one administrator's schedule), or most of its hosts keep a period of whole minutes to the
     * second (a job scheduler on each host, whatever its phase). Implants that do the same are left
     * to synchronized reactions: a benign job named C&C is worse than an implant found another way.
     */
    private static boolean scheduled(Group g) {
        int[] seconds = g.beacons().stream().mapToInt(Beacon::secondOfMinute).toArray();
        long kept = java.util.Arrays.stream(seconds).filter(s -> s >= 0).count();
        return ScheduledJob.sameSecond(seconds) || 2 * kept > seconds.length;
    }

    /** The largest set of beacons (one per host) with periods within {@link #PERIOD_FACTOR} and sizes alike. */
    private static Group alike(String ip, int port, List<Beacon> beacons) {
        if (beacons.size() < 2) {
            return null;
        }
        List<Beacon> sorted = new ArrayList<>(beacons);
        sorted.sort(Comparator.comparingLong(Beacon::periodNanos));
        List<Beacon> best = List.of();
        int j = 0;
        for (int i = 0; i < sorted.size(); i++) {
            while (sorted.get(i).periodNanos() > PERIOD_FACTOR * sorted.get(j).periodNanos()) {
                j++;
            }
            List<Beacon> window = sameSize(sorted.subList(j, i + 1));
            if (window.size() > best.size()) {
                best = window;
            }
        }
        return best.size() >= 2 ? new Group(ip, port, best) : null;
    }

    /** One beacon per host, keeping those whose size is within {@link #SIZE_FACTOR} of the median. */
    private static List<Beacon> sameSize(List<Beacon> window) {
        Map<String, Beacon> perHost = new LinkedHashMap<>();
        for (Beacon b : window) {
            perHost.putIfAbsent(b.host(), b);
        }
        long[] sizes = perHost.values().stream().mapToLong(Beacon::sizeMedian).sorted().toArray();
        double median = Math.max(1, sizes[sizes.length / 2]);
        List<Beacon> out = new ArrayList<>();
        for (Beacon b : perHost.values()) {
            double size = Math.max(1, b.sizeMedian());
            if (size <= SIZE_FACTOR * median && size * SIZE_FACTOR >= median) {
                out.add(b);
            }
        }
        return out;
    }
}
