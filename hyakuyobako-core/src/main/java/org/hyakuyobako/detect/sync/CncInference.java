package org.hyakuyobako.detect.sync;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;
import org.hyakuyobako.decode.IpAddresses;
import org.hyakuyobako.detect.sync.OccasionFinder.Observation;
import org.hyakuyobako.detect.sync.OccasionFinder.Occasion;
import org.hyakuyobako.event.CncEndpoint;

/**
 * From reactions to C&C servers: seed 002's stated future work. An external node is a C&C when,
 * across hosts and occasions, hosts change their own behaviour (a sweep, a spam run, a flood, a
 * download) shortly after the node sent them something inside connections they opened, with a
 * consistent delay. Legitimate software is kept out by:
 * <ul>
 *   <li>direction: only nodes the host itself connected to can command it (scanners that sweep
 *       honeypots never qualify);</li>
 *   <li>the kind of reaction: only what bots are told to do counts ({@link ReactionClassifier}): a
 *       page load or an update download from a node everyone contacts is no reaction;</li>
 *   <li>consistency: on one occasion the hosts' delays after the node's message agree within the
 *       jitter of a bot's reaction and of one-second log stamps; across occasions the typical
 *       delays agree (coincidences with updaters or popular sites do not repeat with one delay);</li>
 *   <li>prevalence: an occasion involving most of the monitored population is population-wide
 *       (an updater or a management push at the same minute everywhere), and a node nearly every
 *       host talks to is a population service, unless every one of them obeys it;</li>
 *   <li>bystanders: an occasion at a moment when as many other hosts started something of the
 *       same kind (every PC fetching a patch at the minute, seen from a firewall log
 *       where the PCs' look-ups are not) belongs to the population, not to the node;</li>
 *   <li>exclusivity: most hosts a C&C sends to are its bots, unlike a popular site;</li>
 *   <li>dominance: a node that explains only part of what another explains on more occasions
 *       (an updater polled just before one command) is a coincidence of the other's commands;</li>
 *   <li>infrastructure answers (DNS, NTP, DHCP) are never commands, and neither are the answers of
 *       nodes the host reached in an earlier reaction (mail servers, victims, file servers).</li>
 * </ul>
 * How much is enough: one occasion on which three or more hosts obey with agreeing delays; two
 * hosts need two agreeing occasions, a shared beacon to the node as a second signal, or one pushed
 * message both heard within a moment of each other and obeyed with a sweep, a spam run or a flood,
 * on a node only they talk to.
 */
final class CncInference {
    /** At least this share of the hosts a node sends to must be its bots (popular sites fail this). */
    static final double MIN_BOT_SHARE_OF_CONTACTS = 0.5;
    /** Reactions that are only downloads or fan-outs need a node even more exclusive to them. */
    static final double MIN_BOT_SHARE_WEAK_KINDS = 0.75;
    /** A node this share of a population of {@link #MIN_POPULATION_FOR_SERVICE} or more talks to is a population service. */
    static final double POPULATION_SERVICE_SHARE = 0.9;
    static final int MIN_POPULATION_FOR_SERVICE = 4;
    /** Reactions after a polled node come about one poll period apart: the gap that separates its possible occasions grows with it, up to this. */
    static final long MAX_OCCASION_GAP_NANOS = 300_000_000_000L;
    /** A node whose messages come at most this many delay bands apart explains any delay: its delays are not used. */
    static final int DENSE_FACTOR = 2;
    /** Occasions with only downloads or fan-outs per occasion with a sweep, spam run or flood, for the reactions to count as bot-like. */
    static final int MAX_WEAK_PER_STRONG = 3;
    /** Two hosts that only downloaded or fanned out after the node need this many agreeing occasions. */
    static final int MIN_WEAK_OCCASIONS = 3;
    /**
     * A finding resting on reaction starts alone must be less likely than this by chance (log10),
     * counting every node looked at as one more try (a family-wise error of 1 %).
     */
    static final double LOG10_MAX_CHANCE = -2;
    /** Copies of one pushed command reach its bots within this of each other (network, one-second log stamps). */
    static final long COMMAND_SPREAD_NANOS = 2_000_000_000L;
    /** A polled command reaches the bots within one poll period; periods beyond this are not waited for. */
    static final long MAX_POLL_NANOS = 300_000_000_000L;

    /** How many monitored hosts a node sent something to in connections they opened. */
    @FunctionalInterface
    interface Contacts {
        int apply(long hi, long lo);
    }

