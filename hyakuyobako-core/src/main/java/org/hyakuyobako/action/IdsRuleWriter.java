package org.hyakuyobako.action;

import java.io.IOException;
import java.io.Writer;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import org.hyakuyobako.net.DnsNames;
import org.hyakuyobako.proto.tls.Ja3Fingerprint;
import org.hyakuyobako.proto.tls.Ja4Fingerprint;

/**
 * Suricata or Snort rules for what the infected hosts used (seed 002: "use what was found to write
 * IDS rules"): a connection to a C&C or download endpoint, a look-up and a TLS server name of its
 * domains, a request for its URLs, an IRC JOIN of its channels and its bot commands, a TLS hello with
 * the bots' JA3 or JA4 (Suricata only).
 *
 * <p>Conventions follow ET Open's so the rules sit beside it: {@code $HOME_NET} as the bots' side,
 * {@code classtype:trojan-activity}, {@code flow} on every TCP rule, {@code metadata} with
 * {@code created_at} and the verdict time, a {@code reference} to the method that found it, and
 * sids from a configurable range (default 9,200,000-9,299,999, in the local range above ET's). The
 * Suricata dialect uses sticky buffers ({@code dns.query; dotprefix; content:".evil.example";
 * endswith;} matches the name and its subdomains); the Snort 2.9 dialect matches the same names in
 * wire format and uses content modifiers. Every string from traffic goes through {@link RuleText}.
 */
public final class IdsRuleWriter implements FindingsWriter {
    public enum Dialect { SURICATA, SNORT }

    private static final DateTimeFormatter CREATED = DateTimeFormatter.ofPattern("yyyy_MM_dd").withZone(ZoneOffset.UTC);
    private static final DateTimeFormatter TIME = DateTimeFormatter.ofPattern("yyyy-MM-dd'T'HH:mm:ss'Z'").withZone(ZoneOffset.UTC);
    private static final String DOCS = "github.com/hyakuyobako/hyakuyobako/blob/main/docs/";

    private final Dialect dialect;

    public IdsRuleWriter(Dialect dialect) {
        this.dialect = dialect;
    }

    @Override
    public String kind() {
        return dialect == Dialect.SURICATA ? "rules" : "snort";
    }

    @Override
    public String fileName() {
        return dialect == Dialect.SURICATA ? "hyakuyobako.rules" : "hyakuyobako-snort.rules";
    }

    @Override
    public String contentType() {
        return "text/plain; charset=utf-8";
    }

    @Override
    public void write(Findings findings, ExportSettings settings, Writer out, RefusedIndicators refused) throws IOException {
        List<String> rules = rules(findings, settings, refused);
        out.write("# Hyakuyobako " + (dialect == Dialect.SURICATA ? "Suricata" : "Snort 2.9") + " rules from the run '"
                + RuleText.metadataValue(findings.runName()) + "', exported " + TIME.format(settings.exportedAt()) + "\n");
        out.write("# " + rules.size() + " rule(s), sids " + settings.firstSid() + "-" + (settings.firstSid() + Math.max(0, rules.size() - 1))
                + "; load with -S/--rules, set HOME_NET to the monitored hosts\n");
        for (String r : rules) {
            out.write(r);
            out.write('\n');
        }
    }

    /** The rules, one line each, sids in the order of the findings. */
    public List<String> rules(Findings findings, ExportSettings settings, RefusedIndicators refused) {
        List<String> rules = new ArrayList<>();
        long sid = settings.firstSid();
        for (Indicator i : findings.indicators()) {
            String body = body(i, refused);
            if (body == null) {
                continue;
            }
            List<String> bodies = new ArrayList<>(List.of(body));
            if (i.kind() == Indicator.Kind.DOMAIN) {
                // The name a bot looks up is also the name its TLS hello asks for (or the only one, with DNS over HTTPS).
                bodies.add(tlsServerName(i));
            }
            for (String b : bodies) {
                if (sid > settings.lastSid()) {
                    throw new IllegalStateException("the sid range " + settings.firstSid() + "-" + settings.lastSid()
                            + " is too small for the findings; give a larger one with --sid-range");
                }
                rules.add(b + " classtype:trojan-activity; sid:" + sid++ + "; rev:1; metadata:" + metadata(i, findings, settings) + ";)");
            }
        }
        return rules;
    }

