package org.hyakuyobako.simulate;

import java.util.List;
import java.util.SplittableRandom;

/**
 * Two software updaters on every host. Vendor A checks at the same minute of every hour on every
 * host (±20 s) and, every few hours, all hosts download the same patch from its CDN right after the
 * check: a population-wide synchronized contact with one server, then a synchronized download.
 * Vendor B checks on each host's own phase every 30–60 minutes.
 */
final class Updaters {
    static final long HOUR = Durations.HOUR;
    /** Vendor A's hosts check within this many seconds of the minute. */
    static final double A_SPREAD_S = 20;
    /** Vendor A publishes a patch every this many hours (per scenario), downloaded right after the check. */
    static final int A_MIN_DOWNLOAD_EVERY_H = 2;
    static final int A_MAX_DOWNLOAD_EVERY_H = 4;
    static final double A_MIN_DOWNLOAD_AFTER_S = 0.1;
    static final double A_MAX_DOWNLOAD_AFTER_S = 1.5;
    static final int A_MIN_PATCH = 30 * 1024;
    static final int A_MAX_PATCH = 250 * 1024;
    /** Vendor B's check period, per host. */
    static final double B_MIN_PERIOD_MIN = 30;
    static final double B_MAX_PERIOD_MIN = 60;
    /** Sizes of a check's request and answer. */
    static final int MIN_CHECK_REQUEST = 150;
    static final int MAX_CHECK_REQUEST = 600;
    static final int MIN_CHECK_ANSWER = 200;
    static final int MAX_CHECK_ANSWER = 1_200;
    static final double PATCH_SEGMENT_GAP_MS = 0.3;

    private final World w;
    private final SplittableRandom r;
    private final ServiceNodes vendorA;
    private final int vendorB;
    private final String vendorBName;
    private final long minuteA;
    private final int downloadEvery;
    private final int downloadPhase;
    private final int patchSize;

    Updaters(World w, SplittableRandom r) {
        this.w = w;
        this.r = r;
        this.vendorA = ServiceNodes.draw(w, r, "update", "updater", "download", "update-cdn");
        this.vendorB = w.book.fresh(r);
        this.vendorBName = Names.domain(r, "liveupdate");
        w.benign(vendorB, "updater");
        this.minuteA = r.nextInt(60) * Durations.MINUTE;
        this.downloadEvery = Draws.between(r, A_MIN_DOWNLOAD_EVERY_H, A_MAX_DOWNLOAD_EVERY_H);
        this.downloadPhase = r.nextInt(downloadEvery);
        this.patchSize = Draws.between(r, A_MIN_PATCH, A_MAX_PATCH);
    }

    void start(List<MonitoredHost> hosts) {
        w.every(WallClock.nextAligned(w.start, HOUR, minuteA), () -> HOUR, now -> hourlyCheck(hosts, now));
        for (MonitoredHost h : hosts) {
            long period = Durations.seconds(Draws.between(r, B_MIN_PERIOD_MIN, B_MAX_PERIOD_MIN) * 60);
            w.every(w.start + (long) (r.nextDouble() * period), () -> period, now -> check(h, vendorB, vendorBName, now));
        }
    }

    /** Vendor A at its minute: every host checks, and on a patch hour downloads right after. */
    private void hourlyCheck(List<MonitoredHost> hosts, long now) {
        boolean patchHour = Math.floorDiv(now, HOUR) % downloadEvery == downloadPhase;
        for (MonitoredHost h : hosts) {
            long at = now + Durations.seconds(Draws.between(r, -A_SPREAD_S, A_SPREAD_S));
            if (at < w.start) {
                continue;
            }
            long checked = check(h, vendorA.server(), vendorA.serverName(), at);
            if (patchHour) {
                download(h, checked + Draws.nanosBetween(r, A_MIN_DOWNLOAD_AFTER_S, A_MAX_DOWNLOAD_AFTER_S));
            }
        }
    }

    private long check(MonitoredHost h, int server, String name, long at) {
        long t = w.lookup(r, h, name, server, at) + Durations.MS;
        return TlsFetch.fetch(w.connect(r, h, server, 443), r, name,
                Draws.between(r, MIN_CHECK_REQUEST, MAX_CHECK_REQUEST), Draws.between(r, MIN_CHECK_ANSWER, MAX_CHECK_ANSWER), t);
    }

    private void download(MonitoredHost h, long at) {
        long t = w.lookup(r, h, vendorA.cdnName(), vendorA.cdn(), at) + Durations.MS;
        Tcp http = w.connect(r, h, vendorA.cdn(), 80);
        long s = http.open(t);
        s = http.clientSends(s, Payloads.text("GET /patches/kb" + patchSize + ".cab HTTP/1.1\r\nHost: " + vendorA.cdnName() + "\r\n\r\n"));
        s = http.serverStreams(s + http.rtt(), Payloads.httpBody(r, "application/vnd.ms-cab-compressed", patchSize),
                Durations.seconds(PATCH_SEGMENT_GAP_MS / 1000));
        http.close(s + Durations.MS);
    }
}
