package org.hyakuyobako.simulate;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.SplittableRandom;

/**
 * Which monitored hosts each botnet infects. Honeypots: 2–3 each, a honeypot in two botnets at
 * most. Intranet: 3–8 each, in about one scenario in four one botnet of exactly two bots (the case
 * where "many hosts in step" is only two), and now and then a host in two botnets.
 */
final class Infections {
    static final int MIN_HONEYPOT_BOTS = 2;
    static final int MAX_HONEYPOT_BOTS = 3;
    static final int MAX_BOTNETS_PER_HONEYPOT = 2;
    static final int MIN_INTRANET_BOTS = 3;
    static final int MAX_INTRANET_BOTS = 8;
    static final double PAIR_BOTNET_SHARE = 0.25;
    static final int PAIR = 2;
    /** Share of intranet botnets (after the first) one of whose bots is already in another botnet. */
    static final double DOUBLE_INFECTION_SHARE = 0.25;

    private Infections() {
    }

    static List<List<MonitoredHost>> honeypots(List<MonitoredHost> honeypots, int botnets, SplittableRandom r) {
        Map<MonitoredHost, Integer> memberships = new HashMap<>();
        List<List<MonitoredHost>> result = new ArrayList<>();
        for (int b = 0; b < botnets; b++) {
            List<MonitoredHost> free = new ArrayList<>();
            for (MonitoredHost h : honeypots) {
                if (memberships.getOrDefault(h, 0) < MAX_BOTNETS_PER_HONEYPOT) {
                    free.add(h);
                }
            }
            int size = Math.min(honeypots.size(), Draws.between(r, MIN_HONEYPOT_BOTS, MAX_HONEYPOT_BOTS));
            List<MonitoredHost> bots = Draws.sample(r, free.size() >= size ? free : honeypots, size);
            bots.forEach(h -> memberships.merge(h, 1, Integer::sum));
            result.add(bots);
        }
        return result;
    }

    /** Bots among {@code candidates} (hosts that may be infected: not the relay, not the proxy). */
    static List<List<MonitoredHost>> intranet(List<MonitoredHost> candidates, int botnets, SplittableRandom r) {
        int pairBotnet = Draws.chance(r, PAIR_BOTNET_SHARE) ? r.nextInt(botnets) : -1;
        List<MonitoredHost> clean = new ArrayList<>(candidates);
        List<MonitoredHost> infected = new ArrayList<>();
        List<List<MonitoredHost>> result = new ArrayList<>();
        for (int b = 0; b < botnets; b++) {
            int size = b == pairBotnet ? PAIR : Draws.between(r, MIN_INTRANET_BOTS, MAX_INTRANET_BOTS);
            List<MonitoredHost> bots = Draws.sample(r, clean, size);
            clean.removeAll(bots);
            if (!infected.isEmpty() && Draws.chance(r, DOUBLE_INFECTION_SHARE)) {
                clean.add(bots.set(0, Draws.pick(r, infected)));
            }
            infected.addAll(bots);
            result.add(bots);
        }
        return result;
    }
}
