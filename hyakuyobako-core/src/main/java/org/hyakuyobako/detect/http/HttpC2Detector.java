package org.hyakuyobako.detect.http;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.function.Consumer;
import org.hyakuyobako.decode.IpAddresses;
import org.hyakuyobako.detect.LruMap;
import org.hyakuyobako.event.Endpoints;
import org.hyakuyobako.event.Event;
import org.hyakuyobako.event.EvidenceEvent;
import org.hyakuyobako.event.HttpEvent;
import org.hyakuyobako.net.HomeNet;
import org.hyakuyobako.pipeline.EventObserver;

/**
 * HTTP C&C without signatures (issue 27, D9), from {@code http} events: per monitored host and
 * outside server endpoint, the signs of a C&C client ({@link C2Sign}: a bare address on an odd
 * port, a self-contradicting or rare user agent, small POSTs on a timer, form or base64 bodies,
 * encoded or executable answers to POSTs) combine into one score ({@link C2Score}). Evidence method
 * {@code http-c2}, peer the endpoint, the signs listed in the summary.
 *
 * <p>Reported as soon as two signs make {@link #SURE} or more (packet time), again whenever the score
 * rises, and at {@link #finish()} for what was pending, with the agent's rarity, which only the
 * whole run's population can tell. One sign alone stays at or under 0.3; a single weak sign is not
 * reported at all. Servers inside the home net are not judged: an intranet proxy or update cache is
 * talked to like that by every host; nor are requests to a proxy (CONNECT, absolute URLs). Memory is bounded: endpoints beyond {@link #MAX_ENDPOINTS} are
 * judged and forgotten, least recently used first (counted).
 */
public final class HttpC2Detector implements EventObserver {
    static final int MAX_ENDPOINTS = 20_000;
    static final int MAX_AGENT = 256;
    /** Two signs making this much are reported at once; less waits for the end of the run. */
    static final double SURE = 0.5;
    /** Below this nothing is reported (a single weak sign, or two of the weakest). */
    static final double MIN_REPORT = 0.3;

    private final HomeNet homeNet;
    private final Consumer<Event> emit;
    private final AgentPopulation agents = new AgentPopulation();
    private final LruMap<String, C2Endpoint> endpoints;
    private long evidenceEmitted;

    public HttpC2Detector(HomeNet homeNet, Consumer<Event> emit) {
        this.homeNet = homeNet;
        this.emit = emit;
        // An endpoint about to be forgotten is judged with what is known, so nothing goes unreported.
        this.endpoints = new LruMap<>(MAX_ENDPOINTS, (key, e) -> judge(e, true, e.last, false));
    }

    @Override
    public void accept(Event event) {
        if (!(event instanceof HttpEvent h)) {
            return;
        }
        long[] client = IpAddresses.parse(h.conn().srcIp());
        long[] server = IpAddresses.parse(h.conn().destIp());
        if (!homeNet.contains(client[0], client[1]) || homeNet.contains(server[0], server[1]) || proxied(h)) {
            return;
        }
        String host = h.conn().srcIp();
        String peer = Endpoints.format(h.conn().destIp(), h.conn().destPort());
        String agent = agentKey(h.userAgent());
        if (agent != null) {
            agents.saw(agent, host, peer);
        }
        String key = host + " " + peer;
        C2Endpoint e = endpoints.get(key);
        if (e == null) {
            e = new C2Endpoint(host, peer, h.conn().destPort());
            endpoints.put(key, e);
        }
        e.add(h, agent);
        judge(e, false, h.timestampNanos(), true);
    }

    /**
     * The agent as remembered: its first {@link #MAX_AGENT} characters. Header lines may be 8 KB and
     * 20,000 endpoints and agents keep one each; what a browser sends fits many times over, and the
     * rules read the product tokens at its start.
     */
    static String agentKey(String sent) {
        return sent == null || sent.length() <= MAX_AGENT ? sent : sent.substring(0, MAX_AGENT);
    }

    /**
     * A request to a proxy (CONNECT, or an absolute URL): the server is a proxy reached however the
     * site set it up, often by address on 3128 or 8080; the proxy abuse detector judges those.
     */
    private static boolean proxied(HttpEvent h) {
        return "CONNECT".equals(h.method()) || h.url() != null && h.url().regionMatches(true, 0, "http://", 0, 7);
    }

    @Override
    public void finish() {
        for (C2Endpoint e : new ArrayList<>(endpoints.values())) {
            judge(e, true, e.last, false);
        }
    }

    /**
     * Reports the endpoint when its score rose: at packet time only when sure, at the end (or when
     * forgotten) from {@link #MIN_REPORT}, with the agent's rarity in the population.
     */
    private void judge(C2Endpoint e, boolean withRarity, long at, boolean onlyWhenSure) {
        boolean rare = withRarity && e.agent != null && !e.manyAgents && agents.rare(e.agent, e.host);
        Map<C2Sign, String> signs = e.signs(rare);
        double score = C2Score.of(signs);
        boolean enough = onlyWhenSure ? signs.size() >= 2 && score >= SURE : score >= MIN_REPORT;
        // Again when the score rose, or when at the cap more signs showed (the summary says more).
        boolean news = score > e.reported + 1e-9 || score > e.reported - 1e-9 && signs.size() > e.reportedSigns;
        if (!enough || !news) {
            return;
        }
        e.reported = score;
        e.reportedSigns = signs.size();
        evidenceEmitted++;
        emit.accept(new EvidenceEvent(at, e.last, e.host, e.peer, "http-c2", score,
                "talks to " + e.peer + " like an HTTP C&C client: " + String.join("; ", signs.values()), List.copyOf(e.references)));
    }

    @Override
    public Map<String, Long> counters() {
        return Map.of("http_c2.evidence", evidenceEmitted, "http_c2.endpoints_forgotten", endpoints.evicted(),
                "http_c2.agents_forgotten", agents.agentsForgotten(), "http_c2.hosts_forgotten", agents.hostsForgotten());
    }
}
