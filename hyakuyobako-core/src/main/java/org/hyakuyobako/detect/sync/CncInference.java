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
 *   <li>the kind of reaction: a bot's reaction fans out (scan sweep, spam run) or floods one node;
 *       a single fetch that follows an answer (an update download), a heartbeat or an
 *       acknowledgement does not make a C&C;</li>
 *   <li>exclusivity: most hosts a C&C talks to are its bots, unlike a popular site;</li>
 *   <li>infrastructure answers (DNS, NTP, DHCP) are never commands, and neither are the answers of
 *       nodes the host reached as part of an earlier reaction (MTAs, victims, file servers).</li>
 * </ul>
 */
final class CncInference {
    /** A reaction reaching fewer distinct nodes is not bot-like (a fetch, a heartbeat, a report alone). */
    static final int MIN_FAN_OUT = 3;
    /** At least this share of the hosts a node talks to must be its bots (popular sites fail this). */
    static final double MIN_BOT_SHARE_OF_CONTACTS = 0.5;

    /** How many monitored hosts a node sent payload to in connections they opened. */
    @FunctionalInterface
    interface Contacts {
        int apply(long hi, long lo);
    }

    private final SyncConfig config;
    private final Contacts contacts;

    CncInference(SyncConfig config, Contacts contacts) {
        this.config = config;
        this.contacts = contacts;
    }

    private record CandidateKey(long hi, long lo, int port) {
    }

    private record Observation(Reaction reaction, CommandHistory.Candidate candidate) {
    }

    List<CncFinding> infer(List<Reaction> reactions, int population) {
        List<Reaction> fanOut = new ArrayList<>();
        for (Reaction r : reactions) {
            if (r.targets.size() >= MIN_FAN_OUT || r.flood) {
                fanOut.add(r);
            }
        }
        assignOccasions(fanOut);
        Set<Integer> prevalent = prevalentOccasions(fanOut, population);
        Map<String, Map<ExternalKey, List<Long>>> targeted = targetedAt(reactions);
        Map<CandidateKey, List<Observation>> byCandidate = new LinkedHashMap<>();
        for (Reaction r : fanOut) {
            if (prevalent.contains(r.occasion)) {
                continue;
            }
            Map<ExternalKey, List<Long>> hostTargets = targeted.getOrDefault(r.host, Map.of());
            for (CommandHistory.Candidate c : r.candidates) {
                if (targetedShortlyBefore(hostTargets.get(new ExternalKey(c.hi(), c.lo(), false)), r.startNanos)) {
                    // The host reached this node in a reaction shortly before (an MTA of a spam run,
                    // a download server): its packets are a target answering, not a command.
                    continue;
                }
                byCandidate.computeIfAbsent(new CandidateKey(c.hi(), c.lo(), c.port()), k -> new ArrayList<>())
                        .add(new Observation(r, c));
            }
        }
        List<CncFinding> findings = new ArrayList<>();
        for (Map.Entry<CandidateKey, List<Observation>> e : byCandidate.entrySet()) {
            CncFinding f = judge(e.getKey(), e.getValue(), contacts.apply(e.getKey().hi(), e.getKey().lo()));
            if (f != null) {
                findings.add(f);
            }
        }
        findings.sort(Comparator.comparing((CncFinding f) -> f.endpoint().ip()).thenComparingInt(f -> f.endpoint().port()));
        return findings;
    }

    /** For each host, when it reached each node as part of a reaction (a download server, an MTA). */
    private static Map<String, Map<ExternalKey, List<Long>>> targetedAt(List<Reaction> reactions) {
        Map<String, Map<ExternalKey, List<Long>>> out = new HashMap<>();
        for (Reaction r : reactions) {
            Map<ExternalKey, List<Long>> m = out.computeIfAbsent(r.host, k -> new HashMap<>());
            for (ExternalKey k : r.targets) {
                m.computeIfAbsent(k, x -> new ArrayList<>(2)).add(r.startNanos);
            }
        }
        return out;
    }