    /** Hosts that beacon alike to an endpoint (a second signal), empty when none. */
    @FunctionalInterface
    interface Beacons {
        Set<String> hostsBeaconingTo(String ip, int port);
    }

    private record CandidateKey(long hi, long lo, int port) {
    }


    private final SyncConfig config;
    private final Contacts contacts;
    private final Beacons beacons;
    private final int population;
    private final ChanceOfCoincidence chance;
    /** Nodes looked at in this run: each is one more chance for a coincidence to pass. */
    private int candidatesJudged;
    /** Every bot-like reaction's start, sorted, and its host: who else reacted at an occasion's moment. */
    private long[] starts = new long[0];
    private String[] startHosts = new String[0];
    private ReactionKind[] startKinds = new ReactionKind[0];

    CncInference(SyncConfig config, Contacts contacts, Beacons beacons, int population, ChanceOfCoincidence chance) {
        this.config = config;
        this.contacts = contacts;
        this.beacons = beacons;
        this.population = population;
        this.chance = chance;
    }

    /** @param reactions bot-like reactions ({@link Reaction#kind} set), in any order */
    List<CncFinding> infer(List<Reaction> reactions) {
        Map<String, List<Reaction>> byHost = new LinkedHashMap<>();
        for (Reaction r : reactions) {
            byHost.computeIfAbsent(r.host, k -> new ArrayList<>()).add(r);
        }
        Map<CandidateKey, List<Observation>> byCandidate = new LinkedHashMap<>();
        for (Reaction r : reactions) {
            for (CommandHistory.Candidate c : r.candidates) {
                if (config.infrastructurePorts().contains(c.port()) || reachedShortlyBefore(byHost.get(r.host), c, r.startNanos)) {
                    continue;
                }
                byCandidate.computeIfAbsent(new CandidateKey(c.hi(), c.lo(), c.port()), k -> new ArrayList<>())
                        .add(new Observation(r, c));
            }
        }
        List<Reaction> byStart = new ArrayList<>(reactions);
        byStart.sort(Comparator.comparingLong(r -> r.startNanos));
        starts = new long[byStart.size()];
        startHosts = new String[byStart.size()];
        startKinds = new ReactionKind[byStart.size()];
        for (int i = 0; i < byStart.size(); i++) {
            starts[i] = byStart.get(i).startNanos;
            startHosts[i] = byStart.get(i).host;
            startKinds[i] = byStart.get(i).kind;
        }
        List<CncFinding> findings = new ArrayList<>();
        candidatesJudged = byCandidate.size();
        for (Map.Entry<CandidateKey, List<Observation>> e : byCandidate.entrySet()) {
            CncFinding f = judge(e.getKey(), e.getValue());
            if (f != null) {
                findings.add(f);
            }
        }
        List<CncFinding> kept = undominated(findings);
        kept.sort(Comparator.comparing((CncFinding f) -> f.endpoint().ip()).thenComparingInt(f -> f.endpoint().port()));
        return kept;
    }

    /**
     * Whether the host talked to this node in one of its own earlier bot-like reactions until
     * shortly before (within the look-back): then the node's packets are a target answering (a
     * mail server, a download mirror, a flood's victim whose log record ends minutes after the
     * flood), not a command. Only then: a C&C may once have been a target itself and must not be
     * excluded for good.
     */
    private boolean reachedShortlyBefore(List<Reaction> hostReactions, CommandHistory.Candidate c, long start) {
        for (Reaction earlier : hostReactions) {
            if (earlier.startNanos < start && earlier.lastSeen(c.hi(), c.lo()) >= start - config.lookbackNanos()) {
                return true;
            }
        }
        return false;
    }

