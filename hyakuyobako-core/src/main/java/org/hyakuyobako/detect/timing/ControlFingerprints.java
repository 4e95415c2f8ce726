package org.hyakuyobako.detect.timing;

import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.Map;
import org.hyakuyobako.detect.LruMap;

/**
 * Groups IRC sessions by server and by the sizes of their control commands (Sn of PASS, NICK, USER,
 * JOIN, MODE, seed 001). One bot build logs in with the same password, a nick of the same pattern
 * and length, the same USER line and channel key, so its copies send the same sizes; people's
 * clients differ in nick, user name and real name. Bounded: least recently used prints are dropped.
 */
final class ControlFingerprints {
    static final int MAX_PRINTS = 50_000;
    static final int MAX_HOSTS = 1_000;

    /** Hosts that sent one print, with a flow of each, and which of them were already reported. */
    static final class Group {
        final String server;
        final int[] sizes;
        final Map<String, Long> hosts = new LinkedHashMap<>();
        final java.util.Set<String> reported = new java.util.HashSet<>();

        Group(String server, int[] sizes) {
            this.server = server;
            this.sizes = sizes;
        }
    }

    private final Map<String, Group> groups = new LruMap<>(MAX_PRINTS);

    /** Adds a session's print and returns its group. */
    Group add(String server, int[] sizes, String host, long flowId) {
        String key = server + " " + Arrays.toString(sizes);
        Group g = groups.computeIfAbsent(key, k -> new Group(server, sizes));
        if (g.hosts.size() < MAX_HOSTS || g.hosts.containsKey(host)) {
            g.hosts.put(host, flowId);
        }
        return g;
    }
}
