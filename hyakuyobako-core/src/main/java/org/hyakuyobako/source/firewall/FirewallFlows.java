package org.hyakuyobako.source.firewall;

import java.util.ArrayList;
import java.util.List;
import java.util.function.Consumer;
import org.hyakuyobako.detect.LruMap;

/**
 * Joins Built and Teardown messages (302013/302014, 302015/302016, 302020/302021) into
 * {@link FirewallFlow}s by device and connection number. In a Built message the first endpoint is
 * the initiator for an inbound connection and the responder for an outbound one (the device lists
 * the lower-security side first); Teardown messages keep the Built's order. Connections still open
 * at the end are written as {@code open}; Teardowns without their Built (the log began mid-way) as
 * {@code torn-down}. Memory is bounded: the oldest open connections are written out first, as
 * {@code evicted} (their end unknown, not open to the end of the log).
 */
public final class FirewallFlows {
    static final int MAX_OPEN = 500_000;

    private record Key(String device, long id, String transport) {
    }

    private final Consumer<FirewallFlow> out;
    private final LruMap<Key, FirewallEvent> open;
    private long joined;
    private long teardownOnly;

    public FirewallFlows(Consumer<FirewallFlow> out) {
        this.out = out;
        // A Built pushed out of memory is no connection the log saw open to its end: written as evicted.
        this.open = new LruMap<>(MAX_OPEN, (k, built) -> out.accept(fromBuilt(built, "evicted")));
    }

    public void accept(FirewallEvent e) {
        if (e.connectionId() < 0 || e.transport() == null || e.src() == null || e.dst() == null) {
            return;
        }
        boolean connection = switch (e.messageId()) {
            case "302013", "302014", "302015", "302016", "302020", "302021" -> true;
            default -> false;
        };
        if (!connection) {
            return;
        }
        Key key = new Key(e.host(), e.connectionId(), e.transport());
        if (e.action().equals("built")) {
            open.put(key, e);
            return;
        }
        FirewallEvent built = open.remove(key);
        if (built != null) {
            joined++;
        } else {
            teardownOnly++;
        }
        out.accept(fromTeardown(built, e));
    }

    /** The log ended: connections never torn down are written as open. */
    public void finish() {
        List<FirewallEvent> left = new ArrayList<>(open.values());
        open.clear();
        for (FirewallEvent b : left) {
            out.accept(fromBuilt(b, "open"));
        }
    }

    private static boolean firstIsInitiator(FirewallEvent built) {
        return built == null || !"outbound".equalsIgnoreCase(built.direction());
    }

    private static FirewallFlow fromBuilt(FirewallEvent b, String state) {
        boolean first = firstIsInitiator(b);
        return new FirewallFlow(b.host(), b.connectionId(), b.transport(), b.direction(), first ? b.src() : b.dst(),
                first ? b.dst() : b.src(), b.timestampNanos(), b.timestampNanos(), -1, state, null);
    }

    private static FirewallFlow fromTeardown(FirewallEvent built, FirewallEvent t) {
        boolean first = firstIsInitiator(built);
        // The Built carries the NAT addresses; the Teardown the real ones again, and the end.
        FirewallEndpoint a = built != null ? built.src() : t.src();
        FirewallEndpoint b = built != null ? built.dst() : t.dst();
        long end = t.timestampNanos();
        long start = built != null ? built.timestampNanos()
                : t.durationSeconds() >= 0 && end >= 0 ? end - t.durationSeconds() * 1_000_000_000L : end;
        return new FirewallFlow(t.host(), t.connectionId(), t.transport(), built == null ? null : built.direction(),
                first ? a : b, first ? b : a, start, end, t.bytes(), built != null ? "closed" : "torn-down", t.reason());
    }

    public long joined() {
        return joined;
    }

    public long teardownOnly() {
        return teardownOnly;
    }

    public long evicted() {
        return open.evicted();
    }
}
