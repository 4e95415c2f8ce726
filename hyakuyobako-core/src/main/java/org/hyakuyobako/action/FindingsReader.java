package org.hyakuyobako.action;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.sql.Timestamp;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Properties;
import java.util.Set;
import java.util.TreeSet;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import org.hyakuyobako.detect.irc.BotVocabulary;
import org.hyakuyobako.net.DnsNames;

/**
 * Reads a result directory's DuckDB store (docs/schema.md) into {@link Findings}: the hosts judged
 * at or above a verdict level and the indicators their evidence names. Only what the judged hosts
 * used becomes an indicator, so a benign host's traffic never turns into a block rule:
 * <ul>
 * <li>C&C endpoints: each host's verdict C&C and the {@code cnc} table's servers of its bots;</li>
 * <li>download sources: the peers of {@code download} evidence, and the URLs fetched from them;</li>
 * <li>domains: names the hosts looked up that answered with a C&C or download address, TLS server
 * names and HTTP hosts on those connections, and the tunnel, fast-flux and moving dynamic-DNS
 * names of {@code dns} evidence;</li>
 * <li>IRC: the channels the bots joined on a C&C and the bot commands it sent them;</li>
 * <li>TLS: the JA3 and JA4 of the bots' hellos to a C&C, when no other hello in the run has them
 * ({@link FingerprintIndicators}).</li>
 * </ul>
 */
public final class FindingsReader {
    public static final String STORE = "hyakuyobako.duckdb";
    private static final ObjectMapper JSON = new ObjectMapper();
    /** dns evidence below this is not an indicator: a plain dynamic-DNS name (0.3) is too often benign. */
    private static final double MIN_DNS_EVIDENCE = 0.4;

    private final BotVocabulary vocabulary = BotVocabulary.bundled();

    /** The verdict levels, weakest last: {@code suspicious} includes {@code infected}. */
    public static List<String> verdictsAtLeast(String minVerdict) {
        return switch (minVerdict.toLowerCase(Locale.ROOT)) {
            case "infected" -> List.of("infected");
            case "suspicious" -> List.of("infected", "suspicious");
            default -> throw new IllegalArgumentException("--min-verdict must be infected or suspicious, not '" + minVerdict + "'");
        };
    }

    /** Opens {@code dir/hyakuyobako.duckdb} read-only and reads it. */
    public Findings read(Path dir, String minVerdict) throws IOException {
        Path file = dir.resolve(STORE);
        if (!Files.isRegularFile(file)) {
            throw new IOException(file + ": no DuckDB store here; run `hyakuyobako analyze --out " + dir + " ...` first");
        }
        Properties readOnly = new Properties();
        readOnly.setProperty("duckdb.read_only", "true");
        try (Connection c = DriverManager.getConnection("jdbc:duckdb:" + file.toAbsolutePath(), readOnly)) {
            Path name = dir.toAbsolutePath().normalize().getFileName();
            return read(c, name == null ? "hyakuyobako" : name.toString(), minVerdict);
        } catch (SQLException e) {
            throw new IOException(file + ": cannot read the store (is analyze still writing it?): " + e.getMessage(), e);
        }
    }

    public Findings read(Connection c, String runName, String minVerdict) throws SQLException {
        List<String> levels = verdictsAtLeast(minVerdict);
        List<Findings.Host> hosts = hosts(c, levels);
        Set<String> judged = new LinkedHashSet<>();
        hosts.forEach(h -> judged.add(h.address()));
        Indicators found = new Indicators();
        if (!judged.isEmpty()) {
            cncEndpoints(c, hosts, judged, found);
            downloadSources(c, judged, found);
            urls(c, judged, found);
            domains(c, judged, found);
            irc(c, judged, found);
            FingerprintIndicators.read(c, judged, found);
        }
        long[] span = span(c);
        return new Findings(runName, sensors(c), span[0], span[1], hosts, found.sorted());
    }

    private static List<Findings.Host> hosts(Connection c, List<String> levels) throws SQLException {
        List<Findings.Host> hosts = new ArrayList<>();
        String in = String.join(",", levels.stream().map(l -> "'" + l + "'").toList());
        try (Statement s = c.createStatement(); ResultSet rs = s.executeQuery("""
                select v.host, v.verdict, v.score, v.first_seen, v.last_seen, v.groups,
                       (select string_agg(m.method, ',' order by m.strength desc) from verdict_method m where m.host = v.host),
                       (select string_agg(k.cnc, ' ' order by k.cnc) from verdict_cnc k where k.host = v.host)
                  from verdict v where v.verdict in (""" + in + ") order by v.score desc, v.host")) {
            while (rs.next()) {
                hosts.add(new Findings.Host(rs.getString(1), rs.getString(2), rs.getDouble(3), nanos(rs.getTimestamp(4)),
                        nanos(rs.getTimestamp(5)), split(rs.getString(7), ","), split(rs.getString(8), " "),
                        split(rs.getString(6), ",")));
            }
        }
        return hosts;
    }

