package org.hyakuyobako.detect.sync;

import java.util.List;
import org.hyakuyobako.decode.IpAddresses;
import org.hyakuyobako.event.Timestamps;

/** With {@code -Dhyakuyobako.debug.sync=true}: every bot-like reaction and its possible commands, on stderr, for tuning. */
final class SyncDebug {
    private SyncDebug() {
    }

    static void print(List<Reaction> reactions) {
        for (Reaction r : reactions) {
            StringBuilder sb = new StringBuilder("reaction ").append(r.host).append(' ').append(Timestamps.eve(r.startNanos))
                    .append(' ').append(r.kind).append(" targets ").append(r.distinctTargets()).append(':');
            for (CommandHistory.Candidate c : r.candidates) {
                sb.append(' ').append(IpAddresses.format(c.hi(), c.lo())).append(':').append(c.port()).append('/').append(c.proto())
                        .append(c.openDuring() ? "(open)" : "");
                for (long d : c.delays()) {
                    sb.append(String.format(" %.2f", d / 1e9));
                }
            }
            System.err.println(sb);
        }
    }
}
