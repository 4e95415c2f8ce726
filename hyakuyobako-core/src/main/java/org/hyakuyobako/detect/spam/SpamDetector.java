package org.hyakuyobako.detect.spam;

import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.function.Consumer;
import org.hyakuyobako.detect.LruMap;
import java.util.regex.Pattern;
import org.hyakuyobako.decode.IpAddresses;
import org.hyakuyobako.event.Endpoints;
import org.hyakuyobako.event.Event;
import org.hyakuyobako.event.EvidenceEvent;
import org.hyakuyobako.event.FlowEvent;
import org.hyakuyobako.event.SmtpEvent;
import org.hyakuyobako.flow.FlowRecord;
import org.hyakuyobako.net.Cidr;
import org.hyakuyobako.net.HomeNet;
import org.hyakuyobako.pipeline.EventObserver;

/**
 * Spam (D6, seed 000: a zombie sends about 6,890 mails an hour, a few to each of many MTAs) from
 * SMTP connections ({@code flow} events to mail ports, readable or not) and mails ({@code smtp}
 * events) of monitored hosts that are not configured mail servers, per hour of packet time:
 * <ul>
 *   <li>connections to {@link #MTAS} or more distinct mail servers: 0.85;</li>
 *   <li>{@link #MAILS} or more mails, or {@link #RECIPIENTS} or more recipients: 0.85;</li>
 *   <li>one mail that looks like malspam, scored from its signs (combined as independent chances): a
 *       HELO naming a public address that is not the sender's own (a bot behind NAT announcing the
 *       address it looked up) 0.6, a private one 0.3; an attachment of a kind that runs code (Office
 *       macro documents, executables, scripts) 0.4, and 0.5 more when its declared type is one that
 *       cannot (a macro workbook declared as a plain workbook, an executable as a picture); a login
 *       without STARTTLS on the submission port 0.3; sent through a proxy tunnel 0.5.</li>
 * </ul>
 * A host that other hosts deliver mail to (SMTP connections carrying a mail, from
 * {@link #MAIL_SERVER_CLIENTS} or more distinct clients) is a mail server, learned from traffic as
 * {@code --mail-server} would have named it: a relay delivering its users' mail to many MTAs all day
 * is doing its job. Because the role may show only after the first deliveries, a host's volume and
 * rotation evidence of an hour is held until its next mail after that hour (or the end of the input)
 * and dropped if the host turned out to be a mail server; malspam signs, read from a mail's content,
 * are evidence at once whatever the role.
 */
public final class SpamDetector implements EventObserver {
    /** Distinct clients delivering mail to a host that make it a mail server. */
    static final int MAIL_SERVER_CLIENTS = 3;
    /** A connection to port 25 carrying this much (both ways) delivered a mail; a scanner's probe or banner grab does not. */
    static final long MIN_MAIL_BYTES = 1_000;
    /** Evidence held per host and hour at most; more is counted ({@code spam.evidence_not_held}). */
    static final int MAX_PENDING = 64;
    static final long HOUR_NANOS = 3_600_000_000_000L;
    static final int MTAS = 5;
    static final int MAILS = 20;
    static final int RECIPIENTS = 50;
    static final Set<Integer> MAIL_PORTS = Set.of(25, 465, 587, 2525);
    private static final Pattern ADDRESS_LITERAL = Pattern.compile("\\[?(?:IPv6:)?([0-9a-fA-F.:]+)]?");
    private static final Pattern RISKY_ATTACHMENT = Pattern.compile(
            "(?i).*\\.(xlsm|xlsb|xls|docm|doc|pptm|dotm|exe|scr|pif|com|bat|cmd|js|jse|vbs|vbe|wsf|hta|ps1|jar|lnk|iso|img|zip|rar|7z)$");
    static final int MAX_HOSTS = 100_000;

    private final HomeNet homeNet;
    private final List<Cidr> mailServers;
    private final Consumer<Event> emit;
    private final Map<String, HostMail> hosts = new LruMap<>(MAX_HOSTS, this::release);
    private long evidenceEmitted;

