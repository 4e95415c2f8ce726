package org.hyakuyobako.simulate;

import java.util.Locale;

/** What bots do when commanded; each command makes all its bots do one of these. */
enum CommandedReaction {
    /** SYNs to a.b.c.1, .2, … of one commanded /24. */
    SCAN_SEQUENTIAL,
    /** SYNs to random public addresses, each bot its own. */
    SCAN_RANDOM,
    /** A sweep of the bot's own network. */
    SCAN_INTRANET,
    /** MX look-ups, then SMTP to rotating MTAs, each bot its own. */
    SPAM,
    /** A SYN or UDP flood, every bot at the same victim. */
    DDOS,
    /** Each bot fetches an executable from its own mirror. */
    DOWNLOAD_MIRROR,
    /** Every bot fetches the executable from one file server. */
    DOWNLOAD_SHARED;

    /** The name in ground-truth.json: {@code scan-sequential}, {@code download-mirror}, … */
    String label() {
        return name().toLowerCase(Locale.ROOT).replace('_', '-');
    }
}
