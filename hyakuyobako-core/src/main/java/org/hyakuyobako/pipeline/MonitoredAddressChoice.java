package org.hyakuyobako.pipeline;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import org.hyakuyobako.decode.IpAddresses;

/**
 * Which public addresses of a sensor's sample are the sensor's own monitored hosts, chosen by the
 * role an address plays, never by how often it appears (in a two-party capture the C&C server is in
 * every packet, as the bot is):
 * <ol>
 *   <li><b>Receives unsolicited connections from many sources</b>: a honeypot, or a server the
 *       sensor taps. Every address opened by at least {@link #MIN_UNSOLICITED_SOURCES} distinct
 *       outside sources is taken, strongest first; sources already taken as monitored hosts do not
 *       count, so the C&C that several honeypots of one merged capture connect to is not taken
 *       for a honeypot.</li>
 *   <li>Else <b>the local end of most connections</b>: an address that is an end of at least
 *       {@link #MIN_CONNECTION_SHARE} of the sampled connections. When two addresses are (a
 *       two-party capture), the one that opened more of them is taken, with a warning: a bot opens
 *       its C&C connection, a server waits.</li>
 * </ol>
 * An address whose only partners are hosts of the base home net (private addresses) is never
 * taken: it is their peer (the IRC server an intranet host chats on), and taking it would turn
 * blacklist matches, timing evidence and {@code $HOME_NET} in rules the wrong way round.
 */
final class MonitoredAddressChoice {
    static final int MIN_UNSOLICITED_SOURCES = 5;
    static final double MIN_CONNECTION_SHARE = 0.5;

    /** A chosen address and why, in words for the user. */
    record Chosen(String address, String reason) {
    }

    /**
     * @param notes decisions worth telling (an address left out as a peer)
     * @param warnings ambiguous choices the user should check
     */
    record Result(List<Chosen> chosen, List<String> notes, List<String> warnings) {
    }

    private MonitoredAddressChoice() {
    }

    static Result choose(String sensor, AddressSample sample) {
        List<AddressSample.Role> candidates = new ArrayList<>();
        List<Chosen> chosen = new ArrayList<>();
        for (AddressSample.Role r : sample.roles().values()) {
            if (sample.base().contains(r.hi, r.lo) || unassignable(r.hi, r.lo)) {
                continue;
            }
            if (loopback(r.hi, r.lo)) {
                // Loopback talking to loopback is the sensor's own host; a loopback source from the
                // wire is spoofed (a martian) and no host at all.
                if (r.peers.stream().allMatch(p -> loopback(p.hi(), p.lo()))) {
                    chosen.add(new Chosen(r.text(), "loopback: the sensor's own host"));
                }
            } else {
                candidates.add(r);
            }
        }
        int loopbacks = chosen.size();
        // Ties are broken by address, so the choice does not depend on a hash map's order.
        candidates.sort(java.util.Comparator.comparingLong((AddressSample.Role r) -> r.hi).thenComparingLong(r -> r.lo));
        List<String> notes = new ArrayList<>();
        List<String> warnings = new ArrayList<>();
        Set<AddressSample.Address> taken = new HashSet<>();
        while (true) {
            AddressSample.Role best = null;
            int bestSources = 0;
            for (AddressSample.Role r : candidates) {
                AddressSample.Address a = new AddressSample.Address(r.hi, r.lo);
                if (taken.contains(a) || onlyBasePartners(r)) {
                    continue;
                }
                int sources = 0;
                for (AddressSample.Address s : r.openedBy) {
                    if (!taken.contains(s)) {
                        sources++;
                    }
                }
                if (sources > bestSources || sources == bestSources && best != null && r.connections > best.connections) {
                    best = r;
                    bestSources = sources;
                }
            }
            if (best == null || bestSources < MIN_UNSOLICITED_SOURCES) {
                break;
            }
            taken.add(new AddressSample.Address(best.hi, best.lo));
            chosen.add(new Chosen(best.text(), "receives connections opened by " + bestSources + " distinct outside sources"));
        }
        // Taken greedily, an address may owe its sources to hosts taken after it (a C&C several
        // honeypots connect to, outranking a quiet honeypot): once all are known, each must still
        // have enough sources that are not themselves taken.
        chosen.removeIf(c -> {
            AddressSample.Address a = addressOf(c.address());
            if (!taken.contains(a)) {
                return false;       // loopback
            }
            long own = sample.roles().get(a).openedBy.stream().filter(s -> !taken.contains(s)).count();
            return own < MIN_UNSOLICITED_SOURCES;
        });
        if (chosen.size() == loopbacks) {
            localEnd(sensor, sample, candidates, chosen, notes, warnings);
        }
        return new Result(chosen, notes, warnings);
    }

    private static void localEnd(String sensor, AddressSample sample, List<AddressSample.Role> candidates, List<Chosen> chosen,
                                 List<String> notes, List<String> warnings) {
        int total = sample.connections();
        if (total == 0) {
            return;
        }
        List<AddressSample.Role> ends = new ArrayList<>();
        for (AddressSample.Role r : candidates) {
            if (r.connections >= MIN_CONNECTION_SHARE * total) {
                if (onlyBasePartners(r)) {
                    notes.add(String.format("sensor %s: %s is an end of %d of %d sampled connections but talks only to "
                            + "home-net hosts: taken as their peer, not as a monitored host", sensor, r.text(), r.connections, total));
                } else {
                    ends.add(r);
                }
            }
        }
        if (ends.isEmpty()) {
            return;
        }
        ends.sort(Comparator.comparingInt((AddressSample.Role r) -> r.connections).reversed()
                .thenComparing(Comparator.comparingInt((AddressSample.Role r) -> r.opened).reversed()));
        AddressSample.Role first = ends.get(0);
        AddressSample.Role second = ends.size() > 1 ? ends.get(1) : null;
        if (second != null && second.connections == first.connections) {
            if (second.opened == first.opened) {
                warnings.add(String.format("sensor %s: %s and %s are both ends of every sampled connection and opened as many: "
                        + "neither taken as monitored; give --home-net", sensor, first.text(), second.text()));
                return;
            }
            warnings.add(String.format("sensor %s: %s and %s are both ends of %d of %d sampled connections; took %s, which opened "
                    + "%d of them (a client opens, a server waits); give --home-net if that is wrong", sensor, first.text(),
                    second.text(), first.connections, total, first.text(), first.opened));
        }
        chosen.add(new Chosen(first.text(), String.format("an end of %d of %d sampled connections (the sensor's own host)",
                first.connections, total)));
    }

    private static AddressSample.Address addressOf(String text) {
        long[] a = IpAddresses.parse(text);
        return new AddressSample.Address(a[0], a[1]);
    }

    private static boolean onlyBasePartners(AddressSample.Role r) {
        return !r.peers.isEmpty() && r.peersInBase == r.peers.size();
    }

    private static boolean loopback(long hi, long lo) {
        return IpAddresses.isV4(hi, lo) ? ((int) lo >>> 24) == 127 : hi == 0 && lo == 1;
    }

    /** Multicast, broadcast and unspecified addresses are never a host. */
    private static boolean unassignable(long hi, long lo) {
        if (IpAddresses.isV4(hi, lo)) {
            int a = (int) lo;
            int first = a >>> 24;
            return a == 0 || a == -1 || first >= 224;
        }
        return (hi >>> 56) == 0xFF || (hi == 0 && lo == 0);
    }
}