    private CncFinding judge(CandidateKey key, List<Observation> given) {
        long interval = arrivalInterval(given);
        // A node that sends more often than delays can be told apart (a poll every few seconds)
        // lines up with any reaction: its delays say nothing, only the reactions' start can.
        boolean dense = interval > 0 && interval <= DENSE_FACTOR * config.maxDelaySpreadNanos();
        boolean polled = given.stream().filter(o -> o.candidate().polled()).count() * 2 > given.size();
        List<Observation> observations = dense ? withoutDelays(given) : new ArrayList<>(given);
        observations.sort(Comparator.comparingLong(o -> o.reaction().startNanos));
        long band = config.maxDelaySpreadNanos();
        long commandWidth = COMMAND_SPREAD_NANOS + (polled ? Math.min(interval, MAX_POLL_NANOS) : 0);
        long onsetWidth = band + (dense ? interval : 0);
        List<Occasion> occasions = new ArrayList<>();
        for (Occasion o : new OccasionFinder(commandWidth, band, onsetWidth).find(observations)) {
            if (!prevalent(o.hosts().size()) && bystanders(o, onsetWidth) < o.hosts().size()) {
                occasions.add(o);
            }
        }
        int candidateOccasions = candidateOccasions(observations,
                interval <= 0 ? config.occasionGapNanos() : Math.min(MAX_OCCASION_GAP_NANOS, Math.max(config.occasionGapNanos(), interval)));
        int contacted = contacts.apply(key.hi(), key.lo());
        double typical = typicalDelay(occasions);
        List<Occasion> agreeing = new ArrayList<>();
        for (Occasion o : occasions) {
            if (Double.isNaN(o.delayNanos()) || Double.isNaN(typical) || Math.abs(o.delayNanos() - typical) <= band(typical)) {
                agreeing.add(o);
            }
        }
        if (agreeing.isEmpty()) {
            return rejected(key, "no agreeing occasion of " + observations.size() + " observations");
        }
        int largest = agreeing.stream().mapToInt(o -> o.hosts().size()).max().orElse(0);
        // A node that is always around (a bot of another botnet keeps its channel open) lines up
        // with pairs of hosts now and then; three hosts that heard it at once and obeyed alike do not.
        if (largest < 3 && agreeing.size() < config.minConsistentShare() * candidateOccasions) {
            return rejected(key, agreeing.size() + " agreeing of " + candidateOccasions + " possible occasions");
        }
        Map<String, List<long[]>> perBot = new TreeMap<>();
        int most = 0;
        int strongOccasions = 0;
        int undelayed = 0;
        boolean delayKnown = false;
        long first = Long.MAX_VALUE;
        long last = Long.MIN_VALUE;
        List<ChanceOfCoincidence.Occasion> odds = new ArrayList<>();
        for (Occasion o : agreeing) {
            most = Math.max(most, o.hosts().size());
            boolean known = !Double.isNaN(o.delayNanos());
            delayKnown |= known;
            if (!known) {
                undelayed++;
            }
            boolean allStrong = true;
            for (Map.Entry<String, Observation> h : o.hosts().entrySet()) {
                Reaction r = h.getValue().reaction();
                long delay = delayIn(h.getValue().candidate(), o.delayNanos());
                perBot.computeIfAbsent(h.getKey(), k -> new ArrayList<>()).add(new long[] {r.startNanos, delay});
                allStrong &= r.kind.strong;
                first = Math.min(first, r.startNanos - Math.max(0, delay));
                last = Math.max(last, r.lastNanos);
            }
            if (allStrong) {
                strongOccasions++;
            }
            odds.add(new ChanceOfCoincidence.Occasion(o.hosts().size(), contacted, known ? band : onsetWidth, allStrong));
        }
        // Bot-like in themselves (a sweep, a spam run, a flood) on a fair share of the occasions, not
        // once among many downloads and page loads.
        boolean strongKind = strongOccasions >= 1 && strongOccasions * MAX_WEAK_PER_STRONG >= agreeing.size();
        double log10Chance = chance.log10(odds, candidatesJudged);
        int bots = perBot.size();
        String ip = IpAddresses.format(key.hi(), key.lo());
        Set<String> beaconing = new TreeSet<>(beacons.hostsBeaconingTo(ip, key.port()));
        beaconing.retainAll(perBot.keySet());
        boolean beaconConfirms = beaconing.size() >= 2;
        double share = bots / (double) Math.max(bots, contacted);
        if (share < (strongKind ? MIN_BOT_SHARE_OF_CONTACTS : MIN_BOT_SHARE_WEAK_KINDS)) {
            return rejected(key, bots + " bots of " + contacted + " hosts it talks to, occasions " + agreeing.stream()
                    .map(o -> o.hosts().keySet().toString()).toList());
        }
        if (population >= MIN_POPULATION_FOR_SERVICE && contacted >= POPULATION_SERVICE_SHARE * population && bots < contacted) {
            return rejected(key, "talks to " + contacted + " of " + population + " hosts: a service");
        }
        // Two bots that heard one pushed message within a moment of each other and both did what
        // bots are told to do (a sweep, a spam run, a flood) with agreeing delays, on a node only
        // they talk to, are one command: a second occasion or signal is not needed.
        boolean pushedOnce = most >= 2 && strongKind && delayKnown && !polled && !dense && share >= MIN_BOT_SHARE_WEAK_KINDS;
        boolean enough = most >= 3 || agreeing.size() >= 2 && strongKind || agreeing.size() >= MIN_WEAK_OCCASIONS
                || beaconConfirms || pushedOnce;
        // Without delays (a log's open connections, a node polled every few seconds) only the
        // reactions' start lines up, which happens by chance as often as the hosts do such things:
        // when half or more of the occasions rest on that, the coincidence must be too unlikely for
        // chance in this run, unless the hosts also beacon alike to the node (a second signal).
        boolean mostlyUndelayed = 2 * undelayed >= agreeing.size();
        if (!enough || mostlyUndelayed && !beaconConfirms && log10Chance > LOG10_MAX_CHANCE) {
            return rejected(key, String.format("not enough: %d occasion(s), at most %d hosts, strong %s, delays %s, chance 10^%.1f",
                    agreeing.size(), most, strongKind, delayKnown ? "known" : "unknown", log10Chance));
        }
        String proto = agreeing.get(agreeing.size() - 1).hosts().values().iterator().next().candidate().proto();
        CncEndpoint endpoint = new CncEndpoint(ip, key.port(), proto);
        double score = Math.min(0.98, 0.5 + 0.1 * Math.min(agreeing.size(), 4) + 0.05 * Math.min(bots, 6)
                + (strongKind ? 0.1 : 0) + (beaconConfirms ? 0.1 : 0) - (delayKnown ? 0 : 0.05));
        long median = Double.isNaN(typical) ? -1 : (long) typical;
        return new CncFinding(endpoint, new ArrayList<>(perBot.keySet()), agreeing.size(), median, perBot, score, first, last,
                beaconConfirms, log10Chance);
    }