    private void cncEndpoints(Connection c, List<Findings.Host> hosts, Set<String> judged, Indicators found)
            throws SQLException {
        Map<String, Set<String>> groupsOf = groupsByEndpoint(c);
        // The sync detector's servers carry their application protocol and bots.
        try (Statement s = c.createStatement(); ResultSet rs = s.executeQuery(
                "select c.ip, c.port, c.proto, (select string_agg(b.host, ',') from cnc_bot b where b.ip = c.ip and b.port = c.port), c.ts"
                        + " from cnc c")) {
            while (rs.next()) {
                Set<String> bots = new TreeSet<>(split(rs.getString(4), ","));
                bots.retainAll(judged);
                if (bots.isEmpty()) {
                    continue;
                }
                String proto = rs.getString(3);
                String ip = rs.getString(1);
                if (DnsNames.isAddressLiteral(ip)) {
                    found.address(Indicator.Role.CNC, ip, rs.getInt(2), "unknown".equals(proto) ? null : proto, bots);
                } else if (DnsNames.isHostName(ip)) {
                    // A C&C known by name only (a DNS tunnel's domain): a domain indicator, not an address.
                    for (String bot : bots) {
                        found.other(Indicator.Kind.DOMAIN, Indicator.Role.CNC, DnsNames.canonical(ip), bot, nanos(rs.getTimestamp(5)),
                                "C&C reached through its name " + ip);
                    }
                }
            }
        }
        for (Findings.Host h : hosts) {
            for (String endpoint : h.cnc()) {
                String[] ipPort = splitEndpoint(endpoint);
                if (ipPort != null) {
                    found.address(Indicator.Role.CNC, ipPort[0], Integer.parseInt(ipPort[1]), null, Set.of(h.address()));
                } else if (DnsNames.isHostName(endpoint)) {
                    found.other(Indicator.Kind.DOMAIN, Indicator.Role.CNC, DnsNames.canonical(endpoint), h.address(), h.firstNanos(),
                            "C&C reached through its name " + endpoint);
                }
            }
        }
        for (Indicators.Entry e : found.addresses()) {
            e.groups.addAll(groupsOf.getOrDefault(e.value + "|" + e.port, Set.of()));
            completeFromFlows(c, e, judged);
            e.reason = strongestEvidence(c, e, judged);
        }
    }

    private static Map<String, Set<String>> groupsByEndpoint(Connection c) throws SQLException {
        Map<String, Set<String>> groups = new LinkedHashMap<>();
        try (Statement s = c.createStatement(); ResultSet rs = s.executeQuery("select group_id, ip, port from group_cnc order by group_id")) {
            while (rs.next()) {
                groups.computeIfAbsent(rs.getString(2) + "|" + rs.getInt(3), k -> new TreeSet<>()).add(rs.getString(1));
            }
        }
        return groups;
    }

    private static void downloadSources(Connection c, Set<String> judged, Indicators found) throws SQLException {
        try (PreparedStatement p = c.prepareStatement(
                "select host, peer, summary from evidence where method = 'download' and peer is not null order by ts")) {
            try (ResultSet rs = p.executeQuery()) {
                while (rs.next()) {
                    String[] ipPort = splitEndpoint(rs.getString(2));
                    if (judged.contains(rs.getString(1)) && ipPort != null) {
                        Indicators.Entry e = found.address(Indicator.Role.DOWNLOAD, ipPort[0], Integer.parseInt(ipPort[1]), null,
                                Set.of(rs.getString(1)));
                        if (e.reason == null) {
                            e.reason = rs.getString(3);
                        }
                    }
                }
            }
        }
        for (Indicators.Entry e : found.addresses()) {
            if (e.role == Indicator.Role.DOWNLOAD) {
                completeFromFlows(c, e, judged);
            }
        }
    }

