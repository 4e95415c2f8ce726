package org.hyakuyobako.correlate;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.function.Consumer;
import org.hyakuyobako.event.CncEndpoint;
import org.hyakuyobako.event.CncEvent;
import org.hyakuyobako.event.Endpoints;
import org.hyakuyobako.event.Event;
import org.hyakuyobako.event.EvidenceEvent;
import org.hyakuyobako.event.GroupEvent;
import org.hyakuyobako.event.RoleEvent;
import org.hyakuyobako.event.VerdictEvent;
import org.hyakuyobako.pipeline.Analysis;
import org.hyakuyobako.pipeline.EventObserver;

/**
 * The correlation stage (D9): reads every {@code evidence}, {@code cnc} and {@code group} event,
 * whatever detector sent it, and at the end emits one {@code verdict} per host that reaches a
 * threshold ({@link VerdictScorer}), strongest first. C&C servers that methods other than
 * synchronized activity found are emitted as {@code cnc} events, and hosts sharing one of them as a
 * {@code group} ({@code cnc-1}, …), so the C&C and group lists cover every method. A new detector
 * plugs in by emitting evidence with its method name; its weight and stage come from the
 * configuration ({@code method.default.*} until someone sets them).
 *
 * <p>Bounded: at most {@link #MAX_HOSTS} hosts and {@link HostCase#MAX_ITEMS} items per host are
 * kept; what is beyond is counted in {@code correlation.*_dropped}.
 */
public final class Correlator implements EventObserver {
    static final int MAX_HOSTS = 1_000_000;
    /**
     * A C&C candidate needs at least this weighted strength from its method: more than one host's
     * periodic connections (timing 0.4 × 0.6), which a backup agent or an updater has too.
     */
    static final double CNC_MIN_WEIGHTED = 0.3;

    private final CorrelationConfig config;
    private final VerdictScorer scorer;
    private final Consumer<Event> emit;
    private final Map<String, HostCase> hosts = new LinkedHashMap<>();
    private final Map<String, GroupEvent> syncGroups = new LinkedHashMap<>();
    private final Set<String> cncBySync = new HashSet<>();
    /** Server roles by host (role events): a server's normal behaviour, and its clients' normal use of it, are no evidence. */
    private final Map<String, Set<String>> rolesByHost = new LinkedHashMap<>();
    private long hostsDropped;
    private long itemsDropped;
    private long roleDiscounted;
    private long knownServiceItems;
    private long infected;
    private long suspicious;
    private boolean finished;

    /** Adds the correlation stage to a run: it sees every event the run's detectors emit. */
    public static Correlator attach(Analysis analysis, CorrelationConfig config) {
        Correlator c = new Correlator(config, analysis::emit);
        analysis.addEventObserver(c);
        return c;
    }

    public Correlator(CorrelationConfig config, Consumer<Event> emit) {
        this.config = config;
        this.scorer = new VerdictScorer(config);
        this.emit = emit;
    }

    @Override
    public void accept(Event event) {
        if (finished) {
            return;
        }
        if (event instanceof EvidenceEvent e && e.host() != null) {
            HostCase c = hosts.get(e.host());
            if (c == null) {
                if (hosts.size() >= MAX_HOSTS) {
                    hostsDropped++;
                    return;
                }
                c = new HostCase(e.host());
                hosts.put(e.host(), c);
            }
            c.add(e);
        } else if (event instanceof RoleEvent r && (rolesByHost.containsKey(r.host()) || rolesByHost.size() < MAX_HOSTS)) {
            rolesByHost.computeIfAbsent(r.host(), k -> new TreeSet<>()).add(r.role());
        } else if (event instanceof GroupEvent g) {
            syncGroups.put(g.id(), g);
        } else if (event instanceof CncEvent c) {
            cncBySync.add(c.cnc().ip());
        }
    }

    @Override
    public void finish() {
        finished = true;
        for (GroupEvent g : syncGroups.values()) {
            for (String h : g.hosts()) {
                HostCase c = hosts.get(h);
                if (c != null) {
                    c.groups.add(g.id());
                }
            }
        }
        List<Assessment> found = new ArrayList<>();
        for (HostCase c : hosts.values()) {
            itemsDropped += c.itemsDropped;
            roleDiscounted += c.dropNormalFor(rolesByHost.getOrDefault(c.host, Set.of()), config);
            roleDiscounted += c.dropClientUseOf(rolesByHost, config);
            knownServiceItems += c.dropKnownServices(config);
            Assessment a = scorer.assess(c);
            if (a.verdict() != null) {
                found.add(a);
            }
        }
        found.sort(Comparator.comparingDouble(Assessment::score).reversed().thenComparing(Assessment::host));
        Map<String, List<String>> cncOf = new LinkedHashMap<>();
        for (Assessment a : found) {
            cncOf.put(a.host(), cncOf(a));
        }
        Map<String, List<String>> extraGroups = mergeCnc(found, cncOf);
        for (Assessment a : found) {
            if (a.verdict().equals("infected")) {
                infected++;
            } else {
                suspicious++;
            }
            List<String> groups = new ArrayList<>(hosts.get(a.host()).groups);
            groups.addAll(extraGroups.getOrDefault(a.host(), List.of()));
            emit.accept(verdict(a, cncOf.get(a.host()), groups));
        }
    }

