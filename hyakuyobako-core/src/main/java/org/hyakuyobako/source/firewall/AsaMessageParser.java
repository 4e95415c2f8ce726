package org.hyakuyobako.source.firewall;

import java.util.Locale;
import java.util.Map;
import java.util.function.Function;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Reads the ASA/FWSM/PIX/FTD messages that carry connections, translations and denials into
 * {@link FirewallEvent}s: 302013–302016 (TCP/UDP Built/Teardown with NAT, duration, bytes, reason),
 * 302020/302021 (ICMP), 305011/305012 (translations), 106001, 106006, 106007, 106010, 106014,
 * 106015, 106023, 106100, 710003, 733100, 338xxx (botnet traffic filter), 313001, 313004, 419002,
 * 500004, and FTD's connection events 430002/430003. Hand-written: the formats are Cisco's, documented per message id, and no Java library reads
 * them. Each pattern anchors at the start and uses no nested quantifiers, so a hostile line costs
 * time linear in its length.
 */
public final class AsaMessageParser {
    /** An endpoint: {@code [iface:]ip/port}, IPv6 included ({@code outside:2001:db8::1/443}). */
    private static final String EP = "(\\S+?)/([0-9A-Za-z-]{1,20})";
    private static final String NAT = "(?: \\((\\S+?)/(\\d+)\\))?(?:\\(([^)]{0,200})\\))?";

    private static final Pattern BUILT_TCP_UDP = Pattern.compile(
            "^Built (inbound|outbound) (TCP|UDP) connection (\\d+) for " + EP + NAT + " to " + EP + NAT);
    private static final Pattern TEARDOWN_TCP_UDP = Pattern.compile(
            "^Teardown (TCP|UDP) connection (\\d+) for " + EP + "(?:\\(([^)]{0,200})\\)| (?!duration |bytes |to )([^\\s/()]{1,100}))? to " + EP
                    + "(?:\\(([^)]{0,200})\\)| (?!duration |bytes )([^\\s/()]{1,100}))?(?: duration (\\d+):(\\d\\d):(\\d\\d))?(?: bytes (\\d+))?(?: (.{1,200}))?$");
    private static final Pattern ICMP_CONN = Pattern.compile(
            "^(Built|Teardown)(?: (inbound|outbound))? ICMP connection(?: (\\d+))? for faddr (\\S+?)/(\\d+)(?:\\([^)]{0,200}\\))?"
                    + " gaddr (\\S+?)/(\\d+) laddr (\\S+?)/(\\d+)(?:\\([^)]{0,200}\\))?(?: type (\\d+) code (\\d+))?");
    private static final Pattern TRANSLATION = Pattern.compile(
            "^(Built|Teardown) (dynamic|static|identity) (TCP|UDP|ICMP) translation from " + EP + "(?:\\([^)]{0,200}\\))? to " + EP
                    + "(?:\\([^)]{0,200}\\))?(?: duration (\\d+):(\\d\\d):(\\d\\d))?");
    /** Newer ICMP form, like TCP's: "Teardown ICMP connection 9 from outside:a/22 (a/22) to inside:b/53496 (b/53496)". */
    private static final Pattern ICMP_CONN_NEW = Pattern.compile(
            "^(Built|Teardown)(?: (inbound|outbound))? ICMP connection (\\d+) (?:for|from) " + EP + NAT + " to " + EP + NAT);
    private static final Pattern IN_106001 = Pattern.compile(
            "^(Inbound) (TCP) connection (denied) from " + EP + " to " + EP + " flags ?(.{0,100}?)\\s*(?:on interface (\\S+))?$");
    private static final Pattern DENY_106006 = Pattern.compile(
            "^(Deny) (inbound|outbound) (UDP) from " + EP + " to " + EP + " (?:on interface (\\S+)|due to (.{1,100}))");
    private static final Pattern DENY_106010 = Pattern.compile(
            "^(Deny) (inbound|outbound) (?:protocol )?(\\S+) src (\\S+?):([^/\\s]+)(?:/([0-9A-Za-z-]{1,20}))? dst (\\S+?):([^/\\s]+)(?:/([0-9A-Za-z-]{1,20}))?");
    private static final Pattern DENY_106014 = Pattern.compile(
            "^(Deny) (inbound|outbound) (icmp) src (\\S+?):(\\S+) dst (\\S+?):(\\S+) \\(type (\\d+), code (\\d+)\\)");
    private static final Pattern DENY_106015 = Pattern.compile(
            "^(Deny) (TCP) \\((no connection)\\) from " + EP + " to " + EP + " flags ?(.{0,100}?)\\s*(?:on interface (\\S+))?$");
    private static final Pattern DENY_106023 = Pattern.compile(
            "^(Deny) (\\S+) src (\\S+?):([^/\\s]+)(?:/(\\d+))? dst (\\S+?):([^/\\s]+)(?:/(\\d+))?"
                    + "(?: \\(type (\\d+), code (\\d+)\\))?(?: type (\\d+), code (\\d+),)? by access-group \"([^\"]{0,200})\"");
    private static final Pattern ACL_106100 = Pattern.compile(
            "^access-list (\\S+) (permitted|denied|est-allowed) (\\S+) ([^/\\s]+)/(\\S+?)\\((\\d+)\\)(?:\\([^)]{0,200}\\))?"
                    + " -> ([^/\\s]+)/(\\S+?)\\((\\d+)\\)");
    private static final Pattern ACL_710003 = Pattern.compile(
            "^(TCP|UDP|ICMP) access (denied|permitted) by ACL from " + EP + " to " + EP);
    private static final Pattern THREAT_733100 = Pattern.compile("^(?:\\[ ?([^\\]]{1,100})\\]|Object) drop rate[- ](\\d+) exceeded");
    private static final Pattern BOTNET_338 = Pattern.compile(
            "^Dynamic [Ff]ilter (monitored|dropped|permitted) (?:black|white|grey|gray) ?listed (TCP|UDP|ICMP|protocol \\d+) traffic from "
                    + EP + NAT + " to " + EP + NAT + ",? ?(.{0,300})");
    private static final Pattern ICMP_313001 = Pattern.compile(
            "^(Denied) ICMP type=(\\d+), code=(\\d+) from (\\S+?) on interface (\\S+)");
    private static final Pattern ICMP_313004 = Pattern.compile(
            "^(Denied) ICMP type=(\\d+), from (?:laddr )?(\\S+?) on interface (\\S+) to (\\S+?)(?:: (.{0,100}))?$");
    private static final Pattern SYN_419002 = Pattern.compile(
            "^(?:Received )?([Dd]uplicate TCP SYN) from " + EP + " to " + EP);
    private static final Pattern TRANSPORT_500004 = Pattern.compile(
            "^(Invalid transport field) for protocol=(\\S+?), from " + EP + " to " + EP);

