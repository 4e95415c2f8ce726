package org.hyakuyobako.simulate;

import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.SplittableRandom;
import org.hyakuyobako.decode.IpAddresses;

/**
 * Who plays what in a campaign scenario, and the start of every part: the botnets and their bots;
 * in the intranet the mail relay, the web proxy and which PCs run which benign programs; at the
 * honeypots the Internet's scanners and exploit attempts. Each part gets its own random source,
 * split from the scenario's in a fixed order.
 */
final class CampaignCast {
    /** Profile mixed: the poll botnet beside the IRC and encrypted push ones comes in this share of scenarios. */
    static final double POLL_BOTNET_SHARE = 0.5;
    static final int MIN_ENCRYPTED_BOTNETS = 2;
    static final int MAX_ENCRYPTED_BOTNETS = 3;
    /** Shares of intranet workstations, per scenario: chat users, backup clients, proxy users, and direct browsers among the rest. */
    static final double MIN_CHAT_SHARE = 0.2;
    static final double MAX_CHAT_SHARE = 0.4;
    static final double MIN_BACKUP_SHARE = 0.15;
    static final double MAX_BACKUP_SHARE = 0.4;
    static final double MIN_PROXY_SHARE = 0.2;
    static final double MAX_PROXY_SHARE = 0.4;
    static final double MIN_BROWSER_SHARE = 0.7;
    static final double MAX_BROWSER_SHARE = 0.95;
    /** Honeypots that run a backup agent. */
    static final int MAX_HONEYPOT_BACKUPS = 2;
    /** People on public IRC (profile mixed, intranet), and when they log on. */
    static final int MIN_IRC_PEOPLE = 3;
    static final int MAX_IRC_PEOPLE = 8;
    static final double IRC_LOGON_WINDOW_S = 600;
    /** The benign IRC server lives in 198.51.100.0/24, which the address book never hands out. */
    private static final int IRC_NETWORK = 0xC633_6400;
    private static final int IRC_HOSTS = 250;

    private final World w;
    private final CampaignScenario.Profile profile;
    private final SplittableRandom root;
    private final SplittableRandom r;

    CampaignCast(World w, CampaignScenario.Profile profile, SplittableRandom root) {
        this.w = w;
        this.profile = profile;
        this.root = root;
        this.r = root.split();
    }

    void play() {
        if (w.intranet()) {
            intranet();
        } else {
            honeypots();
        }
    }

    /** Mixed: IRC, an encrypted push kind and maybe a poller; encrypted: 2–3 of the encrypted kinds. In random order. */
    private List<ChannelKind> botnetKinds() {
        List<ChannelKind> kinds = new ArrayList<>();
        if (profile == CampaignScenario.Profile.mixed) {
            kinds.add(ChannelKind.irc);
            kinds.add(r.nextBoolean() ? ChannelKind.tls : ChannelKind.binary);
            if (Draws.chance(r, POLL_BOTNET_SHARE)) {
                kinds.add(r.nextBoolean() ? ChannelKind.http : ChannelKind.https);
            }
        } else {
            for (int i = Draws.between(r, MIN_ENCRYPTED_BOTNETS, MAX_ENCRYPTED_BOTNETS); i > 0; i--) {
                kinds.add(ChannelKind.ENCRYPTED[r.nextInt(ChannelKind.ENCRYPTED.length)]);
            }
        }
        return Draws.sample(r, kinds, kinds.size());
    }

    private Set<MonitoredHost> startBotnets(List<ChannelKind> kinds, List<List<MonitoredHost>> bots) {
        Set<MonitoredHost> infected = new HashSet<>();
        for (int i = 0; i < kinds.size(); i++) {
            new CampaignBotnet(w, root.split(), i + 1, kinds.get(i), bots.get(i)).start();
            infected.addAll(bots.get(i));
        }
        return infected;
    }

    private void honeypots() {
        List<MonitoredHost> honeypots = w.network.hosts();
        List<ChannelKind> kinds = botnetKinds();
        startBotnets(kinds, Infections.honeypots(honeypots, kinds.size(), r));
        everyHost(honeypots);
        new BackupJobs(w, root.split()).start(Draws.sample(r, honeypots, r.nextInt(MAX_HONEYPOT_BACKUPS + 1)));
        new BackgroundRadiation(w, root.split()).start();
        ExploitAttempts exploits = new ExploitAttempts(w, root.split());
        honeypots.forEach(exploits::start);
    }

