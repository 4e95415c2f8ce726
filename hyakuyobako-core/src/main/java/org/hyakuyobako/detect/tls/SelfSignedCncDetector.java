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
 * <p>Alone it never makes a verdict (its score, weighted, stays under "suspicious"): an appliance
 * with a self-signed certificate reached by address exists; with a download or another C&C sign
 * it completes the infection's life cycle. Once per host and server.
 */
public final class SelfSignedCncDetector implements EventObserver {
    static final double SELF_SIGNED_WITHOUT_SNI = 0.5;
    static final double WITH_PLACEHOLDER_NAMES = 0.75;
    static final int MAX_REPORTED = 100_000;
    /** Values that OpenSSL's defaults and common kits leave in a certificate nobody filled in. */
    static final List<String> PLACEHOLDERS = List.of("internet widgits pty ltd", "default company ltd", "some-state", "cn=example.com",
            "cn=example.org", "cn=localhost", "o=global security", "o=my company", "o=company name", "cn=test");

    private final HomeNet homeNet;
    private final Consumer<Event> emit;
    private final Map<String, Boolean> reported = new LruMap<>(MAX_REPORTED);
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
        if (reported.put(t.conn().srcIp() + " " + server, Boolean.TRUE) != null) {
            return;
        }
        String placeholder = placeholder(t.subject());
        double score = placeholder != null ? WITH_PLACEHOLDER_NAMES : SELF_SIGNED_WITHOUT_SNI;
        evidence++;
        emit.accept(new EvidenceEvent(t.timestampNanos(), t.timestampNanos(), t.conn().srcIp(), server, "tls", score,
                "opens TLS to " + server + " by address (no SNI) and gets a self-signed certificate '" + clip(t.subject()) + "'"
                        + (placeholder != null ? ", with placeholder names (" + placeholder + ")" : "")
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
