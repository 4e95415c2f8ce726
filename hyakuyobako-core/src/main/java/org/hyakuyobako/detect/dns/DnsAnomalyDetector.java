package org.hyakuyobako.detect.dns;

import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.Consumer;
import org.hyakuyobako.detect.LruMap;
import org.hyakuyobako.decode.IpAddresses;
import org.hyakuyobako.event.DnsEvent;
import org.hyakuyobako.event.Event;
import org.hyakuyobako.event.EvidenceEvent;
import org.hyakuyobako.net.Cidr;
import org.hyakuyobako.net.HomeNet;
import org.hyakuyobako.net.geo.PeerLocation;
import org.hyakuyobako.net.geo.PeerLocator;
import org.hyakuyobako.pipeline.EventObserver;

/**
 * DNS anomalies (D7, seeds 000 and 003) from {@code dns} events, per monitored host that asks:
 * <ul>
 *   <li>zone transfers (AXFR, IXFR) asked for: 0.5;</li>
 *   <li>MX look-ups of {@link #MX_DOMAINS} or more domains within {@link #WINDOW_NANOS} by a host that
 *       is not a configured mail server (spam bots find their MTAs so): 0.6;</li>
 *   <li>{@link #NX_NAMES} or more names that do not exist within the window (generated names): 0.5;</li>
 *   <li>a tunnel: {@link #TUNNEL_NAMES} or more distinct names under one registered domain whose
 *       subdomain parts are long (mean {@link #TUNNEL_MEAN_LENGTH}+ characters) or random-looking
 *       (entropy {@link #TUNNEL_ENTROPY}+ bits per character over 12+ characters): 0.9;</li>
 *   <li>fast flux: a name answered with {@link #FLUX_ADDRESSES} or more addresses in
 *       {@link #FLUX_NETWORKS} or more networks, all with TTLs of {@link #FLUX_MAX_TTL} s or less,
 *       looked up by the host: 0.4, and 0.6 when they span {@link #FLUX_SPREAD_AS} or more autonomous
 *       systems in {@link #FLUX_SPREAD_COUNTRIES} or more countries. A network is the address's
 *       autonomous system by the bundled tables (a CDN's round robin, however many /16s it uses,
 *       is one AS; a flux of infected home computers spans many ISPs and countries), or its /16
 *       where the tables do not know it;</li>
 *   <li>algorithmically generated names ({@link DgaModel}, trained at build time): {@link #DGA_MISSING} or
 *       more that do not exist — 0.7; or {@link #DGA_NAMES} or more that make at least half of the
 *       names the host asked for — 0.6;</li>
 *   <li>a name under a dynamic-DNS provider ({@link DynamicDnsProviders}, a config file users extend):
 *       0.3, or 0.5 once its address has changed under short TTLs.</li>
 * </ul>
 * Each finding is emitted once per host (and domain or name). State is bounded per host and in hosts.
 */
public final class DnsAnomalyDetector implements EventObserver {
    static final long WINDOW_NANOS = 600_000_000_000L;
    static final int MX_DOMAINS = 5;
    static final int NX_NAMES = 20;
    static final int TUNNEL_NAMES = 20;
    static final double TUNNEL_MEAN_LENGTH = 25;
    static final double TUNNEL_ENTROPY = 3.5;
    static final int FLUX_ADDRESSES = 10;
    static final long FLUX_MAX_TTL = 300;
    static final int FLUX_NETWORKS = 6;
    static final int FLUX_SPREAD_AS = 5;
    static final int FLUX_SPREAD_COUNTRIES = 3;
    static final int MAX_HOSTS = 100_000;
    static final int DGA_NAMES = 10;
    static final int DGA_MISSING = 5;
    static final int MAX_PER_HOST = 4_096;

    private final HomeNet homeNet;
    private final List<Cidr> mailServers;
    private final Consumer<Event> emit;
    private final PeerLocator peers;
    private final DgaModel dga = DgaModel.bundled();
    private final DynamicDnsProviders dynamicDns;
    private final Map<String, HostDns> hosts = new LruMap<>(MAX_HOSTS);
    /** Addresses and smallest TTL seen per answered name (A/AAAA), for fast flux. */
    private final Map<String, Flux> flux = new LruMap<>(MAX_HOSTS);
    private long evidenceEmitted;

