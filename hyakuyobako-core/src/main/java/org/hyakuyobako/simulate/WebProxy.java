package org.hyakuyobako.simulate;

import java.util.HashSet;
import java.util.Set;
import java.util.SplittableRandom;

/**
 * The intranet's web proxy (port 3128 or 8080): some users browse through it instead of going out
 * themselves. For each server of a page the user's browser opens a CONNECT tunnel to the proxy, and
 * the proxy opens its own connection out, looking the name up the first time: the proxy is the
 * internal host with the most external destinations of all, in bursts, and it is benign.
 */
final class WebProxy implements WebSites.Fetcher {
    static final int[] PORTS = {3128, 8080};
    /** The proxy connects out this long after the tunnel request reached it. */
    static final double MIN_FORWARD_MS = 0.5;
    static final double MAX_FORWARD_MS = 5;

    private final World w;
    private final SplittableRandom r;
    private final MonitoredHost proxy;
    private final int port;
    private final Set<String> resolved = new HashSet<>();

    WebProxy(World w, SplittableRandom r, MonitoredHost proxy) {
        this.w = w;
        this.r = r;
        this.proxy = proxy;
        this.port = Draws.pick(r, PORTS);
        w.truth.benignHosts.add(new GroundTruth.Benign(proxy.text(), "proxy"));
    }

    @Override
    public long fetch(MonitoredHost user, WebSites.Destination d, int requestBytes, int responseBytes, long at) {
        long forward = at + Durations.seconds(Draws.between(r, MIN_FORWARD_MS, MAX_FORWARD_MS) / 1000);
        if (resolved.add(d.name())) {
            forward = w.lookup(r, proxy, d.name(), d.address(), forward) + Durations.MS / 10;
        }
        TlsFetch.fetch(w.connect(r, proxy, d.address(), 443), r, d.name(), requestBytes, responseBytes, forward);
        return TlsFetch.tunnelled(w.connect(r, user, proxy.address(), port), r, d.name(), requestBytes, responseBytes, at);
    }
}
