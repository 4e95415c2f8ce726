package org.hyakuyobako.detect.sync;

import java.util.List;
import java.util.Map;
import org.hyakuyobako.event.CncEndpoint;

/**
 * A C&C candidate that passed every test: the endpoint, its bots, and per bot the occasions
 * (reaction start times) and command-to-reaction delays behind the finding (-1 when only a
 * connection open at the time, from a log, stands for the command).
 *
 * @param medianDelayNanos the typical delay, or -1 when no delay was known (firewall logs)
 * @param beaconConfirmed whether bots also beacon alike to the endpoint (a second signal)
 * @param log10Chance log10 of the chance that the occasions arose by chance in this run ({@link ChanceOfCoincidence})
 */
record CncFinding(CncEndpoint endpoint, List<String> bots, int occasions, long medianDelayNanos,
                  Map<String, List<long[]>> perBot, double score, long firstNanos, long lastNanos, boolean beaconConfirmed,
                  double log10Chance) {
}