    private static final class Flux {
        final Set<String> addresses = new HashSet<>();
        /**
         * The networks of those addresses: "AS" and the number where the tables know it, else the
         * /16 (IPv4) or /32 (IPv6). A CDN answers from one or a few, a flux from many.
         */
        final Set<String> networks = new HashSet<>();
        final Set<Integer> autonomousSystems = new HashSet<>();
        final Set<String> countries = new HashSet<>();
        long maxTtl;
    }

    /** One host's look-ups in the current window, and the findings already reported. */
    private static final class HostDns {
        long windowStart;
        final Set<String> mxDomains = new HashSet<>();
        final Set<String> nxNames = new HashSet<>();
        final Map<String, Tunnel> byDomain = new HashMap<>();
        final Set<String> reported = new HashSet<>();
        final Set<String> resolved = new HashSet<>();
        final Set<String> names = new HashSet<>();
        final Set<String> generated = new HashSet<>();
        final Set<String> generatedMissing = new HashSet<>();
        long firstMx;
        long firstNx;
    }

    /** Names under one registered domain. */
    private static final class Tunnel {
        final Set<String> names = new HashSet<>();
        long subdomainChars;
        double entropySum;
        int longLabels;
        long first;
        String server;
    }

    public DnsAnomalyDetector(HomeNet homeNet, List<Cidr> mailServers, Consumer<Event> emit) {
        this(homeNet, mailServers, DynamicDnsProviders.bundled(), emit);
    }

    public DnsAnomalyDetector(HomeNet homeNet, List<Cidr> mailServers, DynamicDnsProviders dynamicDns, Consumer<Event> emit) {
        this.dynamicDns = dynamicDns;
        this.homeNet = homeNet;
        this.peers = PeerLocator.bundled(homeNet);
        this.mailServers = List.copyOf(mailServers);
        this.emit = emit;
    }

    @Override
    public void accept(Event event) {
        if (!(event instanceof DnsEvent d) || d.rrname().isEmpty()) {
            return;
        }
        String host = d.query() ? d.conn().srcIp() : d.conn().destIp();
        String server = d.query() ? d.conn().destIp() : d.conn().srcIp();
        long[] a = IpAddresses.parse(host);
        if (!homeNet.contains(a[0], a[1])) {
            return;
        }
        long now = d.timestampNanos();
        HostDns h = hosts.computeIfAbsent(host, k -> new HostDns());
        if (now - h.windowStart > WINDOW_NANOS) {
            h.windowStart = now;
            h.mxDomains.clear();
            h.nxNames.clear();
            h.names.clear();
            h.generated.clear();
            h.generatedMissing.clear();
        }
        if (d.query()) {
            query(d, h, host, server, now, a);
        } else {
            answer(d, h, host, now);
        }
    }

    /** Generated-looking names: mostly NXDOMAIN (the bot tries today's names until one answers), or most of what it asks. */
    private void judgeGenerated(DnsEvent d, HostDns h, String host, long now) {
        if (dga == null || h.names.size() >= MAX_PER_HOST || !h.names.add(d.rrname())) {
            return;
        }
        if (!dga.looksGenerated(d.rrname())) {
            return;
        }
        h.generated.add(d.rrname());
        if (h.generated.size() >= DGA_NAMES && 2 * h.generated.size() >= h.names.size()) {
            once(h, "dga", now, host, null, 0.6, String.format(
                    "looks up %d generated-looking names (%d of the %d names it asked for), e.g. %s", h.generated.size(),
                    h.generated.size(), h.names.size(), sample(h.generated)));
        }
    }

    private static String sample(Set<String> names) {
        return String.join(", ", names.stream().sorted().limit(3).toList());
    }

