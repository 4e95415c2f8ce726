package org.hyakuyobako.detect.tls;

import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.function.Consumer;
import org.hyakuyobako.decode.IpAddresses;
import org.hyakuyobako.detect.LruMap;
import org.hyakuyobako.event.Endpoints;
import org.hyakuyobako.event.Event;
import org.hyakuyobako.event.EvidenceEvent;
import org.hyakuyobako.event.TlsEvent;
import org.hyakuyobako.net.HomeNet;
import org.hyakuyobako.pipeline.EventObserver;

/**
 * Encrypted C&C by its certificate (method {@code tls}, a C&C-stage sign): a monitored host opens
 * TLS to an outside server that it names by address only (no SNI) and that answers with a
 * self-signed certificate, the cheapest set-up a botnet operator has (Emotet, TrickBot, Dridex and
 * many RATs); worse when the certificate keeps OpenSSL's or a kit's placeholder names
 * ({@code Internet Widgits Pty Ltd}, {@code example.com}, {@code Global Security / IT Department}).
 * Browsers and mail programs send SNI and meet CA-signed certificates. nDPI flags the same
 * connections ("Self-signed Cert", "Missing SNI TLS Extn").
 *
 * <p>Two more signs of a set-up for the campaign (issue 27): the certificate is <em>fresh</em>
 * (issued at most {@link #FRESH_DAYS} days before the hello) and it is <em>shared</em>: the same
 * self-signed certificate (subject and serial) answers on {@link #SHARED_SERVERS} or more server
 * addresses, one kit deployed many times. Each adds {@link #SIGN}.
 *
 * <p>A self-signed certificate reached by address alone never makes a verdict (0.5, weighted 0.35):
 * an appliance like that exists; with placeholder names, freshness or sharing it can reach
 * "suspicious", and with a download or another C&C sign it completes the infection's life cycle.
 * Once per host and server, and once more when the certificate turns out to be shared.
 */
public final class SelfSignedCncDetector implements EventObserver {
    static final double SELF_SIGNED_WITHOUT_SNI = 0.5;
    static final double WITH_PLACEHOLDER_NAMES = 0.75;
    static final int MAX_REPORTED = 100_000;
    static final int FRESH_DAYS = 7;
    static final int SHARED_SERVERS = 3;
    static final double SIGN = 0.15;
    static final double MAX_SCORE = 0.9;
    private static final long DAY_NANOS = 86_400_000_000_000L;
    /** Values that OpenSSL's defaults and common kits leave in a certificate nobody filled in. */
    static final List<String> PLACEHOLDERS = List.of("internet widgits pty ltd", "default company ltd", "some-state", "cn=example.com",
            "cn=example.org", "cn=localhost", "o=global security", "o=my company", "o=company name", "cn=test");

    private final HomeNet homeNet;
    private final Consumer<Event> emit;
    private final Map<String, Boolean> reported = new LruMap<>(MAX_REPORTED);
    /** Per self-signed certificate (subject and serial), the server addresses that presented it (a few suffice). */
    private final Map<String, java.util.Set<String>> serversOfCertificate = new LruMap<>(MAX_REPORTED);
    private long evidence;

    public SelfSignedCncDetector(HomeNet homeNet, Consumer<Event> emit) {
        this.homeNet = homeNet;
        this.emit = emit;
    }

    @Override
    public void accept(Event event) {
        if (!(event instanceof TlsEvent t) || t.subject() == null || t.issuer() == null) {
            return;
        }
        boolean selfSigned = t.subject().equals(t.issuer());
        boolean noSni = t.sni() == null || t.sni().isBlank();
        if (!selfSigned || !noSni || !monitored(t.conn().srcIp()) || monitored(t.conn().destIp())) {
            return;
        }
        String server = Endpoints.format(t.conn().destIp(), t.conn().destPort());
        java.util.Set<String> servers = serversOfCertificate.computeIfAbsent(t.subject() + "|" + t.serial(), k -> new java.util.TreeSet<>());
        if (servers.size() < SHARED_SERVERS) {
            servers.add(t.conn().destIp());
        }
        boolean shared = servers.size() >= SHARED_SERVERS;
        if (reported.put(t.conn().srcIp() + " " + server + (shared ? " shared" : ""), Boolean.TRUE) != null) {
            return;
        }
        long age = t.timestampNanos() - t.notBeforeNanos();
        boolean fresh = t.notBeforeNanos() > 0 && age >= -DAY_NANOS / 24 && age <= FRESH_DAYS * DAY_NANOS;
        String placeholder = placeholder(t.subject());
        double score = Math.min(MAX_SCORE, (placeholder != null ? WITH_PLACEHOLDER_NAMES : SELF_SIGNED_WITHOUT_SNI)
                + (fresh ? SIGN : 0) + (shared ? SIGN : 0));
        evidence++;
        emit.accept(new EvidenceEvent(t.timestampNanos(), t.timestampNanos(), t.conn().srcIp(), server, "tls", score,
                "opens TLS to " + server + " by address (no SNI) and gets a self-signed certificate '" + clip(t.subject()) + "'"
                        + (placeholder != null ? ", with placeholder names (" + placeholder + ")" : "")
                        + (fresh ? ", issued " + Math.max(0, age / DAY_NANOS) + " day(s) before" : "")
                        + (shared ? ", the same certificate as on " + (SHARED_SERVERS - 1) + "+ other servers (one kit)" : "")
                        + ": how botnet C&C servers are set up", List.of("flow:" + t.conn().flowId())));
    }

    static String placeholder(String subject) {
        String s = subject.toLowerCase(Locale.ROOT);
        for (String p : PLACEHOLDERS) {
            int at = s.indexOf(p);
            // A whole attribute value: followed by the end or the next attribute.
            if (at >= 0 && (at + p.length() == s.length() || s.charAt(at + p.length()) == ',')) {
                return p;
            }
        }
        return null;
    }

    private boolean monitored(String ip) {
        try {
            long[] a = IpAddresses.parse(ip);
            return homeNet.contains(a[0], a[1]);
        } catch (IllegalArgumentException e) {
            return false;
        }
    }

    private static String clip(String s) {
        return s.length() > 120 ? s.substring(0, 120) + "…" : s;
    }

    @Override
    public Map<String, Long> counters() {
        return Map.of("tls.evidence", evidence);
    }
}