    private static final Map<String, Function<Ctx, FirewallEvent>> BY_ID = Map.ofEntries(
            Map.entry("302013", AsaMessageParser::built), Map.entry("302015", AsaMessageParser::built),
            Map.entry("302014", AsaMessageParser::teardown), Map.entry("302016", AsaMessageParser::teardown),
            Map.entry("302020", AsaMessageParser::icmp), Map.entry("302021", AsaMessageParser::icmp),
            Map.entry("305011", AsaMessageParser::translation), Map.entry("305012", AsaMessageParser::translation),
            Map.entry("106001", AsaMessageParser::m106001), Map.entry("106006", AsaMessageParser::m106006),
            Map.entry("106007", AsaMessageParser::m106006), Map.entry("106010", AsaMessageParser::m106010),
            Map.entry("106014", AsaMessageParser::m106014), Map.entry("106015", AsaMessageParser::m106015),
            Map.entry("106023", AsaMessageParser::m106023), Map.entry("106100", AsaMessageParser::m106100),
            Map.entry("710003", AsaMessageParser::m710003), Map.entry("733100", AsaMessageParser::m733100),
            Map.entry("313001", AsaMessageParser::m313001), Map.entry("313004", AsaMessageParser::m313004),
            Map.entry("419002", AsaMessageParser::m419002), Map.entry("500004", AsaMessageParser::m500004),
            Map.entry("430002", AsaMessageParser::connectionEvent), Map.entry("430003", AsaMessageParser::connectionEvent));

