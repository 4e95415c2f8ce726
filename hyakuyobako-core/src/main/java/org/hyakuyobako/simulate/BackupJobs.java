package org.hyakuyobako.simulate;

import java.util.List;
import java.util.SplittableRandom;

/**
 * Backup agents: some hosts ask one external backup server every N minutes (N per scenario), all
 * at the same wall-clock minute because cron starts them (±3 s), with a small request and answer;
 * now and then (about once an hour or two per host) the answer says "upload", and 100 KB to 2 MB
 * go out. Synchronized polling of one server by a group of hosts, and benign.
 */
final class BackupJobs {
    static final int MIN_PERIOD_MIN = 5;
    static final int MAX_PERIOD_MIN = 15;
    static final double CRON_SPREAD_S = 3;
    static final int MIN_REQUEST = 200;
    static final int MAX_REQUEST = 600;
    static final int MIN_ANSWER = 100;
    static final int MAX_ANSWER = 400;
    /** Mean time between a host's uploads, per host. */
    static final double MIN_UPLOAD_MEAN_MIN = 60;
    static final double MAX_UPLOAD_MEAN_MIN = 120;
    static final int MIN_UPLOAD = 100 * 1024;
    static final int MAX_UPLOAD = 2 * 1024 * 1024;
    static final double MIN_UPLOAD_AFTER_S = 0.2;
    static final double MAX_UPLOAD_AFTER_S = 2;

    private final World w;
    private final SplittableRandom r;
    private final int server;
    private final String serverName;
    private final long period;
    private final long phase;

    BackupJobs(World w, SplittableRandom r) {
        this.w = w;
        this.r = r;
        this.server = w.book.fresh(r);
        this.serverName = Names.domain(r, "backup");
        w.benign(server, "backup-server");
        int minutes = Draws.between(r, MIN_PERIOD_MIN, MAX_PERIOD_MIN);
        this.period = minutes * Durations.MINUTE;
        this.phase = r.nextInt(minutes) * Durations.MINUTE;
    }

    void start(List<MonitoredHost> clients) {
        if (clients.isEmpty()) {
            return;
        }
        double[] uploadShare = new double[clients.size()];
        for (int i = 0; i < uploadShare.length; i++) {
            uploadShare[i] = period / (Draws.between(r, MIN_UPLOAD_MEAN_MIN, MAX_UPLOAD_MEAN_MIN) * Durations.MINUTE);
        }
        w.every(WallClock.nextAligned(w.start + Durations.seconds(CRON_SPREAD_S), period, phase), () -> period, now -> {
            for (int i = 0; i < clients.size(); i++) {
                MonitoredHost h = clients.get(i);
                long at = now + Durations.seconds(Draws.between(r, -CRON_SPREAD_S, CRON_SPREAD_S));
                long asked = TlsFetch.fetch(w.connect(r, h, server, 443), r, serverName, Draws.between(r, MIN_REQUEST, MAX_REQUEST),
                        Draws.between(r, MIN_ANSWER, MAX_ANSWER), at);
                if (Draws.chance(r, uploadShare[i])) {
                    TlsFetch.fetch(w.connect(r, h, server, 443), r, serverName, (int) Draws.logUniform(r, MIN_UPLOAD, MAX_UPLOAD),
                            Draws.between(r, MIN_ANSWER, MAX_ANSWER), asked + Draws.nanosBetween(r, MIN_UPLOAD_AFTER_S, MAX_UPLOAD_AFTER_S));
                }
            }
        });
    }
}