    private void query(DnsEvent d, HostDns h, String host, String server, long now, long[] address) {
        judgeGenerated(d, h, host, now);
        switch (d.rrtype()) {
            case "AXFR", "IXFR" -> once(h, "xfr:" + d.rrname(), now, host, server, 0.5,
                    "asks " + server + " for a zone transfer (" + d.rrtype() + ") of " + d.rrname());
            case "MX" -> {
                if (!isMailServer(address) && h.mxDomains.size() < MAX_PER_HOST) {
                    if (h.mxDomains.isEmpty()) {
                        h.firstMx = now;
                    }
                    // Domains, not names: a tunnel that asks MX of a thousand subdomains of one domain is no spammer.
                    h.mxDomains.add(RegisteredDomain.of(d.rrname()));
                    if (h.mxDomains.size() >= MX_DOMAINS) {
                        once(h, "mx", now, host, null, 0.6, String.format(
                                "looks up the mail servers (MX) of %d domains in %.0f s, though it is no mail server: how spam bots find their MTAs",
                                h.mxDomains.size(), (now - h.firstMx) / 1e9));
                    }
                }
            }
            default -> {
            }
        }
        String domain = RegisteredDomain.of(d.rrname());
        String sub = RegisteredDomain.subdomain(d.rrname(), domain);
        if (sub.isEmpty()) {
            return;
        }
        Tunnel t = h.byDomain.get(domain);
        if (t == null) {
            if (h.byDomain.size() >= MAX_PER_HOST) {
                return;
            }
            t = new Tunnel();
            t.first = now;
            t.server = server;
            h.byDomain.put(domain, t);
        }
        if (t.names.size() < MAX_PER_HOST && t.names.add(d.rrname())) {
            t.subdomainChars += sub.length();
            String letters = sub.replace(".", "");
            t.entropySum += RegisteredDomain.entropy(letters);
            if (letters.length() >= 12) {
                t.longLabels++;
            }
            int n = t.names.size();
            double meanLength = t.subdomainChars / (double) n;
            double meanEntropy = t.entropySum / n;
            boolean random = meanEntropy >= TUNNEL_ENTROPY && t.longLabels >= 0.8 * n;
            if (n >= TUNNEL_NAMES && (meanLength >= TUNNEL_MEAN_LENGTH || random)) {
                once(h, "tunnel:" + domain, now, host, domain, 0.9, String.format(
                        "sends data through DNS: %d distinct names under %s with long, random-looking labels (mean %.0f characters, %.1f bits per character) via %s",
                        n, domain, meanLength, meanEntropy, t.server));
            }
        }
    }

    /** A dynamic-DNS name answered with an address; more when the name's addresses change under short TTLs. */
    private void dynamicName(DnsEvent d, HostDns h, String host, long now) {
        String provider = dynamicDns.providerOf(d.rrname());
        if (provider == null || d.answers().stream().noneMatch(a -> a.rrtype().equals("A") || a.rrtype().equals("AAAA"))) {
            return;
        }
        Flux f = flux.get(d.rrname());
        boolean changing = f != null && f.addresses.size() >= 2 && f.maxTtl <= FLUX_MAX_TTL;
        once(h, (changing ? "dyndns-moving:" : "dyndns:") + d.rrname(), now, host, d.rrname(), changing ? 0.5 : 0.3,
                "resolves " + d.rrname() + ", a dynamic-DNS name (" + provider + ")" + (changing ? String.format(
                        " whose address changed %d times under TTLs of at most %d s", f.addresses.size() - 1, f.maxTtl) : ""));
    }

