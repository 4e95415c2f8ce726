package org.hyakuyobako.simulate;

import java.util.ArrayList;
import java.util.List;
import java.util.SplittableRandom;

/**
 * Device management (MDM) in the intranet: every host keeps a TLS connection to one external
 * management server; two to four times per capture the server pushes a message to all hosts within
 * a second, and every host then fetches from one shared CDN half a second to three seconds later.
 * The benign twin of a push botnet's command and reaction, across the whole population.
 */
final class ManagementPush {
    /** Hosts connect within this many first seconds. */
    static final double CONNECT_WINDOW_S = 120;
    /** The agent's heartbeat period per scenario (below the 5-minute idle timeout of firewalls and flow tables). */
    static final double MIN_HEARTBEAT_S = 60;
    static final double MAX_HEARTBEAT_S = 270;
    static final double HEARTBEAT_JITTER = 0.1;
    static final double MIN_ANSWER_SHARE = 0.3;
    static final double MAX_ANSWER_SHARE = 1.0;
    static final int MIN_PUSHES = 2;
    static final int MAX_PUSHES = 4;
    static final double PUSH_SPREAD_S = 1.0;
    static final double MIN_FETCH_AFTER_S = 0.5;
    static final double MAX_FETCH_AFTER_S = 3.0;
    /** Pushes come after the hosts connected, and this far apart at least. */
    static final double PUSH_MIN_GAP_MIN = 10;
    static final int MIN_MESSAGE = 100;
    static final int MAX_MESSAGE = 400;
    static final int MIN_BEAT = 20;
    static final int MAX_BEAT = 80;
    static final int MIN_PAYLOAD = 5 * 1024;
    static final int MAX_PAYLOAD = 60 * 1024;

    private final World w;
    private final SplittableRandom r;
    private final ServiceNodes nodes;
    private final KeptConnection.Heartbeat heartbeat;

    ManagementPush(World w, SplittableRandom r) {
        this.w = w;
        this.r = r;
        this.nodes = ServiceNodes.draw(w, r, "mdm", "mgmt-server", "content", "mgmt-cdn");
        this.heartbeat = KeptConnection.Heartbeat.tlsClient(r, MIN_HEARTBEAT_S, MAX_HEARTBEAT_S, HEARTBEAT_JITTER,
                Draws.between(r, MIN_ANSWER_SHARE, MAX_ANSWER_SHARE), MIN_BEAT, MAX_BEAT);
    }

    void start(List<MonitoredHost> hosts) {
        List<KeptConnection> agents = new ArrayList<>();
        for (MonitoredHost h : hosts) {
            KeptConnection c = new KeptConnection(w, r, h, nodes.server(), 443, heartbeat);
            c.openTls(w.start + Draws.nanosBetween(r, 0, CONNECT_WINDOW_S), nodes.serverName());
            agents.add(c);
        }
        long from = w.start + Durations.seconds(CONNECT_WINDOW_S + 60);
        List<Long> pushes = Draws.spreadTimes(r, Draws.between(r, MIN_PUSHES, MAX_PUSHES), from, w.end - Durations.MINUTE,
                Durations.seconds(PUSH_MIN_GAP_MIN * 60));
        for (long at : pushes) {
            w.sim.wake(at, (now, sim) -> push(hosts, agents, now));
        }
    }

    private void push(List<MonitoredHost> hosts, List<KeptConnection> agents, long now) {
        int payload = Draws.between(r, MIN_PAYLOAD, MAX_PAYLOAD);
        for (int i = 0; i < hosts.size(); i++) {
            MonitoredHost h = hosts.get(i);
            agents.get(i).serverPush(now + Draws.nanosBetween(r, 0, PUSH_SPREAD_S),
                    Payloads.message(r, MIN_MESSAGE, MAX_MESSAGE),
                    delivered -> TlsFetch.fetch(w.connect(r, h, nodes.cdn(), 443), r, nodes.cdnName(), Draws.between(r, MIN_MESSAGE, MAX_MESSAGE), payload,
                            delivered + Draws.nanosBetween(r, MIN_FETCH_AFTER_S, MAX_FETCH_AFTER_S)));
        }
    }
}
