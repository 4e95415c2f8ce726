package org.hyakuyobako.detect.sync;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import org.hyakuyobako.decode.IpAddresses;
import org.hyakuyobako.event.CncEndpoint;

/**
 * From reactions to C&C servers: seed 002's stated future work. An external node is a C&C when,
 * across hosts and occasions, hosts react in step shortly after it sent them something inside
 * connections they opened, with a consistent delay. Legitimate software is kept out by:
 * <ul>
 *   <li>direction: only nodes the host itself connected to can command it (scanners that sweep
 *       honeypots never qualify);</li>
 *   <li>consistency: the delay between command and reaction agrees across hosts and occasions
 *       (coincidences with updaters, NTP or popular sites do not repeat with one delay);</li>
 *   <li>prevalence: an occasion involving most of a large monitored population is population-wide
 *       (an updater at the same minute everywhere), not a botnet;</li>
 *   <li>the kind of reaction: a bot's reaction fans out (scan, spam, flood) or reports back to its
 *       C&C after working on the command; a single fetch that follows an answer (an update
 *       download) or an immediate acknowledgement of a push does not make a C&C;</li>
 *   <li>infrastructure answers (DNS, NTP, DHCP) are never commands.</li>
 * </ul>
 */
final class CncInference {
    /** A report back to the C&C sooner than this after the command is an acknowledgement, not a reaction. */
    static final long MIN_REPORT_DELAY_NANOS = 500_000_000L;

    private final SyncConfig config;

    CncInference(SyncConfig config) {
        this.config = config;
    }

    private record CandidateKey(long hi, long lo, int port) {
    }

    private record Observation(Reaction reaction, CommandHistory.Candidate candidate) {
    }

    List<CncFinding> infer(List<Reaction> reactions, int population) {
        assignOccasions(reactions);
        Set<Integer> prevalent = prevalentOccasions(reactions, population);
        Map<CandidateKey, List<Observation>> byCandidate = new LinkedHashMap<>();
        for (Reaction r : reactions) {
            if (prevalent.contains(r.occasion)) {
                continue;
            }
            for (CommandHistory.Candidate c : r.candidates) {
                byCandidate.computeIfAbsent(new CandidateKey(c.hi(), c.lo(), c.port()), k -> new ArrayList<>())
                        .add(new Observation(r, c));
            }
        }
        List<CncFinding> findings = new ArrayList<>();
        for (Map.Entry<CandidateKey, List<Observation>> e : byCandidate.entrySet()) {
            CncFinding f = judge(e.getKey(), e.getValue());
            if (f != null) {
                findings.add(f);
            }
        }
        findings.sort(Comparator.comparing((CncFinding f) -> f.endpoint().ip()).thenComparingInt(f -> f.endpoint().port()));
        return findings;
    }

    /** Reactions of different hosts that start close together answer one command: one occasion. */
    private void assignOccasions(List<Reaction> reactions) {
        reactions.sort(Comparator.comparingLong(r -> r.startNanos));
        int occasion = -1;
        long last = Long.MIN_VALUE;
        for (Reaction r : reactions) {
            if (occasion < 0 || r.startNanos - last > config.occasionGapNanos()) {
                occasion++;
            }
            r.occasion = occasion;
            last = r.startNanos;
        }
    }

    private Set<Integer> prevalentOccasions(List<Reaction> reactions, int population) {
        Set<Integer> prevalent = new HashSet<>();
        if (population < config.minPopulationForPrevalence()) {
            return prevalent;
        }
        Map<Integer, Set<String>> hosts = new HashMap<>();
        for (Reaction r : reactions) {
            hosts.computeIfAbsent(r.occasion, k -> new HashSet<>()).add(r.host);
        }
        hosts.forEach((occasion, set) -> {
            if (set.size() >= config.prevalentShare() * population) {
                prevalent.add(occasion);
            }
        });
        return prevalent;
    }

    private CncFinding judge(CandidateKey key, List<Observation> observations) {
        if (config.infrastructurePorts().contains(key.port())) {
            return null;
        }
        long[] delays = observations.stream().mapToLong(o -> o.candidate().delayNanos()).sorted().toArray();
        long median = delays[delays.length / 2];
        long spread = Math.max(config.maxDelaySpreadNanos(), (long) (config.relativeDelaySpread() * median));
        List<Observation> consistent = new ArrayList<>();
        for (Observation o : observations) {
            if (Math.abs(o.candidate().delayNanos() - median) <= spread) {
                consistent.add(o);
            }
        }
        if (consistent.size() < config.minConsistentShare() * observations.size()) {
            return null;
        }
        // Hosts that reacted in step to one command, on at least two occasions.
        Map<Integer, Set<String>> hostsPerOccasion = new TreeMap<>();
        boolean botLike = false;
        for (Observation o : consistent) {
            hostsPerOccasion.computeIfAbsent(o.reaction().occasion, k -> new HashSet<>()).add(o.reaction().host);
            Reaction r = o.reaction();
            // A bot fans out (scan, spam, flood), or reports back after working on the command; an
            // immediate answer on the same channel (an ACK, a PONG) is transport, not a reaction.
            boolean report = r.reached(key.hi(), key.lo()) && o.candidate().delayNanos() >= MIN_REPORT_DELAY_NANOS;
            if (r.targets.size() >= 3 || report) {
                botLike = true;
            }
        }
        long synchronizedOccasions = hostsPerOccasion.values().stream().filter(s -> s.size() >= 2).count();
        if (synchronizedOccasions < 2 || !botLike) {
            return null;
        }
        Map<String, List<long[]>> perBot = new TreeMap<>();
        long first = Long.MAX_VALUE;
        long last = Long.MIN_VALUE;
        for (Observation o : consistent) {
            if (hostsPerOccasion.get(o.reaction().occasion).size() < 2) {
                continue;
            }
            perBot.computeIfAbsent(o.reaction().host, k -> new ArrayList<>())
                    .add(new long[] {o.reaction().startNanos, o.candidate().delayNanos()});
            first = Math.min(first, o.reaction().startNanos - o.candidate().delayNanos());
            last = Math.max(last, o.reaction().lastNanos);
        }
        String proto = consistent.get(consistent.size() - 1).candidate().proto();
        CncEndpoint endpoint = new CncEndpoint(IpAddresses.format(key.hi(), key.lo()), key.port(), proto);
        double score = Math.min(1.0, 0.5 + 0.1 * synchronizedOccasions + 0.05 * perBot.size());
        return new CncFinding(endpoint, new ArrayList<>(perBot.keySet()), (int) synchronizedOccasions, median, perBot,
                score, first, last);
    }
}
