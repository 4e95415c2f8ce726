package org.hyakuyobako.detect.signature;

import java.util.ArrayList;
import java.util.BitSet;
import java.util.Comparator;
import java.util.List;
import org.hyakuyobako.detect.LruMap;
import org.hyakuyobako.net.Cidr;
import org.hyakuyobako.net.HomeNet;
import org.hyakuyobako.rules.AddressMatcher;
import org.hyakuyobako.rules.Rule;
import org.hyakuyobako.rules.RuleProtocol;

/**
 * The rules of one slot, organised so an inspection meets only the rules its header could match.
 * Rules with a pattern or without an address list are merged, per kind of inspection — transport,
 * application protocol, and the grouped ports among its two — into one {@link RuleGroup} built on
 * first use and kept (Suricata's signature group heads, built lazily): each buffer is scanned once.
 * Header-only rules (reputation lists) and other pattern-less rules that list addresses are found
 * through address indexes.
 */
final class SlotIndex {
    /** Rules given more ports than this are for any port. */
    static final int MAX_GROUP_PORTS = 64;
    /** Address lists up to this many addresses are specific enough to find a rule by (a /16). */
    static final double SPECIFIC_ADDRESSES = 65_536;
    /** Groups kept (least recently used go); each is one set of prefilters. */
    static final int MAX_MERGED = 256;

    final Rule[] rules;
    /** Per rule: transport (0 TCP, 1 UDP, 2 ICMP, -1 any), TCP application protocol or null, ports or null (any). */
    private final int[] transport;
    private final String[] app;
    private final int[][] ports;
    private final boolean[] merged;
    /**
     * Per rule, which kinds of inspection by home net its addresses may match: bit
     * {@code 1 << sides} with {@code sides} = source inside (2) plus destination inside (1). A
     * {@code $HOME_NET -> $EXTERNAL_NET} rule joins only the groups of traffic leaving the home
     * net, so traffic coming in is neither scanned for its pattern nor verified against it
     * (Suricata splits its signature groups by address the same way).
     */
    private final int[] mayMatchSides;
    private final HomeNet home;
    /**
     * Rules for {@code dns} on any port: over TCP they can only match where a side uses port 53 or
     * the connection was identified as DNS ({@link SignatureEngine}'s protocol test), so they join
     * the TCP groups of port 53 and of DNS only, not every TCP group (ET has 43 such rules with
     * payload contents, which every TCP packet's scan carried).
     */
    private final boolean[] dnsAnyPort;
    static final int DNS_PORT = 53;
    private final BitSet[] groupedPorts = {new BitSet(65_536), new BitSet(65_536)};
    private final LruMap<Key, RuleGroup> groups = new LruMap<>(MAX_MERGED);
    final AddressIndex headerOnly = new AddressIndex();
    final int[] headerGeneric;
    final AddressIndex listed = new AddressIndex();
    final CandidateSet candidates;
    long groupsBuilt;

    /**
     * @param port the grouped port the group is for, or -1
     * @param clientSide false: the group of everything for an inspection whose server port is
     *                   {@code port}; true: only the rules for {@code port} on the client's side
     */
    private record Key(int transport, String app, int port, boolean clientSide, int sides) {
    }

    /** @param home the home net the rules' addresses are judged against (any will do; empty: no split) */
    SlotIndex(List<Rule> list, HomeNet home) {
        this.home = home;
        list.sort(Comparator.comparing((Rule r) -> !r.setsFlowbits()).thenComparingLong(r -> r.sid));
        rules = list.toArray(new Rule[0]);
        int n = rules.length;
        candidates = new CandidateSet(n);
        transport = new int[n];
        app = new String[n];
        ports = new int[n][];
        merged = new boolean[n];
        mayMatchSides = new int[n];
        dnsAnyPort = new boolean[n];
        List<Integer> generic = new ArrayList<>();
        for (int i = 0; i < n; i++) {
            Rule r = rules[i];
            if (r.headerOnly()) {
                if (!headerOnly.add(r, i)) {
                    generic.add(i);
                }
                continue;
            }
            // Pattern-less rules for a few ports (ET's "flags:S to port 445" scan rules) go to the port
            // groups, where they are candidates only on their ports; by address alone they were
            // candidates on every packet of the home net (11 M of 12 M candidates on the payload mix).
            // Unless they name a few hosts (ET's Shadowserver C&C rules: one address and port 443
            // each): by port they were candidates on every packet to 443.
            if (r.fastPattern == null && (!portSpecific(r) || AddressIndex.narrowerSpan(r) <= SPECIFIC_ADDRESSES) && listed.add(r, i)) {
                continue;
            }
            merged[i] = true;
            mayMatchSides[i] = mayMatchSides(r, home.prefixes());
            transport[i] = transport(r.protocol);
            app[i] = r.protocol == RuleProtocol.DNS ? null : r.protocol.appProto();
            // The rule's specific side: the destination ports (a service), else the source ports (its answers).
            int[] p = r.dstPorts.ports(MAX_GROUP_PORTS);
            ports[i] = p != null ? p : r.srcPorts.ports(MAX_GROUP_PORTS);
            if (r.protocol == RuleProtocol.DNS && ports[i] == null) {
                dnsAnyPort[i] = true;
                groupedPorts[0].set(DNS_PORT);
            }
            if (ports[i] != null) {
                for (int port : ports[i]) {
                    if (transport[i] != 1) {
                        groupedPorts[0].set(port);
                    }
                    if (transport[i] != 0) {
                        groupedPorts[1].set(port);
                    }
                }
            }
        }
        headerGeneric = generic.stream().mapToInt(Integer::intValue).toArray();
    }