    /** FTD connection events: "Key: value, Key: value"; a key is a word or two before ": ". */
    private static final Pattern KEY = Pattern.compile("(?:^|, )([A-Za-z_][A-Za-z_ ]{0,40}?): ");

    private AsaMessageParser() {
    }

    /** The message ids read into events; others are counted by id by the reader. */
    public static boolean supports(String messageId) {
        return BY_ID.containsKey(messageId) || isBotnetTraffic(messageId);
    }

    /** 338001–338008 and 338101–338104, 338201–338204: traffic the botnet traffic filter saw (others are its updates). */
    private static boolean isBotnetTraffic(String id) {
        if (!id.startsWith("338")) {
            return false;
        }
        int n = Integer.parseInt(id.substring(3));
        return n >= 1 && n <= 8 || n >= 101 && n <= 104 || n >= 201 && n <= 204;
    }

    /**
     * The event in the line, or null when the id is supported but the text does not have the
     * documented form (the reader reports it with file and line).
     *
     * @throws IllegalArgumentException never; unsupported ids return null too (check {@link #supports} first)
     */
    public static FirewallEvent parse(AsaLine line) {
        Function<Ctx, FirewallEvent> f = isBotnetTraffic(line.messageId()) ? AsaMessageParser::botnet : BY_ID.get(line.messageId());
        if (f == null) {
            return null;
        }
        try {
            return f.apply(new Ctx(line));
        } catch (IllegalArgumentException e) {
            return null;      // an address or number that is not one: the line is malformed
        }
    }

    /** The line and its matcher, for the per-id readers. */
    private static final class Ctx {
        final AsaLine line;
        Matcher m;

        Ctx(AsaLine line) {
            this.line = line;
        }

        boolean match(Pattern p) {
            m = p.matcher(line.text());
            return m.find();
        }

        String g(int i) {
            return m.group(i);
        }

        /** A number, or a port the device printed by name ({@code www}, {@code ssh}); -1 when absent or unknown. */
        int num(int i) {
            String v = m.group(i);
            if (v == null) {
                return -1;
            }
            if (!v.isEmpty() && Character.isDigit(v.charAt(0))) {
                return Integer.parseInt(v);
            }
            return PortNames.number(v);
        }

        FirewallEvent event(String action, String transport, String direction, FirewallEndpoint src, FirewallEndpoint dst,
                            String iface, String reason, long connectionId, long duration, long bytes, int icmpType, int icmpCode) {
            return new FirewallEvent(line.product(), line.severity(), line.messageId(), line.timestampNanos(), line.host(),
                    action, transport == null ? null : transport.toLowerCase(Locale.ROOT), direction, src, dst, iface, reason,
                    connectionId, duration, bytes, icmpType, icmpCode);
        }
    }

    /** An object name the device prints instead of an address when "names" are configured. */
    private static final Pattern OBJECT_NAME = Pattern.compile("[A-Za-z][A-Za-z0-9_.-]{0,100}");

    /**
     * {@code [iface:]ip} split where the whole is not an address itself (IPv6 has colons too). The
     * address may be a configured object name ({@code dmz:OCSP_Server/5678}): kept as written.
     */
    static FirewallEndpoint endpoint(String ifaceAndIp, int port) {
        String s = ifaceAndIp;
        int first = s.indexOf(':');
        if (first > 0 && s.indexOf(':', first + 1) < 0) {
            // The usual case, "outside:192.0.2.1" or "dmz:Server": split first (parsing the whole as IPv6 costs an exception).
            String rest = s.substring(first + 1);
            if (isAddress(rest) || OBJECT_NAME.matcher(rest).matches()) {
                return FirewallEndpoint.of(s.substring(0, first), address(rest), port);
            }
        }
        if (isAddress(s)) {
            return FirewallEndpoint.of(null, normalize(s), port);
        }
        int colon = s.indexOf(':');
        if (colon < 0 && OBJECT_NAME.matcher(s).matches()) {
            return FirewallEndpoint.of(null, s, port);
        }
        if (colon > 0) {
            String rest = s.substring(colon + 1);
            if (isAddress(rest) || OBJECT_NAME.matcher(rest).matches()) {
                return FirewallEndpoint.of(s.substring(0, colon), address(rest), port);
            }
        }
        throw new IllegalArgumentException("not an address: " + s);
    }

