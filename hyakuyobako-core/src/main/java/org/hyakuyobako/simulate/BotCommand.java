package org.hyakuyobako.simulate;

import java.util.SplittableRandom;

/**
 * One command of a botnet: what every bot of it will do, with the parameters the C&C gave (a
 * network to sweep, a victim) and those each bot draws for itself (its own random targets, its own
 * mirror). Drawn when the C&C issues it.
 */
sealed interface BotCommand permits ScanCommand, SpamCommand, FloodCommand, DownloadCommand {
    CommandedReaction kind();

    /** The command as an IRC or HTTP bot reads it (what a plaintext channel shows). */
    String text();

    /** What one bot does from {@code t} on: the packets of its reaction. */
    void perform(World w, SplittableRandom r, MonitoredHost bot, long t);

    /** A command of this kind with fresh parameters; {@code mtas} is the botnet's pool of mail servers. */
    static BotCommand draw(CommandedReaction kind, World w, SplittableRandom r, int[] mtas) {
        return switch (kind) {
            case SCAN_SEQUENTIAL, SCAN_RANDOM, SCAN_INTRANET -> ScanCommand.draw(kind, w, r);
            case SPAM -> SpamCommand.draw(r, mtas);
            case DDOS -> FloodCommand.draw(w, r);
            case DOWNLOAD_MIRROR, DOWNLOAD_SHARED -> DownloadCommand.draw(kind, w, r);
        };
    }
}