    /**
     * Whether the node was a reaction target within the look-back before {@code start}. Only then:
     * a bot's C&C may once have been a target itself (its first connection falling in with other
     * fresh connections on the same port), and must not be excluded for good.
     */
    private boolean targetedShortlyBefore(List<Long> times, long start) {
        if (times == null) {
            return false;
        }
        for (long t : times) {
            if (t < start && start - t <= config.lookbackNanos()) {
                return true;
            }
        }
        return false;
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

    /**
     * The delay around which most observations cluster (the mode, not the median): a host in two
     * botnets reacts to the other botnet's commands too, and those delays must not pull the
     * estimate away from the real one.
     */
    private long densestDelay(List<Observation> observations) {
        long[] d = observations.stream().mapToLong(o -> o.candidate().delayNanos()).sorted().toArray();
        int bestCount = 0;
        long best = d[d.length / 2];
        int j = 0;
        for (int i = 0; i < d.length; i++) {
            long width = Math.max(config.maxDelaySpreadNanos(), (long) (config.relativeDelaySpread() * d[i]));
            while (d[j] < d[i] - width) {
                j++;
            }
            if (i - j + 1 > bestCount) {
                bestCount = i - j + 1;
                best = d[(i + j) / 2];
            }
        }
        return best;
    }

    /**
     * @param contacted how many monitored hosts this node sent payload to inside connections they
     *     opened: a popular site's visitors far outnumber those who ever react after it
     */
    private CncFinding judge(CandidateKey key, List<Observation> observations, int contacted) {
        if (config.infrastructurePorts().contains(key.port())) {
            return null;
        }
        long median = densestDelay(observations);
        long spread = Math.max(config.maxDelaySpreadNanos(), (long) (config.relativeDelaySpread() * median));
        List<Observation> consistent = new ArrayList<>();
        for (Observation o : observations) {
            if (Math.abs(o.candidate().delayNanos() - median) <= spread) {
                consistent.add(o);
            }
        }
        // Hosts that reacted in step to one command, with the same delay, on at least two occasions...
        Map<Integer, Set<String>> hostsPerOccasion = new TreeMap<>();
        for (Observation o : consistent) {
            hostsPerOccasion.computeIfAbsent(o.reaction().occasion, k -> new HashSet<>()).add(o.reaction().host);
        }
        long synchronizedOccasions = hostsPerOccasion.values().stream().filter(s -> s.size() >= 2).count();
        // ...and on a fair share of the occasions where the node could have been the command: a node
        // that is merely always around (an IRC server's PINGs, an updater) lines up by chance now
        // and then, while a C&C lines up on every one of its own commands. A bot in several botnets
        // reacts to the others' commands too, so the share cannot be required to be high.
        Map<Integer, Set<String>> candidateHosts = new HashMap<>();
        for (Observation o : observations) {
            candidateHosts.computeIfAbsent(o.reaction().occasion, k -> new HashSet<>()).add(o.reaction().host);
        }
        long candidateOccasions = candidateHosts.values().stream().filter(s -> s.size() >= 2).count();
        // Two hosts agreeing twice can still be chance over a long capture; a pair of bots must agree
        // three times, a larger group (harder to line up by chance) twice.
        long hostsInvolved = consistent.stream().map(o -> o.reaction().host).distinct().count();
        long needed = hostsInvolved >= 3 ? 2 : 3;
        if (synchronizedOccasions < needed || synchronizedOccasions < config.minConsistentShare() * candidateOccasions) {
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
        if (contacted > 0 && perBot.size() < MIN_BOT_SHARE_OF_CONTACTS * contacted) {
            return null;
        }
        String proto = consistent.get(consistent.size() - 1).candidate().proto();
        CncEndpoint endpoint = new CncEndpoint(IpAddresses.format(key.hi(), key.lo()), key.port(), proto);
        double score = Math.min(1.0, 0.5 + 0.1 * synchronizedOccasions + 0.05 * perBot.size());
        return new CncFinding(endpoint, new ArrayList<>(perBot.keySet()), (int) synchronizedOccasions, median, perBot,
                score, first, last);
    }
}
