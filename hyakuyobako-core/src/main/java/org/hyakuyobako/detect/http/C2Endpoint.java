package org.hyakuyobako.detect.http;

import java.util.ArrayList;
import java.util.EnumMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.regex.Pattern;
import org.hyakuyobako.detect.SummaryText;
import org.hyakuyobako.event.HttpEvent;

/**
 * What one monitored host's HTTP requests to one server endpoint (address and port) showed: the
 * counts and the few values each {@link C2Sign} is judged on, in constant memory (the latest
 * {@link #MAX_TIMES} POST times, the first {@link #MAX_REFS} flows).
 */
final class C2Endpoint {
    static final int MAX_TIMES = 32;
    static final int MAX_REFS = 10;
    /** POSTs up to this many body bytes are "small": check-ins and reports, not uploads. */
    static final long SMALL_POST = 2_048;
    /** Ports web servers and proxies listen on; a bare address on any other is how C&C servers are reached. */
    static final Set<Integer> WEB_PORTS = Set.of(80, 443, 591, 3128, 8000, 8008, 8080, 8081, 8443, 8888);
    private static final Pattern IPV4 = Pattern.compile("\\d{1,3}(\\.\\d{1,3}){3}(:\\d*)?");
    private static final Pattern IPV6 = Pattern.compile("\\[?[0-9A-Fa-f:.]*:[0-9A-Fa-f:.]*]?(:\\d*)?");

    final String host;
    final String peer;
    final int port;
    long first;
    long last;
    private long requests;
    private boolean named;
    String agent;
    boolean manyAgents;
    private List<String> brokenRules = List.of();
    private final long[] postTimes = new long[MAX_TIMES];
    private long smallPosts;
    private long posts;
    private long formBodies;
    private long base64Bodies;
    private long executableAnswers;
    private long encodedAnswers;
    private String encodedKind;
    final List<String> references = new ArrayList<>();
    /** The score last reported for this endpoint (0: none yet), and with how many signs. */
    double reported;
    int reportedSigns;

    C2Endpoint(String host, String peer, int port) {
        this.host = host;
        this.peer = peer;
        this.port = port;
    }

    /** One exchange; {@code agent} is its user agent as the detector keeps it (clipped). */
    void add(HttpEvent h, String agent) {
        if (requests++ == 0) {
            first = h.timestampNanos();
        }
        last = Math.max(last, h.timestampNanos());
        if (references.size() < MAX_REFS && !references.contains("flow:" + h.conn().flowId())) {
            references.add("flow:" + h.conn().flowId());
        }
        named |= !bareAddress(h.hostname());
        agent(agent);
        boolean post = "POST".equals(h.method());
        HttpEvent.Bodies bodies = h.bodies();
        if (post) {
            posts++;
            if (bodies.requestBodyLength() < SMALL_POST) {
                postTimes[(int) (smallPosts++ % MAX_TIMES)] = h.timestampNanos();
            }
            if ("form".equals(bodies.requestBodyKind())) {
                formBodies++;
            } else if ("base64".equals(bodies.requestBodyKind())) {
                base64Bodies++;
            }
        }
        // Only answers to POSTs: an executable fetched by GET, even from an address, is a download
        // (the download method's), and the server that hands it out is no C&C for that.
        if (post && h.status() / 100 == 2) {
            String kind = bodies.responseBodyKind();
            if (h.executable() || "executable".equals(kind)) {
                executableAnswers++;
            } else if ("base64".equals(kind) || "binary".equals(kind)) {
                encodedAnswers++;
                encodedKind = encodedKind == null || encodedKind.equals(kind) ? kind : "base64 and binary";
            }
        }
    }

    private void agent(String sent) {
        if (sent == null) {
            return;
        }
        if (agent == null) {
            agent = sent;
            brokenRules = UserAgentContradictions.of(sent);
        } else if (!agent.equals(sent)) {
            manyAgents = true;
        }
    }

    /** The signs shown so far, each with its words for the summary; {@code rareAgent} from the population. */
    Map<C2Sign, String> signs(boolean rareAgent) {
        Map<C2Sign, String> signs = new EnumMap<>(C2Sign.class);
        if (!named) {
            if (WEB_PORTS.contains(port)) {
                signs.put(C2Sign.BARE_IP, "by address only (no host name)");
            } else {
                signs.put(C2Sign.BARE_IP_ODD_PORT, "by address only, on port " + port + " (not a web port)");
            }
        }
        if (!brokenRules.isEmpty()) {
            signs.put(C2Sign.AGENT_CONTRADICTS, "user agent '" + quoted(agent) + "' contradicts itself (" + String.join(", ", brokenRules) + ")");
        }
        if (rareAgent) {
            signs.put(C2Sign.AGENT_RARE, "user agent '" + quoted(agent) + "' is this host's alone, toward this server alone");
        }
        Periodicity timer = Periodicity.of(keptPostTimes());
        if (timer.regular()) {
            signs.put(C2Sign.PERIODIC_POSTS, smallPosts + " small POSTs every " + seconds(timer.medianNanos()) + " (MAD "
                    + Math.round(timer.relativeMad() * 100) + " % of it)");
        }
        if (base64Bodies > 0) {
            signs.put(C2Sign.BASE64_BODY, "posts base64 (" + base64Bodies + " of " + posts + " POSTs)");
        } else if (formBodies > 0) {
            signs.put(C2Sign.FORM_BODY, "posts form data (" + formBodies + " of " + posts + " POSTs)");
        }
        if (executableAnswers > 0) {
            signs.put(C2Sign.EXECUTABLE_ANSWER, "is answered with an executable (" + executableAnswers + " times)");
        } else if (encodedAnswers > 0) {
            signs.put(C2Sign.ENCODED_ANSWER, "is answered with " + encodedKind + " data (" + encodedAnswers + " times)");
        }
        return signs;
    }

    private long[] keptPostTimes() {
        return java.util.Arrays.copyOf(postTimes, (int) Math.min(smallPosts, MAX_TIMES));
    }

    /** Host header missing, or an address literal (with or without a port, IPv6 bracketed or not). */
    static boolean bareAddress(String hostHeader) {
        if (hostHeader == null || hostHeader.isBlank()) {
            return true;
        }
        String h = hostHeader.strip();
        return IPV4.matcher(h).matches() || h.indexOf(':') != h.lastIndexOf(':') && IPV6.matcher(h).matches()
                || h.startsWith("[") && IPV6.matcher(h).matches();
    }

    private static String quoted(String s) {
        return SummaryText.clip(s, 100).replace("'", "\\'");
    }

    private static String seconds(double nanos) {
        double s = nanos / 1e9;
        return s >= 100 ? Math.round(s) + " s" : String.format(Locale.ROOT, "%.1f s", s);
    }
}