    /** HTTP requests of judged hosts to a C&C or download endpoint: the URL, and its host name. */
    private static void urls(Connection c, Set<String> judged, Indicators found) throws SQLException {
        for (Indicators.Entry endpoint : List.copyOf(found.addresses())) {
            try (PreparedStatement p = c.prepareStatement("""
                    select src_ip, hostname, url, ts, dest_port from http
                     where dest_ip = ? and (? = 0 or dest_port = ?) and url is not null order by ts""")) {
                p.setString(1, endpoint.value);
                p.setInt(2, endpoint.port);
                p.setInt(3, endpoint.port);
                try (ResultSet rs = p.executeQuery()) {
                    while (rs.next()) {
                        String host = rs.getString(1);
                        if (!judged.contains(host)) {
                            continue;
                        }
                        long ts = nanos(rs.getTimestamp(4));
                        String name = rs.getString(2);
                        String authority = name == null || name.isBlank() ? endpoint.value : name;
                        int port = rs.getInt(5);
                        String url = "http://" + stripPort(authority) + (port == 80 ? "" : ":" + port) + rs.getString(3);
                        found.other(Indicator.Kind.URL, endpoint.role, url, host, ts,
                                "fetched by " + host + " from the " + endpoint.role.words() + " server " + endpoint.endpoint());
                        if (DnsNames.isHostName(stripPort(authority))) {
                            found.other(Indicator.Kind.DOMAIN, endpoint.role, DnsNames.canonical(stripPort(authority)), host, ts,
                                    "HTTP host of the " + endpoint.role.words() + " server " + endpoint.endpoint());
                        }
                    }
                }
            }
        }
    }

    private static void domains(Connection c, Set<String> judged, Indicators found) throws SQLException {
        for (Indicators.Entry endpoint : List.copyOf(found.addresses())) {
            if (endpoint.role != Indicator.Role.CNC) {
                // Download servers are often shared or hijacked hosting: every name that resolves to one is not
                // the attacker's. Their names come only from the fetch itself (its Host header, in urls()).
                continue;
            }
            // Look-ups answered with the address: what the bots resolved to find it.
            try (PreparedStatement p = c.prepareStatement(
                    "select src_ip, dest_ip, rrname, ts, answers from dns where answers like ? order by ts")) {
                p.setString(1, "%\"" + endpoint.value + "\"%");
                try (ResultSet rs = p.executeQuery()) {
                    while (rs.next()) {
                        String asker = judged.contains(rs.getString(1)) ? rs.getString(1) : rs.getString(2);
                        if (judged.contains(asker) && answersWith(rs.getString(5), endpoint.value)
                                && DnsNames.isHostName(rs.getString(3))) {
                            found.other(Indicator.Kind.DOMAIN, endpoint.role, DnsNames.canonical(rs.getString(3)), asker,
                                    nanos(rs.getTimestamp(4)), "resolves to the " + endpoint.role.words() + " server " + endpoint.value);
                        }
                    }
                }
            }
            try (PreparedStatement p = c.prepareStatement(
                    "select src_ip, sni, ts from tls where dest_ip = ? and (? = 0 or dest_port = ?) and sni is not null order by ts")) {
                p.setString(1, endpoint.value);
                p.setInt(2, endpoint.port);
                p.setInt(3, endpoint.port);
                try (ResultSet rs = p.executeQuery()) {
                    while (rs.next()) {
                        if (judged.contains(rs.getString(1)) && DnsNames.isHostName(rs.getString(2))) {
                            found.other(Indicator.Kind.DOMAIN, endpoint.role, DnsNames.canonical(rs.getString(2)), rs.getString(1),
                                    nanos(rs.getTimestamp(3)), "TLS server name of the " + endpoint.role.words() + " server "
                                            + endpoint.endpoint());
                        }
                    }
                }
            }
        }
        try (PreparedStatement p = c.prepareStatement(
                "select host, peer, ts, summary from evidence where method = 'dns' and peer is not null and score >= ? order by ts")) {
            p.setDouble(1, MIN_DNS_EVIDENCE);
            try (ResultSet rs = p.executeQuery()) {
                while (rs.next()) {
                    if (judged.contains(rs.getString(1)) && DnsNames.isHostName(rs.getString(2))
                            && !DnsNames.isAddressLiteral(rs.getString(2))) {
                        found.other(Indicator.Kind.DOMAIN, Indicator.Role.CNC, DnsNames.canonical(rs.getString(2)), rs.getString(1),
                                nanos(rs.getTimestamp(3)), rs.getString(4));
                    }
                }
            }
        }
    }