    private void answer(DnsEvent d, HostDns h, String host, long now) {
        if (d.rrtype().equals("AXFR") || d.rrtype().equals("IXFR")) {
            // The question may have been missed (split segments); the answer says it was asked.
            once(h, "xfr:" + d.rrname(), now, host, d.conn().srcIp(), 0.5, "asks " + d.conn().srcIp() + " for a zone transfer ("
                    + d.rrtype() + ") of " + d.rrname() + ("NOERROR".equals(d.rcode()) ? " and receives it (" + d.answers().size()
                    + " records in the first message)" : ", refused: " + d.rcode()));
        }
        if ("NXDOMAIN".equals(d.rcode()) && h.nxNames.size() < MAX_PER_HOST) {
            if (h.nxNames.isEmpty()) {
                h.firstNx = now;
            }
            h.nxNames.add(d.rrname());
            if (dga != null && dga.looksGenerated(d.rrname()) && h.generatedMissing.size() < MAX_PER_HOST) {
                h.generatedMissing.add(d.rrname());
                if (h.generatedMissing.size() >= DGA_MISSING) {
                    once(h, "dga-nx", now, host, null, 0.7, String.format(
                            "asked for %d generated-looking names that do not exist, e.g. %s (a DGA bot trying today's names)",
                            h.generatedMissing.size(), sample(h.generatedMissing)));
                }
            }
            if (h.nxNames.size() >= NX_NAMES) {
                once(h, "nx", now, host, null, 0.5, String.format(
                        "asked for %d names that do not exist in %.0f s (generated names, as a DGA bot looking for its C&C)",
                        h.nxNames.size(), (now - h.firstNx) / 1e9));
            }
        }
        for (DnsEvent.Answer a : d.answers()) {
            if (!a.rrtype().equals("A") && !a.rrtype().equals("AAAA")) {
                continue;
            }
            Flux f = flux.computeIfAbsent(d.rrname(), k -> new Flux());
            if (f.addresses.size() < 256 && f.addresses.add(a.rdata())) {
                PeerLocation where = peers.locate(a.rdata());
                if (where != null && where.asn() != 0) {
                    f.autonomousSystems.add(where.asn());
                    f.networks.add("AS" + Integer.toUnsignedString(where.asn()));
                } else {
                    f.networks.add(network(a.rdata()));
                }
                if (where != null && where.countryIsoCode() != null) {
                    f.countries.add(where.countryIsoCode());
                }
            }
            f.maxTtl = Math.max(f.maxTtl, a.ttl());
        }
        dynamicName(d, h, host, now);
        Flux f = flux.get(d.rrname());
        if (f != null && f.addresses.size() >= FLUX_ADDRESSES && f.networks.size() >= FLUX_NETWORKS && f.maxTtl <= FLUX_MAX_TTL
                && h.resolved.add(d.rrname())) {
            boolean spread = f.autonomousSystems.size() >= FLUX_SPREAD_AS && f.countries.size() >= FLUX_SPREAD_COUNTRIES;
            once(h, "flux:" + d.rrname(), now, host, d.rrname(), spread ? 0.6 : 0.4, String.format(
                    "resolves %s, which moved over %d addresses in %d networks with TTLs of at most %d s (fast flux%s)", d.rrname(),
                    f.addresses.size(), f.networks.size(), f.maxTtl, f.autonomousSystems.isEmpty() ? "" : String.format(
                            "; %d autonomous systems in %d countries: %s", f.autonomousSystems.size(), f.countries.size(),
                            String.join(" ", new java.util.TreeSet<>(f.countries)))));
        }
    }

    private static String network(String address) {
        int colon = address.indexOf(':');
        if (colon >= 0) {
            String[] groups = address.split(":");
            return groups.length >= 2 ? groups[0] + ":" + groups[1] : address;
        }
        int second = address.indexOf('.', address.indexOf('.') + 1);
        return second < 0 ? address : address.substring(0, second);
    }

    private boolean isMailServer(long[] address) {
        for (Cidr c : mailServers) {
            if (c.contains(address[0], address[1])) {
                return true;
            }
        }
        return false;
    }

    private void once(HostDns h, String what, long at, String host, String peer, double score, String summary) {
        if (!h.reported.add(what)) {
            return;
        }
        evidenceEmitted++;
        emit.accept(new EvidenceEvent(at, at, host, peer, "dns", score, summary, List.of("dns:" + what)));
    }

    @Override
    public Map<String, Long> counters() {
        return Map.of("dns.evidence", evidenceEmitted);
    }
}