    /** The address normalised, or an object name as written. */
    static String address(String s) {
        if (isAddress(s)) {
            return normalize(s);
        }
        if (OBJECT_NAME.matcher(s).matches()) {
            return s;
        }
        throw new IllegalArgumentException("not an address: " + s);
    }

    private static boolean isAddress(String s) {
        if (s.isEmpty() || s.length() > 45) {
            return false;
        }
        try {
            org.hyakuyobako.decode.IpAddresses.parse(s);
            return true;
        } catch (IllegalArgumentException e) {
            return false;
        }
    }

    private static String normalize(String ip) {
        long[] a = org.hyakuyobako.decode.IpAddresses.parse(ip);
        return org.hyakuyobako.decode.IpAddresses.format(a[0], a[1]);
    }

    private static long seconds(Ctx c, int hours) {
        return c.g(hours) == null ? -1 : Long.parseLong(c.g(hours)) * 3600 + Long.parseLong(c.g(hours + 1)) * 60
                + Long.parseLong(c.g(hours + 2));
    }

    private static FirewallEvent built(Ctx c) {
        if (!c.match(BUILT_TCP_UDP)) {
            return null;
        }
        FirewallEndpoint src = side(c, 4);
        FirewallEndpoint dst = side(c, 9);
        return c.event("built", c.g(2), c.g(1), src, dst, null, null, Long.parseLong(c.g(3)), -1, -1, -1, -1);
    }

    /** An endpoint with its optional mapped address and user, from groups at {@code first}..first+4. */
    private static FirewallEndpoint side(Ctx c, int first) {
        FirewallEndpoint e = endpoint(c.g(first), c.num(first + 1));
        if (c.g(first + 2) != null) {
            e = e.withMapped(address(c.g(first + 2)), c.num(first + 3));
        }
        return c.g(first + 4) == null ? e : e.withUser(c.g(first + 4));
    }

    private static FirewallEvent teardown(Ctx c) {
        if (!c.match(TEARDOWN_TCP_UDP)) {
            return null;
        }
        FirewallEndpoint src = endpoint(c.g(3), c.num(4));
        FirewallEndpoint dst = endpoint(c.g(7), c.num(8));
        String srcUser = c.g(5) != null ? c.g(5) : c.g(6);
        String dstUser = c.g(9) != null ? c.g(9) : c.g(10);
        if (srcUser != null) {
            src = src.withUser(srcUser);
        }
        if (dstUser != null) {
            dst = dst.withUser(dstUser);
        }
        long bytes = c.g(14) == null ? -1 : Long.parseLong(c.g(14));
        String reason = c.g(15) == null ? null : c.g(15).strip();
        return c.event("teardown", c.g(1), null, src, dst, null, reason, Long.parseLong(c.g(2)), seconds(c, 11), bytes, -1, -1);
    }

    private static FirewallEvent icmp(Ctx c) {
        if (c.match(ICMP_CONN_NEW)) {
            FirewallEndpoint src = side(c, 4);
            FirewallEndpoint dst = side(c, 9);
            return c.event(c.g(1).toLowerCase(Locale.ROOT), "icmp", c.g(2), src, dst, null, null, Long.parseLong(c.g(3)), -1, -1, -1, -1);
        }
        if (!c.match(ICMP_CONN)) {
            return null;
        }
        // faddr is the foreign end; laddr the local (real) address, gaddr its global (mapped) one.
        FirewallEndpoint foreign = endpoint(c.g(4), c.num(5));
        FirewallEndpoint local = endpoint(c.g(8), c.num(9)).withMapped(normalize(c.g(6)), c.num(7));
        long id = c.g(3) == null ? -1 : Long.parseLong(c.g(3));
        return c.event(c.g(1).toLowerCase(Locale.ROOT), "icmp", c.g(2), foreign, local, null, null, id, -1, -1, c.num(10), c.num(11));
    }