    /** What honeypots and PCs alike do: look-ups, NTP, two updaters. */
    private void everyHost(List<MonitoredHost> hosts) {
        HostRoutine routine = new HostRoutine(w, root.split());
        hosts.forEach(routine::start);
        new Updaters(w, root.split()).start(hosts);
    }

    private void intranet() {
        List<MonitoredHost> hosts = w.network.hosts();
        List<MonitoredHost> servers = Draws.sample(r, hosts, 2);
        MonitoredHost relay = servers.get(0);
        MonitoredHost proxyHost = servers.get(1);
        List<MonitoredHost> workstations = new ArrayList<>(hosts);
        workstations.removeAll(servers);
        // The site's own resolver, drawn from its own source so the rest of the seed stays as it was.
        SplittableRandom siteRandom = new SplittableRandom(w.start ^ 0x5EED_0F_DA7AL);
        MonitoredHost resolverHost = workstations.remove(siteRandom.nextInt(workstations.size()));
        w.useInternalResolver(new InternalResolver(w, resolverHost));
        MonitoredHost updateHost = workstations.remove(siteRandom.nextInt(workstations.size()));
        UpdateServer updates = new UpdateServer(w, new SplittableRandom(siteRandom.nextLong()), updateHost);
        List<ChannelKind> kinds = botnetKinds();
        Set<MonitoredHost> infected = startBotnets(kinds, Infections.intranet(workstations, kinds.size(), r));
        w.truth.firewallPublicIp = IpAddresses.formatV4(w.book.fresh(r));
        w.truth.staticNat.put(relay.text(), IpAddresses.formatV4(w.book.fresh(r)));

        everyHost(hosts);
        new ManagementPush(w, root.split()).start(hosts);
        ChatService chat = new ChatService(w, root.split());
        share(workstations, MIN_CHAT_SHARE, MAX_CHAT_SHARE).forEach(chat::start);
        new BackupJobs(w, root.split()).start(share(workstations, MIN_BACKUP_SHARE, MAX_BACKUP_SHARE));
        browsing(workstations, proxyHost);
        new MailRelay(w, root.split(), relay, workstations).start();
        updates.start(workstations);
        if (profile == CampaignScenario.Profile.mixed) {
            ircPeople(workstations, infected);
        }
    }

    /** A share of {@code hosts} drawn per scenario in [lo, hi]. */
    private List<MonitoredHost> share(List<MonitoredHost> hosts, double lo, double hi) {
        return Draws.sample(r, hosts, (int) Math.round(hosts.size() * Draws.between(r, lo, hi)));
    }

    private void browsing(List<MonitoredHost> workstations, MonitoredHost proxyHost) {
        WebSites web = new WebSites(w, root.split());
        Browsing browsing = new Browsing(w, root.split(), web);
        WebProxy proxy = new WebProxy(w, root.split(), proxyHost);
        List<MonitoredHost> proxied = share(workstations, MIN_PROXY_SHARE, MAX_PROXY_SHARE);
        double browsers = Draws.between(r, MIN_BROWSER_SHARE, MAX_BROWSER_SHARE);
        for (MonitoredHost h : workstations) {
            if (proxied.contains(h)) {
                browsing.start(h, proxy);
            } else if (Draws.chance(r, browsers)) {
                browsing.start(h, browsing.direct());
            }
        }
    }

    private void ircPeople(List<MonitoredHost> workstations, Set<MonitoredHost> infected) {
        int server = IRC_NETWORK | (1 + r.nextInt(IRC_HOSTS));
        w.benign(server, "irc-server");
        BenignIrc irc = new BenignIrc(w.sim, r.nextLong(), server);
        List<MonitoredHost> clean = new ArrayList<>(workstations);
        clean.removeAll(infected);
        int index = 0;
        for (MonitoredHost h : Draws.sample(r, clean, Draws.between(r, MIN_IRC_PEOPLE, MAX_IRC_PEOPLE))) {
            irc.person(h.address(), h.sensor(), w.start + Draws.nanosBetween(r, 0, IRC_LOGON_WINDOW_S), index++);
        }
    }
}