    /** The {@code sides} values (see {@link #mayMatchSides}) a rule's addresses may match, as bits. */
    static int mayMatchSides(Rule r, List<Cidr> region) {
        AddressMatcher.Reach src = r.src.reach(region);
        AddressMatcher.Reach dst = r.dst.reach(region);
        int bits = 0;
        for (int sides = 0; sides < 4; sides++) {
            boolean srcIn = (sides & 2) != 0;
            boolean dstIn = (sides & 1) != 0;
            if (src.may(srcIn) && dst.may(dstIn) || r.bidirectional && src.may(dstIn) && dst.may(srcIn)) {
                bits |= 1 << sides;
            }
        }
        return bits;
    }

    /** Source inside the home net (2) plus destination inside (1), worked out once per inspection unless the caller knew it. */
    int sidesOf(Inspection in) {
        if (in.homeSides < 0) {
            in.homeSides = homeSides(home, in.srcHi, in.srcLo, in.dstHi, in.dstLo);
        }
        return in.homeSides;
    }

    static int homeSides(HomeNet home, long srcHi, long srcLo, long dstHi, long dstLo) {
        return (home.contains(srcHi, srcLo) ? 2 : 0) | (home.contains(dstHi, dstLo) ? 1 : 0);
    }

    private static boolean portSpecific(Rule r) {
        int t = transport(r.protocol);
        return (t == 0 || t == 1) && (r.dstPorts.ports(MAX_GROUP_PORTS) != null || r.srcPorts.ports(MAX_GROUP_PORTS) != null);
    }

    /** 0 TCP (and the application protocols over it), 1 UDP, 2 ICMP, -1 any IP (and DNS, over both). */
    static int transport(RuleProtocol p) {
        return switch (p) {
            case IP, DNS -> -1;
            case UDP -> 1;
            case ICMP -> 2;
            default -> 0;
        };
    }

    static int transportOf(int ipProtocol) {
        return ipProtocol == 6 ? 0 : ipProtocol == 17 ? 1 : ipProtocol == 1 || ipProtocol == 58 ? 2 : -1;
    }

    /**
     * The group for this inspection's transport, application protocol and server port: every rule
     * for any port and for that port. Keys stay few (services, not ephemeral ports).
     */
    RuleGroup groupFor(Inspection in) {
        int t = transportOf(in.ipProtocol);
        int serverPort = in.toServer ? in.dstPort : in.srcPort;
        int port = (t == 0 || t == 1) && groupedPorts[t].get(serverPort) ? serverPort : -1;
        return serverSide.group(t, t == 0 ? in.appProto : null, port, sidesOf(in));
    }

    /**
     * The rules grouped under the client's port, when that port is grouped too (a rule written for
     * traffic from port 80 meets a client that happens to use port 80), else null.
     */
    RuleGroup clientSideGroupFor(Inspection in) {
        int t = transportOf(in.ipProtocol);
        int clientPort = in.toServer ? in.srcPort : in.dstPort;
        int serverPort = in.toServer ? in.dstPort : in.srcPort;
        if (t != 0 && t != 1 || clientPort == serverPort || !groupedPorts[t].get(clientPort)) {
            return null;
        }
        return clientSide.group(t, t == 0 ? in.appProto : null, clientPort, sidesOf(in));
    }

    /**
     * The groups recently asked for on one side (server's or client's port), in a small
     * direct-mapped cache by key: many connections interleave (a key per port and kind of home
     * sides; the two directions of a conversation differ in sides, and the two port sides alternate
     * on every inspection), and keeping only the last key per kind of sides missed on most packets of
     * the large capture, each miss a key object and a hash look-up.
     */
    private final class LastGroup {
        private final boolean clientSide;
        private final Key[] keys = new Key[RECENT_GROUPS];
        private final RuleGroup[] groups = new RuleGroup[RECENT_GROUPS];