    /** IRC channels the bots joined on a C&C server, and the bot commands the server sent them. */
    private void irc(Connection c, Set<String> judged, Indicators found) throws SQLException {
        for (Indicators.Entry endpoint : List.copyOf(found.addresses())) {
            if (endpoint.role != Indicator.Role.CNC) {
                continue;
            }
            try (PreparedStatement p = c.prepareStatement("""
                    select src_ip, direction, command, channel, value, addl, ts from irc
                     where dest_ip = ? and (? = 0 or dest_port = ?) order by ts""")) {
                p.setString(1, endpoint.value);
                p.setInt(2, endpoint.port);
                p.setInt(3, endpoint.port);
                try (ResultSet rs = p.executeQuery()) {
                    while (rs.next()) {
                        String bot = rs.getString(1);
                        if (!judged.contains(bot)) {
                            continue;
                        }
                        long ts = nanos(rs.getTimestamp(7));
                        String command = rs.getString(3);
                        String channel = rs.getString(4);
                        if ("JOIN".equalsIgnoreCase(command) && channel != null && !channel.isBlank()) {
                            found.other(Indicator.Kind.IRC_CHANNEL, Indicator.Role.CNC, channel, bot, ts,
                                    "channel the bots joined on the IRC C&C " + endpoint.endpoint());
                        }
                        if ("to_client".equals(rs.getString(2))) {
                            String text = "TOPIC".equalsIgnoreCase(command) || "332".equals(command) ? rs.getString(6)
                                    : "PRIVMSG".equalsIgnoreCase(command) || "NOTICE".equalsIgnoreCase(command) ? rs.getString(6) : null;
                            if (text != null && vocabulary.command(text) != null) {
                                found.other(Indicator.Kind.IRC_COMMAND, Indicator.Role.CNC, text.strip(), bot, ts,
                                        "bot command sent by the IRC C&C " + endpoint.endpoint()
                                                + (channel == null ? "" : " in " + channel));
                            }
                        }
                    }
                }
            }
        }
    }

    /** Transport, application protocol, times and further judged users of an address, from its flows. */
    private static void completeFromFlows(Connection c, Indicators.Entry e, Set<String> judged) throws SQLException {
        try (PreparedStatement p = c.prepareStatement("""
                select src_ip, lower(proto), app_proto, min(start_time), max(end_time) from flow
                 where dest_ip = ? and (? = 0 or dest_port = ?) group by 1, 2, 3""")) {
            p.setString(1, e.value);
            p.setInt(2, e.port);
            p.setInt(3, e.port);
            try (ResultSet rs = p.executeQuery()) {
                while (rs.next()) {
                    if (!judged.contains(rs.getString(1))) {
                        continue;
                    }
                    e.hosts.add(rs.getString(1));
                    if (e.transport == null) {
                        e.transport = rs.getString(2);
                    }
                    if (e.appProto == null && rs.getString(3) != null && !rs.getString(3).isBlank()) {
                        e.appProto = rs.getString(3);
                    }
                    e.seen(nanos(rs.getTimestamp(4)));
                    e.seen(nanos(rs.getTimestamp(5)));
                }
            }
        }
        if (e.transport == null || !Set.of("tcp", "udp").contains(e.transport)) {
            e.transport = e.port == 0 ? "ip" : "tcp";
        }
    }

    private static String strongestEvidence(Connection c, Indicators.Entry e, Set<String> judged) throws SQLException {
        try (PreparedStatement p = c.prepareStatement(
                "select host, summary from verdict_evidence where peer = ? or peer = ? order by weighted desc, host")) {
            p.setString(1, e.value);
            p.setString(2, e.endpoint());
            try (ResultSet rs = p.executeQuery()) {
                while (rs.next()) {
                    if (judged.contains(rs.getString(1))) {
                        return rs.getString(1) + " " + rs.getString(2);
                    }
                }
            }
        }
        return e.role.words() + " server of " + String.join(", ", e.hosts);
    }

    private static boolean answersWith(String answersJson, String address) {
        try {
            for (JsonNode a : JSON.readTree(answersJson == null ? "[]" : answersJson)) {
                if (address.equals(a.path("rdata").asText())) {
                    return true;
                }
            }
        } catch (IOException ignored) {
            // A malformed cell is not an answer; the store wrote it, so this does not happen in practice.
        }
        return false;
    }

    private static List<String> sensors(Connection c) throws SQLException {
        try (Statement s = c.createStatement(); ResultSet rs = s.executeQuery("select value from run where key = 'sensors' limit 1")) {
            return rs.next() && rs.getString(1) != null ? split(rs.getString(1), ",") : List.of();
        } catch (SQLException e) {
            return List.of();
        }
    }

    private static long[] span(Connection c) throws SQLException {
        try (Statement s = c.createStatement(); ResultSet rs = s.executeQuery("select min(start_time), max(end_time) from flow")) {
            if (rs.next() && rs.getTimestamp(1) != null) {
                return new long[] {nanos(rs.getTimestamp(1)), nanos(rs.getTimestamp(2))};
            }
        }
        return new long[] {0, 0};
    }