    /** With {@code -Dhyakuyobako.debug.sync=true}: why a candidate was not taken, on stderr, for tuning. */
    private static CncFinding rejected(CandidateKey key, String why) {
        if (Boolean.getBoolean("hyakuyobako.debug.sync")) {
            System.err.println("not C&C " + IpAddresses.format(key.hi(), key.lo()) + ":" + key.port() + ": " + why);
        }
        return null;
    }

    /** The delay a host's observation had on an occasion: the one closest to the occasion's, or -1 when unknown. */
    private static long delayIn(CommandHistory.Candidate c, double occasionDelay) {
        if (c.delays().length == 0 || Double.isNaN(occasionDelay)) {
            return c.latestDelay();
        }
        long best = c.delays()[0];
        for (long d : c.delays()) {
            if (Math.abs(d - occasionDelay) < Math.abs(best - occasionDelay)) {
                best = d;
            }
        }
        return best;
    }

    /**
     * Hosts that started a bot-like reaction of the same kind around the occasion without taking
     * part in it. When as many hosts again did something alike at that moment (every PC fetching an updater's patch
     * at the minute), the moment belongs to the whole population, not to this node: a command
     * reaches its bots, and the hosts that do not hear it have no reason to react then.
     */
    private int bystanders(Occasion o, long width) {
        long from = Long.MAX_VALUE;
        long to = Long.MIN_VALUE;
        Set<ReactionKind> kinds = new HashSet<>();
        for (Observation ob : o.hosts().values()) {
            from = Math.min(from, ob.reaction().startNanos);
            to = Math.max(to, ob.reaction().startNanos);
            kinds.add(ob.reaction().kind);
        }
        int i = lowerBound(starts, from - width);
        Set<String> others = new TreeSet<>();
        for (; i < starts.length && starts[i] <= to + width; i++) {
            // Hosts doing the same kind of thing at that moment. Hosts the node reached count too, on purpose: a job
            // every host runs at the minute, spread over 20 s, splits into small occasions of hosts that all reached
            // the job's server; a C&C's own bots react within one delay band, so few of them stand outside it.
            if (!o.hosts().containsKey(startHosts[i]) && kinds.contains(startKinds[i])) {
                others.add(startHosts[i]);
            }
        }
        return others.size();
    }

    private static int lowerBound(long[] sorted, long key) {
        int lo = 0;
        int hi = sorted.length;
        while (lo < hi) {
            int mid = (lo + hi) >>> 1;
            if (sorted[mid] < key) {
                lo = mid + 1;
            } else {
                hi = mid;
            }
        }
        return lo;
    }

    private boolean prevalent(int hosts) {
        return population >= config.minPopulationForPrevalence() && hosts >= config.prevalentShare() * population;
    }