    /** Peers of the host's C&C-stage evidence and its sync groups' C&C, strongest first, one per address. */
    private List<String> cncOf(Assessment a) {
        Map<String, String> byAddress = new LinkedHashMap<>();
        for (EvidenceItem i : a.evidence()) {
            if (i.peer == null || config.method(i.method).stage() != Stage.CNC || scorer.weighted(i) < CNC_MIN_WEIGHTED
                    || org.hyakuyobako.detect.blacklist.KnownServices.bundled().why(i.peer) != null) {
                continue; // a sinkhole answers for the C&C it replaced: never name it the C&C
            }
            name(byAddress, i.peer);
        }
        for (String g : hosts.get(a.host()).groups) {
            for (CncEndpoint e : syncGroups.get(g).cnc()) {
                name(byAddress, Endpoints.format(e.ip(), e.port()));
            }
        }
        return new ArrayList<>(byAddress.values());
    }

    /** Keeps one name per address: ip:port says more than the bare address the server was named by elsewhere. */
    private static void name(Map<String, String> byAddress, String peer) {
        String address = Endpoints.address(peer);
        String known = byAddress.get(address);
        if (known == null || Endpoints.port(known) < 0 && Endpoints.port(peer) >= 0) {
            byAddress.put(address, peer);
        }
    }

    /**
     * C&C servers found by methods other than sync, as {@code cnc} events, and the hosts sharing one
     * as a {@code group}; returns the new group ids per host.
     */
    private Map<String, List<String>> mergeCnc(List<Assessment> found, Map<String, List<String>> cncOf) {
        Map<String, List<Assessment>> bots = new LinkedHashMap<>();
        for (Assessment a : found) {
            for (String peer : cncOf.get(a.host())) {
                if (!cncBySync.contains(Endpoints.address(peer))) {
                    bots.computeIfAbsent(peer, k -> new ArrayList<>()).add(a);
                }
            }
        }
        Map<String, List<String>> groupsOf = new LinkedHashMap<>();
        Set<Set<String>> syncHostSets = new HashSet<>();
        for (GroupEvent g : syncGroups.values()) {
            syncHostSets.add(new TreeSet<>(g.hosts()));
        }
        int n = 0;
        for (Map.Entry<String, List<Assessment>> b : bots.entrySet()) {
            String peer = b.getKey();
            List<String> names = b.getValue().stream().map(Assessment::host).sorted().toList();
            Set<String> methods = new TreeSet<>();
            long first = Long.MAX_VALUE;
            double score = 0;
            for (Assessment a : b.getValue()) {
                score = Math.max(score, a.score());
                for (EvidenceItem i : a.evidence()) {
                    if (peer.equals(i.peer) || Endpoints.address(peer).equals(i.peer)) {
                        methods.add(i.method);
                        first = Math.min(first, i.first);
                    }
                }
            }
            CncEndpoint endpoint = new CncEndpoint(Endpoints.address(peer), Math.max(0, Endpoints.port(peer)),
                    methods.contains("irc") || methods.contains("irc-channel") ? "irc" : "unknown");
            emit.accept(new CncEvent(first == Long.MAX_VALUE ? 0 : first, endpoint, names, score,
                    List.of("named by " + String.join(", ", methods) + " evidence of " + names.size() + " host(s)"), List.of()));
            if (names.size() >= 2 && !syncHostSets.contains(new TreeSet<>(names))) {
                String id = "cnc-" + (++n);
                emit.accept(new GroupEvent(first == Long.MAX_VALUE ? 0 : first, id, names, List.of(endpoint)));
                for (String h : names) {
                    groupsOf.computeIfAbsent(h, k -> new ArrayList<>()).add(id);
                }
            }
        }
        return groupsOf;
    }

    private VerdictEvent verdict(Assessment a, List<String> cnc, List<String> groups) {
        List<VerdictEvent.Item> items = new ArrayList<>();
        long first = Long.MAX_VALUE;
        long last = Long.MIN_VALUE;
        for (EvidenceItem i : a.evidence()) {
            items.add(new VerdictEvent.Item(i.method, i.peer, i.score, scorer.weighted(i), i.count, i.first, i.last,
                    i.summary, List.copyOf(i.references)));
            first = Math.min(first, i.first);
            last = Math.max(last, i.last);
        }
        List<String> stages = a.stages().stream().map(Stage::configName).toList();
        return new VerdictEvent(last, first, a.host(), a.verdict(), a.score(), a.methodScores(), stages, cnc, groups,
                items, hosts.get(a.host()).items().size(), VerdictExplanation.of(a, groups));
    }

    @Override
    public Map<String, Long> counters() {
        Map<String, Long> c = new LinkedHashMap<>();
        c.put("correlation.hosts_with_evidence", (long) hosts.size());
        c.put("correlation.infected", infected);
        c.put("correlation.suspicious", suspicious);
        c.put("correlation.hosts_dropped", hostsDropped);
        c.put("correlation.items_dropped", itemsDropped);
        c.put("correlation.role_discounted", roleDiscounted);
        c.put("correlation.known_service_items", knownServiceItems);
        return c;
    }
}