    private static FirewallEvent translation(Ctx c) {
        if (!c.match(TRANSLATION)) {
            return null;
        }
        FirewallEndpoint real = endpoint(c.g(4), c.num(5));
        FirewallEndpoint mapped = endpoint(c.g(6), c.num(7));
        return c.event(c.g(1).toLowerCase(Locale.ROOT), c.g(3), null, real, mapped, null, c.g(2) + " translation", -1,
                seconds(c, 8), -1, -1, -1);
    }

    private static FirewallEvent m106001(Ctx c) {
        if (!c.match(IN_106001)) {
            return null;
        }
        return c.event("denied", c.g(2), c.g(1), endpoint(c.g(4), c.num(5)), endpoint(c.g(6), c.num(7)), c.g(9),
                "flags " + c.g(8).strip(), -1, -1, -1, -1, -1);
    }

    private static FirewallEvent m106006(Ctx c) {
        if (!c.match(DENY_106006)) {
            return null;
        }
        return c.event("deny", c.g(3), c.g(2), endpoint(c.g(4), c.num(5)), endpoint(c.g(6), c.num(7)), c.g(8), c.g(9), -1, -1, -1,
                -1, -1);
    }

    private static FirewallEvent m106010(Ctx c) {
        if (!c.match(DENY_106010)) {
            return null;
        }
        return c.event("deny", c.g(3), c.g(2), endpoint(c.g(4) + ":" + c.g(5), c.num(6)), endpoint(c.g(7) + ":" + c.g(8), c.num(9)),
                null, null, -1, -1, -1, -1, -1);
    }

    private static FirewallEvent m106014(Ctx c) {
        if (!c.match(DENY_106014)) {
            return null;
        }
        return c.event("deny", "icmp", c.g(2), endpoint(c.g(4) + ":" + c.g(5), -1), endpoint(c.g(6) + ":" + c.g(7), -1), null, null,
                -1, -1, -1, c.num(8), c.num(9));
    }

    private static FirewallEvent m106015(Ctx c) {
        if (!c.match(DENY_106015)) {
            return null;
        }
        return c.event("deny", c.g(2), null, endpoint(c.g(4), c.num(5)), endpoint(c.g(6), c.num(7)), c.g(9), c.g(3), -1, -1, -1, -1, -1);
    }

    private static FirewallEvent m106023(Ctx c) {
        if (!c.match(DENY_106023)) {
            return null;
        }
        int type = c.g(9) != null ? c.num(9) : c.num(11);
        int code = c.g(10) != null ? c.num(10) : c.num(12);
        return c.event("deny", c.g(2), null, endpoint(c.g(3) + ":" + c.g(4), c.num(5)), endpoint(c.g(6) + ":" + c.g(7), c.num(8)),
                null, c.g(13), -1, -1, -1, type, code);
    }

    private static FirewallEvent m106100(Ctx c) {
        if (!c.match(ACL_106100)) {
            return null;
        }
        return c.event(c.g(2), c.g(3), null, endpoint(c.g(4) + ":" + c.g(5), c.num(6)), endpoint(c.g(7) + ":" + c.g(8), c.num(9)),
                null, c.g(1), -1, -1, -1, -1, -1);
    }

    private static FirewallEvent m710003(Ctx c) {
        if (!c.match(ACL_710003)) {
            return null;
        }
        return c.event(c.g(2), c.g(1), null, endpoint(c.g(3), c.num(4)), endpoint(c.g(5), c.num(6)), null, "ACL", -1, -1, -1, -1, -1);
    }

    private static FirewallEvent m733100(Ctx c) {
        if (!c.match(THREAT_733100)) {
            return null;
        }
        // Threat detection: the bracket names a host (an address) or a category ("Scanning", "SYN Attack").
        String object = c.g(1) == null ? "object" : c.g(1).strip();
        FirewallEndpoint host = isAddress(object) ? FirewallEndpoint.of(null, normalize(object), -1) : null;
        return c.event(host == null ? object.toLowerCase(Locale.ROOT) : "threat", null, null, host, null, null,
                "drop rate-" + c.g(2) + " exceeded", -1, -1, -1, -1, -1);
    }