    /** The window within which delays agree: the configured spread, or a share of long delays. */
    private double band(double delay) {
        return Math.max(config.maxDelaySpreadNanos(), config.relativeDelaySpread() * delay);
    }

    /**
     * The node's typical interval between messages to a host (a poll's or a heartbeat's period), 0
     * when unknown: a polled command reaches the bots within about one such interval. Measured as
     * each reaction's recent messages' span over their number (two messages of one exchange a
     * second apart, then nothing for ten minutes, is a ten-minute rhythm), the median over reactions.
     */
    private static long arrivalInterval(List<Observation> observations) {
        List<Long> intervals = new ArrayList<>();
        for (Observation o : observations) {
            long[] d = o.candidate().delays();
            if (d.length >= 2) {
                intervals.add((d[d.length - 1] - d[0]) / (d.length - 1));
            }
        }
        if (intervals.isEmpty()) {
            return 0;
        }
        intervals.sort(null);
        return intervals.get(intervals.size() / 2);
    }

    /**
     * Occasions on which the node could have been the command (two or more hosts did something
     * bot-like in itself after it, within about one gap of each other): what a node that is merely
     * always around lines up with now and then, while a C&C lines up on its own commands. Downloads
     * and fan-outs are left out here: people's browsing makes them all day.
     */
    private int candidateOccasions(List<Observation> observations, long gap) {
        List<Observation> strong = observations.stream().filter(o -> o.reaction().kind.strong).toList();
        int n = 0;
        int from = 0;
        for (int i = 1; i <= strong.size(); i++) {
            if (i < strong.size() && strong.get(i).reaction().startNanos - strong.get(i - 1).reaction().startNanos <= gap) {
                continue;
            }
            long hosts = strong.subList(from, i).stream().map(o -> o.reaction().host).distinct().count();
            if (hosts >= 2 && !prevalent((int) hosts)) {
                n++;
            }
            from = i;
        }
        return n;
    }

    private static List<Observation> withoutDelays(List<Observation> observations) {
        List<Observation> out = new ArrayList<>();
        for (Observation o : observations) {
            CommandHistory.Candidate c = o.candidate();
            out.add(new Observation(o.reaction(), new CommandHistory.Candidate(c.hi(), c.lo(), c.port(), c.proto(), new long[0], true, c.polled())));
        }
        return out;
    }

    /** The delay most agreeing occasions share (the mode, so a bot in two botnets does not blur it); NaN when none is known. */
    private double typicalDelay(List<Occasion> occasions) {
        double[] d = occasions.stream().mapToDouble(Occasion::delayNanos).filter(x -> !Double.isNaN(x)).sorted().toArray();
        if (d.length == 0) {
            return Double.NaN;
        }
        double best = d[d.length / 2];
        int bestCount = 0;
        for (double center : d) {
            int n = 0;
            for (double x : d) {
                if (Math.abs(x - center) <= band(center)) {
                    n++;
                }
            }
            if (n > bestCount) {
                bestCount = n;
                best = center;
            }
        }
        return best;
    }

    /**
     * Drops a finding each of whose reactions another finding explains on more occasions: the
     * other node commanded, this one (an updater or a backup server polled just before the
     * commands of one or several botnets) happened to be there. Two channels of one botnet that
     * are both there every time are both kept, and a finding without known delays (a log's open
     * connections, a node polled every few seconds) never outweighs one whose delays agree.
     */
    private static List<CncFinding> undominated(List<CncFinding> findings) {
        List<CncFinding> kept = new ArrayList<>();
        for (CncFinding f : findings) {
            if (!explainedAway(f, findings)) {
                kept.add(f);
            }
        }
        return kept;
    }

    private static boolean explainedAway(CncFinding f, List<CncFinding> findings) {
        for (Map.Entry<String, List<long[]>> bot : f.perBot().entrySet()) {
            for (long[] reaction : bot.getValue()) {
                boolean explained = false;
                for (CncFinding g : findings) {
                    boolean informative = g.medianDelayNanos() >= 0 || f.medianDelayNanos() < 0;
                    if (g != f && informative && g.occasions() > f.occasions() && holds(g, bot.getKey(), reaction[0])) {
                        explained = true;
                        break;
                    }
                }
                if (!explained) {
                    return false;
                }
            }
        }
        return true;
    }

    /** Whether g rests on the host's reaction that started at {@code start}. */
    private static boolean holds(CncFinding g, String host, long start) {
        List<long[]> reactions = g.perBot().get(host);
        return reactions != null && reactions.stream().anyMatch(o -> o[0] == start);
    }
}