    private static final class HostMail {
        long hourStart;
        final Set<String> mtas = new HashSet<>();
        long mails;
        long recipients;
        long firstInHour;
        final Set<String> reported = new HashSet<>();
        /** Evidence of the current hour, emitted when it ends unless the host is a mail server by then. */
        final List<EvidenceEvent> pending = new ArrayList<>();
    }

    /** Hosts that receive mail, with the distinct clients seen delivering to them (capped). */
    private final Map<String, Set<String>> mailClients = new LruMap<>(MAX_HOSTS);
    private long mailServersLearned;
    private long notHeld;

    public SpamDetector(HomeNet homeNet, List<Cidr> mailServers, Consumer<Event> emit) {
        this.homeNet = homeNet;
        this.mailServers = List.copyOf(mailServers);
        this.emit = emit;
    }

    @Override
    public void accept(Event event) {
        if (event instanceof FlowEvent f) {
            flow(f);
        } else if (event instanceof SmtpEvent m) {
            mail(m);
        }
    }

    private HostMail host(String ip, long at) {
        long[] a = IpAddresses.parse(ip);
        if (!homeNet.contains(a[0], a[1])) {
            return null;
        }
        for (Cidr c : mailServers) {
            if (c.contains(a[0], a[1])) {
                return null;
            }
        }
        HostMail h = hosts.computeIfAbsent(ip, k -> new HostMail());
        if (at - h.hourStart > HOUR_NANOS) {
            release(ip, h);
            h.hourStart = at;
            h.firstInHour = at;
            h.mtas.clear();
            h.mails = 0;
            h.recipients = 0;
        }
        return h;
    }

    private void flow(FlowEvent f) {
        FlowRecord r = f.flow();
        if (!"TCP".equals(r.protoName()) || !MAIL_PORTS.contains(r.destPort()) || !answered(r)) {
            return;
        }
        if (r.origSeqBytes() + r.respSeqBytes() >= MIN_MAIL_BYTES) {
            receives(f.destIp(), f.srcIp());    // a mail was delivered to it, not a probe of its port 25
        }
        HostMail h = host(f.srcIp(), r.startNanos());
        if (h == null) {
            return;
        }
        if (h.mtas.size() < 10_000) {
            h.mtas.add(f.destIp());
        }
        if (h.mtas.size() >= MTAS) {
            once(h, "mtas", f.srcIp(), null, r.startNanos(), 0.85, String.format(
                    "sends mail to %d mail servers within %.0f min, though it is no mail server (a spam bot rotating its MTAs)",
                    h.mtas.size(), (r.startNanos() - h.firstInHour) / 60e9), List.of("flow:" + r.flowId()));
        }
    }

    private void mail(SmtpEvent m) {
        HostMail h = host(m.conn().srcIp(), m.timestampNanos());
        if (h == null) {
            return;
        }
        h.mails++;
        h.recipients += m.rcptTo().size();
        String server = Endpoints.format(m.conn().destIp(), m.conn().destPort());
        if (h.mails >= MAILS || h.recipients >= RECIPIENTS) {
            once(h, "volume", m.conn().srcIp(), null, m.timestampNanos(), 0.85, String.format(
                    "sends %d mails to %d recipients within %.0f min, though it is no mail server", h.mails, h.recipients,
                    (m.timestampNanos() - h.firstInHour) / 60e9), List.of("flow:" + m.conn().flowId()));
        }
        List<String> signs = new ArrayList<>();
        double doubt = 1;
        String literal = helloLiteral(m.helo());
        if (literal != null && !literal.equals(m.conn().srcIp())) {
            // A public address it is not sending from: the client asked the Internet for its NAT
            // address, which spam bots do and mail programs do not.
            boolean publicLiteral = !isPrivate(literal);
            signs.add("greets as " + m.helo() + ", not its own address " + m.conn().srcIp());
            doubt *= publicLiteral ? 0.4 : 0.7;
        }
        for (String a : m.attachments()) {
            String entry = a.strip();
            int space = entry.indexOf(' ');
            String name = space < 0 ? entry : entry.substring(space + 1).strip();
            String type = space < 0 ? "" : entry.substring(0, space);
            if (RISKY_ATTACHMENT.matcher(name).matches()) {
                signs.add("attaches " + clip(name) + ", which can run code");
                doubt *= 0.6;
                if (AttachmentTypes.declaredHarmless(type)) {
                    signs.add("declared as " + clip(type) + ", a kind that cannot (a disguise)");
                    doubt *= 0.5;
                }
                break;
            }
        }
        if (m.auth() != null && !m.tls() && m.conn().destPort() == 587) {
            // Mail programs send credentials for submission only inside STARTTLS; bots with stolen
            // accounts often do not bother.
            signs.add("logs in without TLS on the submission port");
            doubt *= 0.7;
        }
        if (!MAIL_PORTS.contains(m.conn().destPort())) {
            signs.add("through a proxy tunnel (port " + m.conn().destPort() + ")");
            doubt *= 0.5;
        }
        if (!signs.isEmpty()) {
            once(h, "malspam " + server, m.conn().srcIp(), server, m.timestampNanos(), 1 - doubt,
                    "sends a mail that looks like malspam to " + server + " (from " + m.mailFrom() + " to " + m.rcptTo().size()
                            + " recipient(s)): " + String.join("; ", signs), List.of("flow:" + m.conn().flowId()));
        }
    }