    /** Header and matching options, up to (not including) classtype; null when refused. */
    private String body(Indicator i, RefusedIndicators refused) {
        String what = i.role() == Indicator.Role.CNC ? "C&C" : "malware download";
        String bots = i.hosts().size() + " bot(s)" + (i.groups().isEmpty() ? "" : " of " + String.join(",", i.groups()));
        return switch (i.kind()) {
            case ADDRESS -> address(i, what, bots, refused);
            case DOMAIN -> domain(i, what, bots, refused);
            case URL -> url(i, what, bots, refused);
            case IRC_CHANNEL -> head("tcp", "$HOME_NET", "any", "any", "any")
                    + msg("IRC JOIN of the bot channel " + i.value() + " on a C&C (" + bots + ")", i)
                    + " flow:established,to_server; content:" + RuleText.content("JOIN " + clip(i.value())) + "; nocase;";
            case IRC_COMMAND -> head("tcp", "any", "any", "$HOME_NET", "any")
                    + msg("IRC bot command from a C&C: " + i.value() + " (" + bots + ")", i)
                    + " flow:established,to_client; content:" + RuleText.content(clip(i.value())) + ";";
            case JA3, JA4 -> fingerprint(i, what, bots, refused);
        };
    }

    /**
     * A TLS client fingerprint: Suricata's {@code ja3.hash} or {@code ja4.hash} sticky buffer (our
     * parser loads both). The value must have the fingerprint's exact shape (32 lower-case hex
     * digits; JA4's letters, digits and underscores), so nothing else can reach the rule; Snort 2.9
     * has no such keyword, and a content on the raw ClientHello cannot express a hash.
     */
    private String fingerprint(Indicator i, String what, String bots, RefusedIndicators refused) {
        boolean ja3 = i.kind() == Indicator.Kind.JA3;
        if (dialect == Dialect.SNORT) {
            refused.refuse(kind(), i, "Snort 2.9 has no TLS fingerprint keyword (ja3.hash, ja4.hash are Suricata's)");
            return null;
        }
        boolean valid = ja3 ? Ja3Fingerprint.HASH.matcher(i.value()).matches() : Ja4Fingerprint.FORMAT.matcher(i.value()).matches();
        if (!valid) {
            refused.refuse(kind(), i, ja3 ? "not a JA3 hash (32 lower-case hex digits)" : "not a JA4 fingerprint");
            return null;
        }
        String name = ja3 ? "JA3" : "JA4";
        return head("tls", "$HOME_NET", "any", "any", "any")
                + msg("TLS client with the " + name + " " + i.value() + " of the " + what + " client (" + bots + ")", i)
                + (ja3 ? " ja3.hash;" : " ja4.hash;") + " content:" + RuleText.content(i.value()) + ";"
                + " threshold:type limit, track by_src, count 1, seconds 3600;";
    }

    private String address(Indicator i, String what, String bots, RefusedIndicators refused) {
        if (!DnsNames.isAddressLiteral(i.value())) {
            refused.refuse(kind(), i, "not an address literal");
            return null;
        }
        String ip = i.isIpv6() ? "[" + i.value() + "]" : i.value();
        String port = i.port() == 0 ? "any" : Integer.toString(i.port());
        String transport = i.port() == 0 ? "ip" : i.transport();
        String proto = i.appProto() == null ? "" : " (" + i.appProto() + ")";
        String flow = "tcp".equals(transport) ? " flow:to_server;" : "";
        // Once per bot and hour, as ET's botcc rules do: every packet of a C&C session is no news.
        return head(transport, "$HOME_NET", "any", ip, port)
                + msg(what + " connection to " + i.endpoint() + proto + " (" + bots + ")", i) + flow
                + " threshold:type limit, track by_src, count 1, seconds 3600;";
    }

    private String domain(Indicator i, String what, String bots, RefusedIndicators refused) {
        if (!DnsNames.isHostName(i.value())) {
            refused.refuse(kind(), i, "not a host name");
            return null;
        }
        String name = DnsNames.canonical(i.value());
        String m = msg("DNS query for the " + what + " domain " + name + " (" + bots + ")", i);
        if (dialect == Dialect.SURICATA) {
            return head("dns", "$HOME_NET", "any", "any", "any") + m
                    + " dns.query; dotprefix; content:" + RuleText.content("." + name) + "; nocase; endswith;";
        }
        return head("udp", "$HOME_NET", "any", "any", "53") + m + " content:" + RuleText.content(wireName(name)) + "; nocase;";
    }

    /** A TLS hello naming the domain (SNI) or a subdomain of it; only called for names {@link #domain} accepted. */
    private String tlsServerName(Indicator i) {
        String what = i.role() == Indicator.Role.CNC ? "C&C" : "malware download";
        String name = DnsNames.canonical(i.value());
        String m = msg("TLS to the " + what + " domain " + name + " (" + i.hosts().size() + " bot(s))", i);
        if (dialect == Dialect.SURICATA) {
            return head("tls", "$HOME_NET", "any", "any", "any") + m + " flow:established,to_server;"
                    + " tls.sni; dotprefix; content:" + RuleText.content("." + name) + "; nocase; endswith;";
        }
        // Snort 2.9 has no SNI buffer: the name inside a TLS handshake record from the client.
        return head("tcp", "$HOME_NET", "any", "any", "any") + m + " flow:established,to_server;"
                + " content:\"|16 03|\"; depth:2; content:" + RuleText.content(name) + "; nocase; distance:0;";
    }

