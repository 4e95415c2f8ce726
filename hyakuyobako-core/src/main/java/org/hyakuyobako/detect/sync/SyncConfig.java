package org.hyakuyobako.detect.sync;

import java.util.List;
import java.util.Set;

/**
 * Settings of the synchronized-activity detector (seed 002) and of the C&C inference built on it.
 *
 * @param tolerancesSeconds windows within which packets of different hosts count as synchronized (seed 002: 1 s and 10 s)
 * @param maxHostsListed hosts listed per sync event; more are counted as {@code hosts_omitted}
 * @param lookbackNanos how far before a host's reaction a command may have arrived, and how long a
 *     node or port must have been silent for a connection to it to be new
 * @param episodeGapNanos a host's new connections on one port closer than this belong to one reaction
 * @param occasionGapNanos the shortest gap that separates a node's possible occasions (for the share
 *     of them a pair of bots must agree on)
 * @param externalsPerHost external nodes remembered per host as possible command sources (least recent dropped)
 * @param timesPerExternal arrival times remembered per (host, external node)
 * @param maxTrackedHosts monitored hosts with a command history, hosts and (host, port) pairs with an
 *     open reaction, hosts with recent connections, and the counted population, each at most this many
 * @param infrastructurePorts source ports whose packets are answers of infrastructure (DNS, NTP, DHCP,
 *     NetBIOS): never taken as commands, since the use of an answer always follows the answer
 * @param prevalentShare an occasion involving at least this share of the monitored population is
 *     population-wide (updaters, cron jobs), not a botnet's reaction
 * @param minPopulationForPrevalence prevalence is only judged with at least this many monitored hosts
 * @param maxDelaySpreadNanos command-to-reaction delays agree when within this of each other (a bot's own jitter of a
 *     few seconds, the network's, and one-second log stamps)...
 * @param relativeDelaySpread ...or within this fraction of it, whichever is larger
 * @param minConsistentShare share of the occasions a node could have commanded (two or more hosts
 *     reacting after it) on which the hosts' delays agree
 */
public record SyncConfig(List<Double> tolerancesSeconds, int maxHostsListed, long lookbackNanos, long episodeGapNanos,
                         long occasionGapNanos, int externalsPerHost, int timesPerExternal, int maxTrackedHosts,
                         Set<Integer> infrastructurePorts, double prevalentShare, int minPopulationForPrevalence,
                         long maxDelaySpreadNanos, double relativeDelaySpread, double minConsistentShare) {
    private static final long SECOND = 1_000_000_000L;

    public static SyncConfig defaults(List<Double> tolerances) {
        return new SyncConfig(tolerances, 16, 120 * SECOND, 5 * SECOND, 60 * SECOND, 128, 8, 200_000,
                Set.of(53, 67, 68, 123, 137, 138, 5353), 0.8, 10, 6 * SECOND, 0.05, 0.2);
    }
}
