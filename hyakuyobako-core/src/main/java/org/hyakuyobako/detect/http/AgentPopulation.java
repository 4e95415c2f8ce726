package org.hyakuyobako.detect.http;

import org.hyakuyobako.detect.LruMap;

/**
 * Which monitored hosts use which user agent, toward which servers: rarity judged within the run's
 * own population rather than by a list (lists age, and every network has its own software). An
 * agent is rare when one host uses it, toward one server, while at least {@link #MIN_COMMON_HOSTS}
 * other hosts use agents that several hosts share (so there is a population to differ from: on a
 * network of one host, or where every host runs its own program, nothing is rare).
 * Bounded: the least recently used agents and hosts are forgotten first (counted).
 */
final class AgentPopulation {
    static final int MIN_COMMON_HOSTS = 3;
    static final int MAX_AGENTS = 20_000;
    static final int MAX_HOSTS = 50_000;

    private static final class Use {
        final String host;
        final String server;
        boolean manyHosts;
        boolean manyServers;

        Use(String host, String server) {
            this.host = host;
            this.server = server;
        }
    }

    private final LruMap<String, Use> agents = new LruMap<>(MAX_AGENTS);
    /** Hosts seen using an agent that another host uses too. */
    private final LruMap<String, Boolean> commonHosts = new LruMap<>(MAX_HOSTS);
    /** One request of {@code host} with {@code agent} to {@code server} (an address and port). */
    void saw(String agent, String host, String server) {
        Use use = agents.get(agent);
        if (use == null) {
            agents.put(agent, new Use(host, server));
            return;
        }
        if (!use.host.equals(host)) {
            use.manyHosts = true;
            commonHosts.put(use.host, Boolean.TRUE);
        }
        if (!use.server.equals(server)) {
            use.manyServers = true;
        }
        if (use.manyHosts) {
            commonHosts.put(host, Boolean.TRUE);
        }
    }

    boolean rare(String agent, String host) {
        Use use = agents.get(agent);
        if (use == null || use.manyHosts || use.manyServers) {
            return false;
        }
        int others = commonHosts.size() - (commonHosts.containsKey(host) ? 1 : 0);
        return others >= MIN_COMMON_HOSTS;
    }

    long agentsForgotten() {
        return agents.evicted();
    }

    long hostsForgotten() {
        return commonHosts.evicted();
    }
}
