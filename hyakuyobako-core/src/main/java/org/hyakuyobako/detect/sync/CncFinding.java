package org.hyakuyobako.detect.sync;

import java.util.List;
import java.util.Map;
import org.hyakuyobako.event.CncEndpoint;

/**
 * A C&C candidate that passed every test: the endpoint, its bots, and per bot the occasions
 * (reaction start times) and command-to-reaction delays behind the finding.
 */
record CncFinding(CncEndpoint endpoint, List<String> bots, int occasions, long medianDelayNanos,
                  Map<String, List<long[]>> perBot, double score, long firstNanos, long lastNanos) {
}
