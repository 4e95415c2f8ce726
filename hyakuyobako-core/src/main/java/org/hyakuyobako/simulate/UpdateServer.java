package org.hyakuyobako.simulate;

import java.util.List;
import java.util.SplittableRandom;
import org.hyakuyobako.decode.IpAddresses;

/**
 * The intranet's update server (WSUS-like, port 8530): every few hours it fetches an update, a
 * Windows executable, from its vendor's CDN, and over the following half hour most PCs fetch the
 * same executable from it. A busy, benign server that downloads code from outside and hands code to
 * every PC: its role must be learned, and its clients' downloads from it are no evidence.
 */
final class UpdateServer {
    static final int PORT = 8530;
    static final int MIN_EVERY_H = 2;
    static final int MAX_EVERY_H = 4;
    /** PCs fetch the update within this long after the server has it. */
    static final double MAX_SPREAD_MIN = 30;
    static final double MIN_CLIENT_SHARE = 0.5;
    static final double MAX_CLIENT_SHARE = 0.9;
    static final int MIN_SIZE = 200 * 1024;
    static final int MAX_SIZE = 900 * 1024;

    private final World w;
    private final SplittableRandom r;
    private final MonitoredHost server;
    private final int cdn;
    private final String cdnName;

    UpdateServer(World w, SplittableRandom r, MonitoredHost server) {
        this.w = w;
        this.r = r;
        this.server = server;
        this.cdn = w.book.fresh(r);
        this.cdnName = Names.domain(r, "update-delivery");
        w.benign(cdn, "update-cdn");
        w.truth.benignHosts.add(new GroundTruth.Benign(server.text(), "update-server"));
    }

    void start(List<MonitoredHost> clients) {
        long every = Durations.HOUR * Draws.between(r, MIN_EVERY_H, MAX_EVERY_H);
        double share = Draws.between(r, MIN_CLIENT_SHARE, MAX_CLIENT_SHARE);
        w.every(w.start + Draws.nanosBetween(r, 60, 1_800), () -> every, now -> publish(clients, share, now));
    }

    private void publish(List<MonitoredHost> clients, double share, long now) {
        int size = Draws.between(r, MIN_SIZE, MAX_SIZE);
        String kb = "windows10.0-kb" + Draws.between(r, 4_000_000, 5_999_999) + "-x64.exe";
        long t = w.lookup(r, server, cdnName, cdn, now) + Durations.MS;
        long got = fetch(w.connect(r, server, cdn, 80), "/d/msdownload/update/software/secu/" + kb, cdnName, size, t);
        for (MonitoredHost pc : clients) {
            if (!pc.equals(server) && Draws.chance(r, share)) {
                long at = got + Draws.nanosBetween(r, 5, MAX_SPREAD_MIN * 60);
                w.sim.wake(at, (when, sim) -> fetch(w.connect(r, pc, server.address(), PORT), "/Content/" + Integer.toHexString(size)
                        + "/" + kb, IpAddresses.formatV4(server.address()) + ":" + PORT, size, when));
            }
        }
    }

    /** One HTTP GET of the executable; returns when it is in. */
    private long fetch(Tcp http, String path, String host, int size, long t) {
        long s = http.open(t);
        s = http.clientSends(s, Payloads.text("GET " + path + " HTTP/1.1\r\nHost: " + host
                + "\r\nUser-Agent: Windows-Update-Agent/10.0.10011.16384 Client-Protocol/2.50\r\n\r\n"));
        s = http.serverStreams(s + http.rtt(), Payloads.executable(r, size), Durations.MS / 3);
        return http.close(s + Durations.MS);
    }
}
