package org.hyakuyobako.simulate;

import java.util.ArrayList;
import java.util.List;
import java.util.SplittableRandom;

/**
 * The web the monitored users browse: popular sites that everyone visits (a few far more than the
 * rest), shared CDN and ad nodes every page pulls objects from, and a long tail of sites seen once
 * or twice. What one page load opens is decided here; how (directly, through the proxy) elsewhere.
 */
final class WebSites {
    static final int MIN_POPULAR = 20;
    static final int MAX_POPULAR = 40;
    static final int MIN_CDNS = 5;
    static final int MAX_CDNS = 12;
    static final int MIN_TAIL = 300;
    static final int MAX_TAIL = 800;
    /** A page opens this many more connections to CDN, ad and other nodes after its main answer. */
    static final int MIN_EXTRAS = 2;
    static final int MAX_EXTRAS = 8;
    /** ... within this time of the main answer (the browser parses the page and fetches its objects). */
    static final double MAX_EXTRA_DELAY_S = 1.0;
    /** Share of page loads (per scenario) that go to a long-tail site, and of extras that do. */
    static final double MIN_TAIL_SHARE = 0.1;
    static final double MAX_TAIL_SHARE = 0.4;
    /** Sizes: the page's request and answer, and each object's answer. */
    static final int MIN_REQUEST = 300;
    static final int MAX_REQUEST = 1_200;
    static final int MIN_PAGE = 3_000;
    static final int MAX_PAGE = 25_000;
    static final int MIN_OBJECT = 800;
    static final int MAX_OBJECT = 12_000;

    /** One server of a page load and how the browser reaches it. */
    record Destination(int address, String name) {
    }

    /** How a user's browser reaches a server (directly, through the proxy); returns when the exchange is over. */
    interface Fetcher {
        long fetch(MonitoredHost user, Destination d, int requestBytes, int responseBytes, long at);
    }

    private final List<Destination> popular = new ArrayList<>();
    private final List<Destination> cdns = new ArrayList<>();
    private final List<Destination> tail = new ArrayList<>();
    private final double tailShare;

    WebSites(World w, SplittableRandom r) {
        for (int i = Draws.between(r, MIN_POPULAR, MAX_POPULAR); i > 0; i--) {
            popular.add(new Destination(w.book.fresh(r), Names.domain(r, "www")));
            w.benign(popular.get(popular.size() - 1).address(), "popular-site");
        }
        for (int i = Draws.between(r, MIN_CDNS, MAX_CDNS); i > 0; i--) {
            cdns.add(new Destination(w.book.fresh(r), Names.domain(r, Draws.chance(r, 0.5) ? "cdn" : "ads")));
            w.benign(cdns.get(cdns.size() - 1).address(), "cdn");
        }
        for (int i = Draws.between(r, MIN_TAIL, MAX_TAIL); i > 0; i--) {
            tail.add(new Destination(w.book.fresh(r), Names.domain(r, "www")));
        }
        this.tailShare = Draws.between(r, MIN_TAIL_SHARE, MAX_TAIL_SHARE);
    }

    /** A popular site, the first ones far more often (roughly Zipf). */
    private Destination popular(SplittableRandom r) {
        int i = (int) (Draws.exponential(r, popular.size() / 6 + 1) - 1);
        return popular.get(Math.min(popular.size() - 1, i));
    }

    /** One page load through {@code via}: the page, then 2–8 objects within a second of its answer. */
    void loadPage(SplittableRandom r, MonitoredHost user, Fetcher via, long now) {
        Destination page = Draws.chance(r, tailShare) ? Draws.pick(r, tail) : popular(r);
        long answered = via.fetch(user, page, Draws.between(r, MIN_REQUEST, MAX_REQUEST), Draws.between(r, MIN_PAGE, MAX_PAGE), now);
        int extras = Draws.between(r, MIN_EXTRAS, MAX_EXTRAS);
        List<Destination> objects = Draws.sample(r, cdns, extras);
        while (objects.size() < extras) {
            objects.add(Draws.pick(r, tail));
        }
        for (Destination d : objects) {
            if (Draws.chance(r, tailShare)) {
                d = Draws.pick(r, tail);
            }
            via.fetch(user, d, Draws.between(r, MIN_REQUEST, MAX_REQUEST), Draws.between(r, MIN_OBJECT, MAX_OBJECT),
                    answered + Draws.nanosBetween(r, 0, MAX_EXTRA_DELAY_S));
        }
    }
}
