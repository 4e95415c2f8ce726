package org.hyakuyobako.detect.blacklist;

import java.io.IOException;
import java.net.InetSocketAddress;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.xbill.DNS.ARecord;
import org.xbill.DNS.DClass;
import org.xbill.DNS.Message;
import org.xbill.DNS.Name;
import org.xbill.DNS.Rcode;
import org.xbill.DNS.Record;
import org.xbill.DNS.Section;
import org.xbill.DNS.SimpleResolver;
import org.xbill.DNS.Type;

/**
 * DNSBL-style look-ups (seed 001): the address's octets reversed under each configured zone
 * ({@code 4.3.2.1.zen.spamhaus.org} for 1.2.3.4), an A answer in 127.0.0.0/8 meaning "listed" with
 * the return code naming why. Off unless zones are configured. Answers are cached (an address is
 * asked once per run), queries are rate-limited and capped, and a timeout or error means "not
 * known", never "listed". Uses dnsjava for the wire format and the resolver.
 */
public final class DnsblChecker {
    /** What one zone said about one address. */
    public record Listing(String zone, String code, String meaning) {
    }

    private final List<String> zones;
    private final SimpleResolver resolver;
    private final double queriesPerSecond;
    private final int maxQueries;
    private final Map<String, List<Listing>> cache = new LinkedHashMap<>(1024, 0.75f, true) {
        @Override
        protected boolean removeEldestEntry(Map.Entry<String, List<Listing>> eldest) {
            return size() > 100_000;
        }
    };
    private long queries;
    private long failures;
    private long lastQueryNanos;

    /**
     * @param server the resolver to ask (null: the system's)
     * @param queriesPerSecond rate limit
     * @param maxQueries at most this many queries per run; further addresses are not looked up
     */
    public DnsblChecker(List<String> zones, InetSocketAddress server, Duration timeout, double queriesPerSecond,
                        int maxQueries) throws IOException {
        this.zones = List.copyOf(zones);
        this.resolver = server == null ? new SimpleResolver() : new SimpleResolver(server);
        this.resolver.setTimeout(timeout);
        this.queriesPerSecond = queriesPerSecond;
        this.maxQueries = maxQueries;
    }

    public long queries() {
        return queries;
    }

    public long failures() {
        return failures;
    }

    /** The zones that list this IPv4 address (cached; empty when none or unknown). */
    public List<Listing> check(String ipv4) {
        List<Listing> cached = cache.get(ipv4);
        if (cached != null) {
            return cached;
        }
        String[] octets = ipv4.split("\\.");
        if (octets.length != 4) {
            return List.of();
        }
        String reversed = octets[3] + "." + octets[2] + "." + octets[1] + "." + octets[0];
        List<Listing> found = new java.util.ArrayList<>();
        for (String zone : zones) {
            if (queries >= maxQueries) {
                break;
            }
            pace();
            queries++;
            try {
                Name name = Name.fromString(reversed + "." + zone + (zone.endsWith(".") ? "" : "."));
                Message answer = resolver.send(Message.newQuery(Record.newRecord(name, Type.A, DClass.IN)));
                if (answer.getRcode() != Rcode.NOERROR) {
                    continue;
                }
                for (Record r : answer.getSection(Section.ANSWER)) {
                    if (r instanceof ARecord a && a.getAddress().getAddress()[0] == 127) {
                        String code = a.getAddress().getHostAddress();
                        found.add(new Listing(zone, code, meaning(zone, code)));
                    }
                }
            } catch (IOException | RuntimeException e) {
                failures++;
            }
        }
        List<Listing> result = List.copyOf(found);
        cache.put(ipv4, result);
        return result;
    }

    private void pace() {
        long gap = (long) (1e9 / queriesPerSecond);
        long now = System.nanoTime();
        long wait = lastQueryNanos + gap - now;
        if (wait > 0) {
            try {
                Thread.sleep(wait / 1_000_000, (int) (wait % 1_000_000));
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }
        lastQueryNanos = System.nanoTime();
    }

    /** Return codes of the zones users use most; others are reported by code. */
    static String meaning(String zone, String code) {
        if (zone.startsWith("zen.spamhaus.org") || zone.startsWith("sbl-xbl.spamhaus.org")) {
            return switch (code) {
                case "127.0.0.2" -> "SBL: spam source";
                case "127.0.0.3" -> "CSS: snowshoe spam";
                case "127.0.0.4", "127.0.0.5", "127.0.0.6", "127.0.0.7" -> "XBL: exploited host (bot)";
                case "127.0.0.9" -> "DROP: hijacked network";
                case "127.0.0.10", "127.0.0.11" -> "PBL: end-user range";
                default -> "listed";
            };
        }
        return "listed";
    }
}
