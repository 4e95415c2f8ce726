package org.hyakuyobako.simulate;

import java.util.List;
import java.util.SplittableRandom;
import org.hyakuyobako.decode.IpAddresses;

/**
 * An update of the bot's code: every bot fetches the same executable (HTTP GET, "MZ", tens to
 * hundreds of kilobytes in many segments), from one shared file server or each from its own
 * mirror (a different server per bot, the harder case: no shared destination).
 *
 * @param server the shared file server (mirror downloads: unused, each bot draws its own)
 * @param content the executable's bytes are drawn from this seed: the same file for every bot
 */
record DownloadCommand(CommandedReaction kind, int server, String file, int size, long content) implements BotCommand {
    static final int MIN_SIZE = 20 * 1024;
    static final int MAX_SIZE = 300 * 1024;
    /** Time between the server's segments (its uplink). */
    static final double MIN_SEGMENT_GAP_MS = 0.1;
    static final double MAX_SEGMENT_GAP_MS = 2.0;
    private static final List<String> FILES = List.of("upd", "svchost", "winupd", "ms32", "sys", "load", "setup");

    static DownloadCommand draw(CommandedReaction kind, World w, SplittableRandom r) {
        int server = kind == CommandedReaction.DOWNLOAD_SHARED ? w.book.fresh(r) : 0;
        return new DownloadCommand(kind, server, Draws.pick(r, FILES) + r.nextInt(100) + ".exe",
                Draws.between(r, MIN_SIZE, MAX_SIZE), r.nextLong());
    }

    @Override
    public String text() {
        return kind == CommandedReaction.DOWNLOAD_SHARED
                ? ".download http://" + IpAddresses.formatV4(server) + "/" + file + " c:\\" + file + " 1"
                : ".update mirrors " + file + " 1";
    }

    @Override
    public void perform(World w, SplittableRandom r, MonitoredHost bot, long t) {
        int from = kind == CommandedReaction.DOWNLOAD_SHARED ? server : w.book.fresh(r);
        Tcp http = w.connect(r, bot, from, 80);
        long at = http.open(t);
        at = http.clientSends(at, Payloads.text("GET /" + file + " HTTP/1.1\r\nHost: " + IpAddresses.formatV4(from)
                + "\r\nUser-Agent: Mozilla/4.0 (compatible; MSIE 6.0; Windows NT 5.1)\r\n\r\n"));
        long gap = Durations.seconds(Draws.between(r, MIN_SEGMENT_GAP_MS, MAX_SEGMENT_GAP_MS) / 1000);
        at = http.serverStreams(at + http.rtt(), Payloads.executable(new SplittableRandom(content), size), gap);
        http.close(at + Durations.MS);
    }
}