    private static boolean isPrivate(String address) {
        long[] a = IpAddresses.parse(address);
        return PRIVATE.contains(a[0], a[1]);
    }

    private static final HomeNet PRIVATE = HomeNet.privateRanges();

    /** The address in a HELO such as {@code [173.66.46.97]}, or null when it names a host. */
    static String helloLiteral(String helo) {
        if (helo == null) {
            return null;
        }
        var matcher = ADDRESS_LITERAL.matcher(helo.strip());
        if (!matcher.matches()) {
            return null;
        }
        try {
            long[] a = IpAddresses.parse(matcher.group(1));
            return IpAddresses.format(a[0], a[1]).toLowerCase(Locale.ROOT);
        } catch (IllegalArgumentException e) {
            return null;
        }
    }

    private void once(HostMail h, String what, String host, String peer, long at, double score, String summary, List<String> refs) {
        if (!h.reported.add(what)) {
            return;
        }
        EvidenceEvent e = new EvidenceEvent(at, at, host, peer, "spam", score, summary, refs);
        if (what.startsWith("malspam")) {
            // What a mail's content shows is evidence whatever the host's role: emitted at once.
            evidenceEmitted++;
            emit.accept(e);
        } else if (h.pending.size() < MAX_PENDING) {
            h.pending.add(e);
        } else {
            notHeld++;
        }
    }

    /** A connection answered: packets back, or (a log without a split) payload at all. */
    private static boolean answered(FlowRecord r) {
        return r.pktsToClient() > 0 || r.pktsToServer() == 0 && r.origSeqBytes() + r.respSeqBytes() > 0;
    }

    /** A monitored host received mail from a client: enough distinct clients make it a mail server. */
    private void receives(String server, String client) {
        long[] a = IpAddresses.parse(server);
        if (!homeNet.contains(a[0], a[1])) {
            return;
        }
        Set<String> clients = mailClients.computeIfAbsent(server, k -> new HashSet<>());
        if (clients.size() < MAIL_SERVER_CLIENTS && clients.add(client) && clients.size() == MAIL_SERVER_CLIENTS) {
            mailServersLearned++;
        }
    }

    private boolean mailServer(String host) {
        Set<String> clients = mailClients.get(host);
        return clients != null && clients.size() >= MAIL_SERVER_CLIENTS;
    }

    /** The hour is over: its evidence goes out, unless the host has shown itself a mail server. */
    private void release(String host, HostMail h) {
        if (!mailServer(host)) {
            for (EvidenceEvent e : h.pending) {
                evidenceEmitted++;
                emit.accept(e);
            }
        }
        h.pending.clear();
    }

    @Override
    public void finish() {
        for (Map.Entry<String, HostMail> e : hosts.entrySet()) {
            release(e.getKey(), e.getValue());
        }
    }

    private static String clip(String s) {
        return s.length() > 80 ? s.substring(0, 80) + "…" : s;
    }

    @Override
    public Map<String, Long> counters() {
        return Map.of("spam.evidence", evidenceEmitted, "spam.mail_servers_learned", mailServersLearned, "spam.evidence_not_held", notHeld);
    }
}