    /** "ip:port", "[v6]:port" or a bare address as {ip, port} ("0" when none); null when it is no address. */
    static String[] splitEndpoint(String endpoint) {
        if (endpoint == null || endpoint.isBlank()) {
            return null;
        }
        String t = endpoint.strip();
        String ip;
        String port = "0";
        if (t.startsWith("[")) {
            int close = t.indexOf(']');
            if (close < 0) {
                return null;
            }
            ip = t.substring(1, close);
            if (t.length() > close + 2 && t.charAt(close + 1) == ':') {
                port = t.substring(close + 2);
            }
        } else if (t.chars().filter(ch -> ch == ':').count() == 1) {
            ip = t.substring(0, t.indexOf(':'));
            port = t.substring(t.indexOf(':') + 1);
        } else {
            ip = t;
        }
        if (!DnsNames.isAddressLiteral(ip) || !port.matches("\\d{1,5}") || Integer.parseInt(port) > 65535) {
            return null;
        }
        return new String[] {ip, port};
    }

    private static String stripPort(String authority) {
        int colon = authority.lastIndexOf(':');
        return colon > 0 && authority.indexOf(':') == colon ? authority.substring(0, colon) : authority;
    }

    private static List<String> split(String s, String separator) {
        if (s == null || s.isBlank()) {
            return List.of();
        }
        return Arrays.stream(s.split(separator)).map(String::strip).filter(x -> !x.isEmpty()).toList();
    }

    private static long nanos(Timestamp t) {
        return t == null ? 0 : t.getTime() / 1000 * 1_000_000_000L + t.getNanos();
    }

    /** Indicators as they are found, merged by kind, role and value. */
    static final class Indicators {
        static final class Entry {
            final Indicator.Kind kind;
            final Indicator.Role role;
            final String value;
            final int port;
            String transport;
            String appProto;
            final Set<String> hosts = new TreeSet<>();
            final Set<String> groups = new TreeSet<>();
            long first = Long.MAX_VALUE;
            long last = Long.MIN_VALUE;
            String reason;

            Entry(Indicator.Kind kind, Indicator.Role role, String value, int port) {
                this.kind = kind;
                this.role = role;
                this.value = value;
                this.port = port;
            }

            void seen(long nanos) {
                if (nanos > 0) {
                    first = Math.min(first, nanos);
                    last = Math.max(last, nanos);
                }
            }

            String endpoint() {
                return new Indicator(kind, role, value, port, transport, appProto, hosts, 0, 0, "", List.of()).endpoint();
            }

            Indicator toIndicator() {
                return new Indicator(kind, role, value, port, transport, appProto, Set.copyOf(hosts),
                        first == Long.MAX_VALUE ? 0 : first, last == Long.MIN_VALUE ? 0 : last,
                        reason == null ? role.words() : reason, List.copyOf(groups));
            }
        }

        private final Map<String, Entry> entries = new LinkedHashMap<>();

        /** An address, merged with what is known of it; a C&C role wins over a download role. */
        Entry address(Indicator.Role role, String ip, int port, String appProto, Set<String> hosts) {
            String key = Indicator.Kind.ADDRESS + "|" + ip + "|" + port;
            Entry e = entries.get(key);
            if (e == null || (e.role == Indicator.Role.DOWNLOAD && role == Indicator.Role.CNC)) {
                Entry replacement = new Entry(Indicator.Kind.ADDRESS, role, ip, port);
                if (e != null) {
                    replacement.hosts.addAll(e.hosts);
                    replacement.reason = e.reason;
                }
                entries.put(key, replacement);
                e = replacement;
            }
            e.hosts.addAll(hosts);
            if (appProto != null && e.appProto == null) {
                e.appProto = appProto;
            }
            return e;
        }

        List<Entry> addresses() {
            return entries.values().stream().filter(e -> e.kind == Indicator.Kind.ADDRESS).toList();
        }

        void other(Indicator.Kind kind, Indicator.Role role, String value, String host, long ts, String reason) {
            Entry e = entries.computeIfAbsent(kind + "|" + value, k -> new Entry(kind, role, value, 0));
            e.hosts.add(host);
            e.seen(ts);
            if (e.reason == null) {
                e.reason = reason;
            }
        }

        List<Indicator> sorted() {
            return entries.values().stream().map(Entry::toIndicator)
                    .sorted(Comparator.comparing(Indicator::role).thenComparing(Indicator::kind).thenComparing(Indicator::value)
                            .thenComparingInt(Indicator::port))
                    .toList();
        }
    }
}
