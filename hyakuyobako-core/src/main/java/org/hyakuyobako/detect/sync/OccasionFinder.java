package org.hyakuyobako.detect.sync;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Finds the occasions on which one node may have commanded several hosts: sets of reactions of
 * different hosts that one message of the node explains.
 *
 * <p>A command is one event at the C&C. Pushed, it reaches every bot within a moment
 * ({@code commandWidth}: network jitter and one-second log stamps); polled, at each bot's next
 * poll (the width grows by the poll's period). So the hosts of an occasion must have heard from
 * the node at about the same time — a chat server pushing to one person at a time, or a popular
 * site each host visits on its own, never lines up like that — and must have reacted after it
 * with delays that agree within {@code band} (a bot's own jitter of a few seconds).
 *
 * <p>When the node's message times say nothing (a log's open connection; a node polled so often
 * that any delay fits), only the reactions' start can line up: within {@code onsetWidth}.
 *
 * <p>Occasions are taken greedily, largest first; a reaction belongs to at most one.
 */
final class OccasionFinder {
    /** A reaction and what one node had sent its host before it. */
    record Observation(Reaction reaction, CommandHistory.Candidate candidate) {
    }

    /** The hosts that obeyed one command, and their mean delay (NaN when only reaction starts lined up). */
    record Occasion(Map<String, Observation> hosts, double delayNanos) {
    }

    /** Each reaction's few most recent messages from the node are its possible commands. */
    static final int DELAYS_PER_REACTION = 3;
    /** Observations of one node looked at, most recent first; beyond, the node is everywhere and the rest is skipped. */
    static final int MAX_OBSERVATIONS = 4_000;

    private final long commandWidth;
    private final long band;
    private final long onsetWidth;

    /**
     * @param commandWidth how far apart the hosts may have heard the command
     * @param band how far apart their delays may be
     * @param onsetWidth how far apart their reactions may start when delays are unknown
     */
    OccasionFinder(long commandWidth, long band, long onsetWidth) {
        this.commandWidth = commandWidth;
        this.band = band;
        this.onsetWidth = onsetWidth;
    }

    /** A possible command: when the host heard it and how long before its reaction. */
    private record Entry(long commandNanos, long delayNanos, int observation) {
    }

    List<Occasion> find(List<Observation> given) {
        List<Observation> observations = given.size() <= MAX_OBSERVATIONS ? given
                : given.subList(given.size() - MAX_OBSERVATIONS, given.size());
        boolean[] used = new boolean[observations.size()];
        List<Entry> entries = new ArrayList<>();
        for (int i = 0; i < observations.size(); i++) {
            Observation o = observations.get(i);
            long[] delays = o.candidate().delays();
            for (int k = 0; k < delays.length && k < DELAYS_PER_REACTION; k++) {
                entries.add(new Entry(o.reaction().startNanos - delays[k], delays[k], i));
            }
        }
        entries.sort(Comparator.comparingLong(Entry::commandNanos));
        List<Occasion> occasions = new ArrayList<>();
        while (true) {
            Occasion best = bestByCommand(entries, observations, used);
            if (best == null) {
                break;
            }
            occasions.add(best);
            markUsed(best, observations, used);
        }
        while (true) {
            Map<String, Observation> hosts = bestByOnset(observations, used);
            if (hosts.size() < 2) {
                break;
            }
            Occasion o = new Occasion(hosts, Double.NaN);
            occasions.add(o);
            markUsed(o, observations, used);
        }
        return occasions;
    }

    private static void markUsed(Occasion o, List<Observation> observations, boolean[] used) {
        for (int i = 0; i < observations.size(); i++) {
            if (o.hosts().get(observations.get(i).reaction().host) == observations.get(i)) {
                used[i] = true;
            }
        }
    }

    /**
     * The largest set of hosts that heard the node within {@link #commandWidth} of each other and
     * reacted with delays within {@link #band}, joined by hosts whose link to the node was an open
     * connection and whose reaction started among theirs; null when fewer than two.
     */
    private Occasion bestByCommand(List<Entry> entries, List<Observation> observations, boolean[] used) {
        Map<String, Entry> best = Map.of();
        double bestDelay = Double.MAX_VALUE;
        int j = 0;
        for (int i = 0; i < entries.size(); i++) {
            while (entries.get(i).commandNanos() - entries.get(j).commandNanos() > commandWidth) {
                j++;
            }
            List<Entry> window = new ArrayList<>();
            for (int k = j; k <= i; k++) {
                if (!used[entries.get(k).observation()]) {
                    window.add(entries.get(k));
                }
            }
            Map<String, Entry> hosts = agreeingDelays(window, observations);
            double delay = hosts.values().stream().mapToLong(Entry::delayNanos).average().orElse(Double.MAX_VALUE);
            // As many hosts either way: the shorter delay, since a poll's earlier answers line up too.
            if (hosts.size() > best.size() || hosts.size() == best.size() && delay < bestDelay) {
                best = hosts;
                bestDelay = delay;
            }
        }
        if (best.isEmpty()) {
            return null;
        }
        Map<String, Observation> hosts = new LinkedHashMap<>();
        double sum = 0;
        long onsetFrom = Long.MAX_VALUE;
        long onsetTo = Long.MIN_VALUE;
        for (Map.Entry<String, Entry> e : best.entrySet()) {
            Observation o = observations.get(e.getValue().observation());
            hosts.put(e.getKey(), o);
            sum += e.getValue().delayNanos();
            onsetFrom = Math.min(onsetFrom, o.reaction().startNanos);
            onsetTo = Math.max(onsetTo, o.reaction().startNanos);
        }
        for (int i = 0; i < observations.size(); i++) {
            Observation o = observations.get(i);
            long t = o.reaction().startNanos;
            if (!used[i] && o.candidate().delays().length == 0 && o.candidate().openDuring()
                    && t >= onsetTo - band && t <= onsetFrom + band) {
                hosts.putIfAbsent(o.reaction().host, o);
            }
        }
        return hosts.size() >= 2 ? new Occasion(hosts, sum / best.size()) : null;
    }

    /** The most distinct hosts among the entries whose delays lie within one {@link #band}. */
    private Map<String, Entry> agreeingDelays(List<Entry> window, List<Observation> observations) {
        List<Entry> byDelay = new ArrayList<>(window);
        byDelay.sort(Comparator.comparingLong(Entry::delayNanos));
        Map<String, Entry> best = Map.of();
        int j = 0;
        for (int i = 0; i < byDelay.size(); i++) {
            while (byDelay.get(i).delayNanos() - byDelay.get(j).delayNanos() > band) {
                j++;
            }
            if (i - j + 1 <= best.size()) {
                continue;
            }
            Map<String, Entry> hosts = new LinkedHashMap<>();
            for (int k = j; k <= i; k++) {
                hosts.putIfAbsent(observations.get(byDelay.get(k).observation()).reaction().host, byDelay.get(k));
            }
            if (hosts.size() > best.size()) {
                best = hosts;
            }
        }
        return best;
    }

    /** The most distinct hosts, among reactions not yet in an occasion, whose reactions start within {@link #onsetWidth}. */
    private Map<String, Observation> bestByOnset(List<Observation> observations, boolean[] used) {
        List<Observation> open = new ArrayList<>();
        for (int i = 0; i < observations.size(); i++) {
            if (!used[i] && observations.get(i).candidate().delays().length == 0) {
                open.add(observations.get(i));
            }
        }
        open.sort(Comparator.comparingLong(o -> o.reaction().startNanos));
        Map<String, Observation> best = Map.of();
        int j = 0;
        for (int i = 0; i < open.size(); i++) {
            while (open.get(i).reaction().startNanos - open.get(j).reaction().startNanos > onsetWidth) {
                j++;
            }
            Map<String, Observation> hosts = new LinkedHashMap<>();
            for (int k = j; k <= i; k++) {
                hosts.putIfAbsent(open.get(k).reaction().host, open.get(k));
            }
            if (hosts.size() > best.size()) {
                best = hosts;
            }
        }
        return best;
    }
}