        LastGroup(boolean clientSide) {
            this.clientSide = clientSide;
        }

        RuleGroup group(int transport, String app, int port, int sides) {
            int h = ((port * 31 + transport) * 4 + sides) * 31 + (app == null ? 0 : app.hashCode());
            int slot = (h ^ (h >>> 8) ^ (h >>> 16)) & (RECENT_GROUPS - 1);
            Key key = keys[slot];
            if (key == null || transport != key.transport() || port != key.port() || sides != key.sides()
                    || !java.util.Objects.equals(app, key.app())) {
                key = new Key(transport, app, port, clientSide, sides);
                keys[slot] = key;
                groups[slot] = SlotIndex.this.group(key);
            }
            return groups[slot];
        }
    }

    /** Slots of each side's cache of recent groups (a power of two). */
    private static final int RECENT_GROUPS = 64;

    private final LastGroup serverSide = new LastGroup(false);
    private final LastGroup clientSide = new LastGroup(true);

    private RuleGroup group(Key key) {
        RuleGroup g = groups.get(key);
        if (g == null) {
            g = build(key);
            groups.put(key, g);
        }
        return g;
    }

    /**
     * Groups by the rules they hold: the ports of one list ({@code $HTTP_PORTS}: 60 of them) mostly
     * hold the same rules, and one set of prefilters serves them all (Suricata dedups its signature
     * group heads the same way), instead of one build of thousands of patterns per port seen.
     */
    private final LruMap<BitSet, RuleGroup> byMembers = new LruMap<>(MAX_MERGED);
    /** The prefilters, by the pattern rules they hold: groups differing only in pattern-less rules share them. */
    private final LruMap<BitSet, RuleGroup> byPatterns = new LruMap<>(MAX_MERGED);

    private RuleGroup build(Key k) {
        BitSet members = new BitSet(rules.length);
        for (int i = 0; i < rules.length; i++) {
            if (!merged[i] || transport[i] != -1 && transport[i] != k.transport()) {
                continue;
            }
            if (app[i] != null && !app[i].equals(k.app()) || (mayMatchSides[i] & 1 << k.sides()) == 0) {
                continue;
            }
            boolean dnsOverTcp = dnsAnyPort[i] && k.transport() == 0;
            boolean forPort = dnsOverTcp ? k.port() == DNS_PORT : ports[i] != null && contains(ports[i], k.port());
            boolean portBound = ports[i] != null || dnsOverTcp && !"dns".equals(k.app());
            if (k.clientSide() ? !forPort : portBound && !forPort) {
                continue;
            }
            members.set(i);
        }
        RuleGroup shared = byMembers.get(members);
        if (shared != null) {
            return shared;
        }
        BitSet withPatterns = new BitSet(rules.length);
        List<Integer> always = new ArrayList<>();
        for (int i = members.nextSetBit(0); i >= 0; i = members.nextSetBit(i + 1)) {
            if (rules[i].fastPattern != null) {
                withPatterns.set(i);
            } else {
                always.add(i);
            }
        }
        RuleGroup core = byPatterns.get(withPatterns);
        if (core == null) {
            core = new RuleGroup();
            for (int i = withPatterns.nextSetBit(0); i >= 0; i = withPatterns.nextSetBit(i + 1)) {
                core.add(rules[i], i);
            }
            core.build();
            groupsBuilt++;
            byPatterns.put(withPatterns, core);
        }
        RuleGroup g = core.withAlways(always.stream().mapToInt(Integer::intValue).toArray());
        byMembers.put(members, g);
        return g;
    }

    private static boolean contains(int[] ports, int port) {
        if (port < 0) {
            return false;
        }
        for (int p : ports) {
            if (p == port) {
                return true;
            }
        }
        return false;
    }

    /**
     * Whether any rule of this slot could look at a connection of this kind (transport, application
     * protocol, ports): when none can, its stream need not be collected at all.
     */
    boolean anyRuleFor(Inspection in) {
        if (headerGeneric.length > 0 || listed.size() > 0 || headerOnly.size() > 0) {
            return true;
        }
        RuleGroup client = clientSideGroupFor(in);
        return !groupFor(in).isEmpty() || client != null && !client.isEmpty();
    }

    long tableEntries() {
        long n = 0;
        for (RuleGroup g : byPatterns.values()) {
            n += g.tableEntries();
        }
        return n;
    }
}
