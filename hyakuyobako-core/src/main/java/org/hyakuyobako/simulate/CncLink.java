package org.hyakuyobako.simulate;

import java.util.SplittableRandom;

/**
 * One bot's way to its C&C: the bot, the server and port, the botnet's protocol, and the random
 * source the botnet draws from. What push and poll channels share.
 */
record CncLink(World w, SplittableRandom r, MonitoredHost bot, int cnc, int port, CncProtocol protocol) {
    /** Looks the C&C's name up first when the botnet uses one; returns when the bot can connect. */
    long resolve(long at) {
        return protocol.domain() == null ? at : w.lookup(r, bot, protocol.domain(), cnc, at) + Durations.MS;
    }

    /** A new connection from the bot to its C&C. */
    Tcp connect() {
        return w.connect(r, bot, cnc, port);
    }
}