    private String url(Indicator i, String what, String bots, RefusedIndicators refused) {
        java.net.URI uri;
        try {
            uri = java.net.URI.create(i.value());
        } catch (IllegalArgumentException e) {
            // A URL from traffic the URI grammar refuses: split it by hand, the content is hex-escaped anyway.
            uri = null;
        }
        String rest = i.value().startsWith("http://") ? i.value().substring(7) : i.value();
        int slash = rest.indexOf('/');
        String authority = slash < 0 ? rest : rest.substring(0, slash);
        String path = slash < 0 ? "/" : rest.substring(slash);
        String host = uri != null && uri.getHost() != null ? uri.getHost() : authority.replaceFirst(":\\d+$", "");
        if (path.length() > RuleText.MAX_CONTENT) {
            refused.refuse(kind(), i, "URL path longer than " + RuleText.MAX_CONTENT + " bytes");
            return null;
        }
        String m = msg("request for the " + what + " URL " + i.value() + " (" + bots + ")", i);
        String hostMatch = DnsNames.isHostName(host) || DnsNames.isAddressLiteral(host) ? host.toLowerCase(Locale.ROOT) : null;
        if (dialect == Dialect.SURICATA) {
            return head("http", "$HOME_NET", "any", "any", "any") + m + " flow:established,to_server;"
                    + (hostMatch == null ? "" : " http.host; content:" + RuleText.content(hostMatch) + "; startswith; endswith;")
                    + " http.uri; content:" + RuleText.content(path) + "; startswith; endswith;";
        }
        return head("tcp", "$HOME_NET", "any", "any", "$HTTP_PORTS") + m + " flow:established,to_server;"
                + " content:" + RuleText.content(path) + "; http_uri;"
                + (hostMatch == null ? "" : " content:" + RuleText.content(hostMatch) + "; nocase; http_header;");
    }

    private static String head(String proto, String src, String srcPort, String dst, String dstPort) {
        return "alert " + proto + " " + src + " " + srcPort + " -> " + dst + " " + dstPort + " (";
    }

    private static String msg(String text, Indicator i) {
        return "msg:" + RuleText.msg("HYAKUYOBAKO " + text) + "; reference:url," + DOCS + docFor(i) + ";";
    }

    /** The documentation of the method that found it: what a reader follows to check the evidence. */
    private static String docFor(Indicator i) {
        String r = i.reason().toLowerCase(Locale.ROOT);
        if (r.contains("reacted in step") || r.contains("beacon") || !i.groups().isEmpty()) {
            return "sync.md";
        }
        return i.kind() == Indicator.Kind.DOMAIN || i.kind() == Indicator.Kind.URL ? "eve.md" : "correlation.md";
    }

    private static String metadata(Indicator i, Findings f, ExportSettings settings) {
        long verdictTime = f.hosts().stream().filter(h -> i.hosts().contains(h.address()))
                .mapToLong(Findings.Host::lastNanos).max().orElse(i.lastNanos());
        List<String> m = new ArrayList<>();
        m.add("created_at " + CREATED.format(settings.exportedAt()));
        m.add("hyakuyobako_role " + (i.role() == Indicator.Role.CNC ? "cnc" : "download"));
        m.add("hyakuyobako_verdict_time " + TIME.format(Instant.ofEpochSecond(0, Math.max(0, verdictTime))));
        if (i.firstNanos() > 0) {
            m.add("hyakuyobako_first_seen " + TIME.format(Instant.ofEpochSecond(0, i.firstNanos())));
        }
        for (String g : i.groups()) {
            m.add("hyakuyobako_group " + RuleText.metadataValue(g));
        }
        return String.join(", ", m);
    }

    private static String clip(String s) {
        return s.length() > RuleText.MAX_CONTENT ? s.substring(0, RuleText.MAX_CONTENT) : s;
    }

    /**
     * "evil.example" as DNS wire labels with the root, "\x04evil\x07example\x00": it matches the name
     * and its subdomains (the label lengths keep "notevil.example" out), as ET's Snort rules do.
     */
    static String wireName(String name) {
        StringBuilder out = new StringBuilder();
        for (String label : name.split("\\.")) {
            out.append((char) label.length()).append(label);
        }
        return out.append('\0').toString();
    }
}