    private static FirewallEvent botnet(Ctx c) {
        if (!c.match(BOTNET_338)) {
            return null;
        }
        FirewallEndpoint src = side(c, 3);
        FirewallEndpoint dst = side(c, 8);
        String transport = c.g(2).startsWith("protocol") ? c.g(2).substring(9) : c.g(2);
        return c.event(c.g(1), transport, null, src, dst, null, c.g(13).strip(), -1, -1, -1, -1, -1);
    }

    private static FirewallEvent m313001(Ctx c) {
        if (!c.match(ICMP_313001)) {
            return null;
        }
        return c.event("denied", "icmp", null, FirewallEndpoint.of(null, normalize(c.g(4)), -1), null, c.g(5), null, -1, -1, -1,
                c.num(2), c.num(3));
    }

    private static FirewallEvent m313004(Ctx c) {
        if (!c.match(ICMP_313004)) {
            return null;
        }
        return c.event("denied", "icmp", null, FirewallEndpoint.of(null, normalize(c.g(3)), -1),
                FirewallEndpoint.of(null, normalize(c.g(5)), -1), c.g(4), c.g(6).isBlank() ? null : c.g(6).strip(), -1, -1, -1,
                c.num(2), -1);
    }

    /**
     * FTD's 430002 (connection started) and 430003 (finished): addresses, ports, protocol,
     * interfaces, NAT, duration and bytes both ways, as key-value pairs.
     */
    private static FirewallEvent connectionEvent(Ctx c) {
        Map<String, String> kv = new java.util.HashMap<>();
        String text = c.line.text();
        Matcher m = KEY.matcher(text);
        String key = null;
        int valueStart = 0;
        while (m.find()) {
            if (key != null) {
                kv.put(key, text.substring(valueStart, m.start()).strip());
            }
            key = m.group(1).strip();
            valueStart = m.end();
        }
        if (key != null) {
            kv.put(key, text.substring(valueStart).strip());
        }
        if (!kv.containsKey("SrcIP") || !kv.containsKey("DstIP")) {
            return null;
        }
        FirewallEndpoint src = new FirewallEndpoint(kv.get("IngressInterface"), normalize(kv.get("SrcIP")), intOr(kv.get("SrcPort")),
                kv.containsKey("NAT_InitiatorIP") ? normalize(kv.get("NAT_InitiatorIP")) : null, intOr(kv.get("NAT_InitiatorPort")), null);
        FirewallEndpoint dst = new FirewallEndpoint(kv.get("EgressInterface"), normalize(kv.get("DstIP")), intOr(kv.get("DstPort")),
                kv.containsKey("NAT_ResponderIP") ? normalize(kv.get("NAT_ResponderIP")) : null, intOr(kv.get("NAT_ResponderPort")), null);
        long bytes = kv.containsKey("InitiatorBytes") || kv.containsKey("ResponderBytes")
                ? Math.max(0, intOr(kv.get("InitiatorBytes"))) + Math.max(0, intOr(kv.get("ResponderBytes"))) : -1;
        String action = c.line.messageId().equals("430002") ? "connection-started" : "connection-finished";
        return c.event(action, kv.get("Protocol"), null, src, dst, null, kv.get("AccessControlRuleAction"),
                kv.containsKey("ConnectionID") ? intOr(kv.get("ConnectionID")) : -1, kv.containsKey("ConnectionDuration")
                        ? intOr(kv.get("ConnectionDuration")) : -1, bytes, -1, -1);
    }

    private static int intOr(String v) {
        if (v == null) {
            return -1;
        }
        try {
            return Integer.parseInt(v.strip());
        } catch (NumberFormatException e) {
            return -1;
        }
    }

    private static FirewallEvent m419002(Ctx c) {
        if (!c.match(SYN_419002)) {
            return null;
        }
        return c.event("dropped", "tcp", null, endpoint(c.g(2), c.num(3)), endpoint(c.g(4), c.num(5)), null, c.g(1), -1, -1, -1, -1, -1);
    }

    private static FirewallEvent m500004(Ctx c) {
        if (!c.match(TRANSPORT_500004)) {
            return null;
        }
        return c.event("dropped", c.g(2), null, endpoint(c.g(3), c.num(4)), endpoint(c.g(5), c.num(6)), null, c.g(1), -1, -1, -1, -1, -1);
    }
}
