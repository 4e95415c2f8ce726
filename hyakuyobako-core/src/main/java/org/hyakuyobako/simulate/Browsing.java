package org.hyakuyobako.simulate;

import java.util.SplittableRandom;

/**
 * Users browsing: each at their own pace (a mean think time per user), a page load every so often,
 * directly (a look-up, then HTTPS to the site and its CDN nodes) or through the web proxy.
 */
final class Browsing {
    /** Mean time between a user's page loads, per user. */
    static final double MIN_THINK_MEAN_MIN = 12;
    static final double MAX_THINK_MEAN_MIN = 30;
    /** Users start browsing within this many first minutes. */
    static final double START_WINDOW_S = 600;
    /** Share of direct fetches that look the name up first (else the browser's cache knows it). */
    static final double LOOKUP_SHARE = 0.4;

    private final World w;
    private final SplittableRandom r;
    private final WebSites web;

    Browsing(World w, SplittableRandom r, WebSites web) {
        this.w = w;
        this.r = r;
        this.web = web;
    }

    /** The browser going straight to the Internet. */
    WebSites.Fetcher direct() {
        return (user, d, request, response, at) -> {
            long t = Draws.chance(r, LOOKUP_SHARE) ? w.lookup(r, user, d.name(), d.address(), at) + Durations.MS : at;
            return TlsFetch.fetch(w.connect(r, user, d.address(), 443), r, d.name(), request, response, t);
        };
    }

    void start(MonitoredHost user, WebSites.Fetcher via) {
        long mean = Durations.seconds(Draws.between(r, MIN_THINK_MEAN_MIN, MAX_THINK_MEAN_MIN) * 60);
        w.every(w.start + Draws.nanosBetween(r, 0, START_WINDOW_S), () -> Draws.exponential(r, mean), now -> web.loadPage(r, user, via, now));
    }
}
