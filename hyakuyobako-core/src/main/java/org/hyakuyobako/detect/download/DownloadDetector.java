package org.hyakuyobako.detect.download;

import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.function.Consumer;
import java.util.regex.Pattern;
import org.hyakuyobako.decode.IpAddresses;
import org.hyakuyobako.detect.LruMap;
import org.hyakuyobako.event.Endpoints;
import org.hyakuyobako.event.Event;
import org.hyakuyobako.event.EvidenceEvent;
import org.hyakuyobako.event.FtpEvent;
import org.hyakuyobako.event.HttpEvent;
import org.hyakuyobako.net.HomeNet;
import org.hyakuyobako.pipeline.EventObserver;

/**
 * Downloads of executables (D6, seed 000: bots fetch new binaries) from {@code http} events: a
 * monitored host receives a Windows executable (the body starts with "MZ", or the server calls it
 * one: {@code application/x-msdownload}, {@code x-dosexec}, {@code x-msdos-program}), or asks for an
 * executable name and gets a 200, from a server outside the home net. Evidence (method {@code download}): 0.5 (updaters fetch executables
 * all day, so alone this makes no verdict); 0.6 when the executable is disguised (an MZ body under a
 * name or type that says otherwise: {@code /solar.php}, {@code application/octet-stream}); +0.2 when
 * the client calls itself by a random string rather than a browser or tool name (as droppers do).
 * Once per host, server and URL.
 */
public final class DownloadDetector implements EventObserver {
    private static final Pattern EXECUTABLE_NAME = Pattern.compile("(?i).*\\.(exe|dll|scr|pif|com|bat|cmd|ps1|vbs|jar|msi|hta)(\\?.*)?$");
    private static final Set<String> EXECUTABLE_TYPES = Set.of("application/x-msdownload", "application/x-dosexec",
            "application/x-msdos-program", "application/x-ms-installer", "application/vnd.microsoft.portable-executable");
    /** A user agent that is one run of 12+ letters: no product/version, no spaces, no punctuation. */
    private static final Pattern RANDOM_AGENT = Pattern.compile("[A-Za-z]{12,}");

    private final HomeNet homeNet;
    private final Consumer<Event> emit;
    /** (host, server, URL) already reported, the least recently seen forgotten first (counted). */
    static final int MAX_REPORTED = 100_000;
    private final LruMap<String, Boolean> reported = new LruMap<>(MAX_REPORTED);
    private long evidenceEmitted;

    public DownloadDetector(HomeNet homeNet, Consumer<Event> emit) {
        this.homeNet = homeNet;
        this.emit = emit;
    }

    @Override
    public void accept(Event event) {
        if (event instanceof FtpEvent f) {
            ftp(f);
            return;
        }
        if (!(event instanceof HttpEvent h) || h.status() / 100 != 2 || h.url() == null) {
            return;
        }
        long[] client = IpAddresses.parse(h.conn().srcIp());
        long[] serverAddress = IpAddresses.parse(h.conn().destIp());
        // From a monitored server (the site's update or file server) code is fetched all day, as over FTP:
        // no evidence; a monitored server that serves malware shows it by its own evidence.
        if (!homeNet.contains(client[0], client[1]) || homeNet.contains(serverAddress[0], serverAddress[1])) {
            return;
        }
        String type = h.contentType() == null ? "" : h.contentType().split(";", 2)[0].strip().toLowerCase(Locale.ROOT);
        boolean namedExecutable = EXECUTABLE_NAME.matcher(h.url()).matches();
        boolean typedExecutable = EXECUTABLE_TYPES.contains(type);
        if (!h.executable() && !typedExecutable && !namedExecutable) {
            return;
        }
        String server = Endpoints.format(h.conn().destIp(), h.conn().destPort());
        if (!firstTime(h.conn().srcIp() + " " + server + " " + h.url())) {
            return;
        }
        boolean disguised = h.executable() && !namedExecutable && !typedExecutable;
        boolean randomAgent = h.userAgent() != null && RANDOM_AGENT.matcher(h.userAgent()).matches();
        double score = (disguised ? 0.6 : 0.5) + (randomAgent ? 0.2 : 0);
        String url = "http://" + (h.hostname() == null ? server : h.hostname()) + h.url();
        StringBuilder what = new StringBuilder("downloads ");
        what.append(h.executable() ? "a Windows executable (MZ)" : "an executable").append(" from ").append(clip(url));
        if (!type.isEmpty()) {
            what.append(" (").append(type).append(h.length() >= 0 ? ", " + h.length() + " bytes" : "").append(')');
        }
        if (disguised) {
            what.append(", disguised: neither its name nor its type says executable");
        }
        if (randomAgent) {
            what.append(", asked for by user agent '").append(clip(h.userAgent())).append("'");
        }
        evidenceEmitted++;
        emit.accept(new EvidenceEvent(h.timestampNanos(), h.timestampNanos(), h.conn().srcIp(), server, "download", score,
                what.toString(), List.of("flow:" + h.conn().flowId())));
    }

    /** An executable fetched over FTP (RETR answered 2xx), as bots told to update themselves did. */
    private void ftp(FtpEvent f) {
        if (!"RETR".equals(f.command()) || f.arg() == null || f.replyCode() / 100 != 2 || !EXECUTABLE_NAME.matcher(f.arg()).matches()) {
            return;
        }
        long[] client = IpAddresses.parse(f.conn().srcIp());
        long[] server = IpAddresses.parse(f.conn().destIp());
        if (!homeNet.contains(client[0], client[1]) || homeNet.contains(server[0], server[1])) {
            return;
        }
        String peer = Endpoints.format(f.conn().destIp(), f.conn().destPort());
        if (!firstTime(f.conn().srcIp() + " " + peer + " " + f.arg())) {
            return;
        }
        evidenceEmitted++;
        emit.accept(new EvidenceEvent(f.timestampNanos(), f.timestampNanos(), f.conn().srcIp(), peer, "download", 0.6,
                "fetches the executable " + clip(f.arg()) + " over FTP from " + peer + (f.user() == null ? "" : " as user " + clip(f.user())),
                List.of("flow:" + f.conn().flowId())));
    }

    /**
     * Whether this download is new. Once MAX_REPORTED are remembered the oldest is forgotten, so a
     * download seen again much later is reported again rather than new ones never being reported
     * (as when the set simply stopped growing).
     */
    private boolean firstTime(String key) {
        return reported.put(key, Boolean.TRUE) == null;
    }

    private static String clip(String s) {
        return s.length() > 120 ? s.substring(0, 120) + "…" : s;
    }

    @Override
    public Map<String, Long> counters() {
        return Map.of("download.evidence", evidenceEmitted, "download.dedup_keys_forgotten", reported.evicted());
    }
}
