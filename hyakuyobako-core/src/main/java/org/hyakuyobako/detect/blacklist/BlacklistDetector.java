package org.hyakuyobako.detect.blacklist;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Consumer;
import org.hyakuyobako.decode.IpAddresses;
import org.hyakuyobako.event.Event;
import org.hyakuyobako.event.EvidenceEvent;
import org.hyakuyobako.flow.EndReason;
import org.hyakuyobako.flow.Flow;
import org.hyakuyobako.net.HomeNet;
import org.hyakuyobako.decode.DecodedPacket;
import org.hyakuyobako.decode.IpProtocol;
import org.hyakuyobako.pipeline.FlowObserver;
import org.hyakuyobako.pipeline.PacketObserver;

/**
 * Blacklists (D2) on flows: a monitored host that talked to a listed address gets {@code evidence}
 * (method {@code blacklist}) naming the list, the category and the entry that matched. One
 * evidence per (host, entry) at the end of the run, counting the flows and citing the first ones,
 * so a host that polls a listed C&C all day is one finding, not thousands of alerts.
 *
 * <p>Names are matched too, exactly or by parent domain: the name in a DNS query, an HTTP Host
 * header and a TLS ClientHello's server name, taken from the first packets a monitored host sends
 * (until TCP reassembly lands, a ClientHello split over two segments is not seen).
 */
public final class BlacklistDetector implements FlowObserver, PacketObserver {
    static final int MAX_FINDINGS = 100_000;
    static final int REFERENCES = 10;

    private final Blacklists lists;
    private final HomeNet homeNet;
    private final Consumer<Event> emit;
    private final Map<String, Finding> findings = new LinkedHashMap<>();
    private long matches;
    private long findingsDropped;

    private static final class Finding {
        final String host;
        final String peer;
        final ListEntry entry;
        final long first;
        long last;
        long flows;
        final List<String> references = new ArrayList<>();
        /** For name matches: the name and where it was seen. */
        String name;
        String where;

        Finding(String host, String peer, ListEntry entry, long first) {
            this.host = host;
            this.peer = peer;
            this.entry = entry;
            this.first = first;
            this.last = first;
        }
    }

    public BlacklistDetector(Blacklists lists, HomeNet homeNet, Consumer<Event> emit) {
        this.lists = lists;
        this.homeNet = homeNet;
        this.emit = emit;
    }

    @Override
    public void flowEnded(Flow f, EndReason reason) {
        boolean origHome = homeNet.contains(f.origHi(), f.origLo());
        boolean respHome = homeNet.contains(f.respHi(), f.respLo());
        if (origHome && !respHome) {
            check(f, f.origHi(), f.origLo(), f.respHi(), f.respLo());
        } else if (respHome && !origHome) {
            check(f, f.respHi(), f.respLo(), f.origHi(), f.origLo());
        }
    }

    private void check(Flow f, long hostHi, long hostLo, long peerHi, long peerLo) {
        if (lists.dnsbl != null && IpAddresses.isV4(peerHi, peerLo)) {
            rememberPeer(IpAddresses.format(peerHi, peerLo), IpAddresses.format(hostHi, hostLo), f);
        }
        ListEntry e = lists.addresses.lookup(peerHi, peerLo);
        if (e == null) {
            return;
        }
        String peer = IpAddresses.format(peerHi, peerLo);
        if (lists.allow.address(peer) != null) {
            allowListed++;
            return;
        }
        matches++;
        String host = IpAddresses.format(hostHi, hostLo);
        String key = host + "|" + peer + "|" + e.list() + "|" + e.entry();
        Finding finding = findings.get(key);
        if (finding == null) {
            if (findings.size() >= MAX_FINDINGS) {
                findingsDropped++;
                return;
            }
            finding = new Finding(host, peer, e, f.firstNanos());
            findings.put(key, finding);
        }
        finding.flows++;
        finding.last = Math.max(finding.last, f.lastNanos());
        if (finding.references.size() < REFERENCES) {
            finding.references.add("flow:" + f.flowId());
        }
    }

    /** Names in packets a monitored host sends to the outside. */
    @Override
    public void packet(DecodedPacket p, Flow flow) {
        if (p.payloadCaptured == 0) {
            return;
        }
        boolean srcHome = homeNet.contains(p.srcHi, p.srcLo);
        boolean dstHome = homeNet.contains(p.dstHi, p.dstLo);
        if (p.protocol == IpProtocol.UDP && p.srcPort == 53 && dstHome) {
            // Answers, from any resolver (often an internal one): the names and addresses it gave.
            dnsAnswer(p, flow);
            return;
        }
        if (lists.domains.size() == 0 || !srcHome) {
            return;
        }
        String name = null;
        String where = null;
        if (p.protocol == IpProtocol.UDP && p.dstPort == 53) {
            // Queries count whichever resolver they go to, inside or out.
            name = PeerNames.dnsQueryName(p.payloadBuffer, p.payloadOffset, p.payloadCaptured);
            where = "DNS query";
        } else if (dstHome) {
            return;
        } else if (p.protocol == IpProtocol.TCP) {
            int first = p.payloadBuffer.get(p.payloadOffset) & 0xFF;
            if (first == 0x16) {
                name = PeerNames.tlsServerName(p.payloadBuffer, p.payloadOffset, p.payloadCaptured);
                where = "TLS SNI";
            } else if (first >= 'C' && first <= 'P') {
                name = PeerNames.httpHost(p.payloadBuffer, p.payloadOffset, p.payloadCaptured);
                where = "HTTP Host";
            }
        }
        if (name == null) {
            return;
        }
        ListEntry e = lists.domains.lookup(name);
        if (e != null) {
            // A query's destination is the resolver, not the listed server: no peer, so the resolver
            // never becomes the host's C&C (and from there a shared indicator).
            String peer = p.protocol == IpProtocol.UDP && p.dstPort == 53 ? null : IpAddresses.format(p.dstHi, p.dstLo);
            nameMatch(IpAddresses.format(p.srcHi, p.srcLo), peer, name, where, e, p.record.timestampNanos, flow.flowId());
        }
    }

    /** A DNS answer to a monitored host: listed names (owner or CNAME target) and listed addresses. */
    private void dnsAnswer(DecodedPacket p, Flow flow) {
        byte[] bytes = new byte[p.payloadCaptured];
        p.payloadBuffer.get(p.payloadOffset, bytes);
        org.xbill.DNS.Message message;
        try {
            message = new org.xbill.DNS.Message(bytes);
        } catch (java.io.IOException e) {
            return; // malformed DNS is the DNS detector's finding, not ours
        }
        String host = IpAddresses.format(p.dstHi, p.dstLo);
        // The answering resolver is not the listed server: names have no peer, listed addresses are their own peer.
        String resolver = null;
        for (org.xbill.DNS.Record r : message.getSection(org.xbill.DNS.Section.ANSWER)) {
            String owner = r.getName().toString(true);
            ListEntry e = lists.domains.lookup(owner);
            if (e != null) {
                nameMatch(host, resolver, owner, "DNS answer", e, p.record.timestampNanos, flow.flowId());
            }
            if (r instanceof org.xbill.DNS.CNAMERecord c) {
                String target = c.getTarget().toString(true);
                ListEntry t = lists.domains.lookup(target);
                if (t != null) {
                    nameMatch(host, resolver, target, "DNS answer", t, p.record.timestampNanos, flow.flowId());
                }
            }
            java.net.InetAddress address = r instanceof org.xbill.DNS.ARecord a ? a.getAddress()
                    : r instanceof org.xbill.DNS.AAAARecord aaaa ? aaaa.getAddress() : null;
            if (address != null) {
                String text = address.getHostAddress();
                ListEntry listed = lists.addresses.lookup(text);
                if (listed != null && lists.allow.address(text) != null) {
                    allowListed++;
                } else if (listed != null) {
                    String answered = IpAddresses.format(IpAddresses.parse(text)[0], IpAddresses.parse(text)[1]);
                    nameMatch(host, answered, owner + " -> " + answered, "DNS answer", listed, p.record.timestampNanos, flow.flowId());
                }
            }
        }
    }

    private void nameMatch(String host, String peer, String name, String where, ListEntry e, long time, long flowId) {
        if (lists.allow.name(name) != null) {
            allowListed++;
            return;
        }
        matches++;
        String key = host + "|" + where + "|" + name + "|" + e.list() + "|" + e.entry();
        Finding finding = findings.get(key);
        if (finding == null) {
            if (findings.size() >= MAX_FINDINGS) {
                findingsDropped++;
                return;
            }
            finding = new Finding(host, peer, e, time);
            finding.name = name;
            finding.where = where;
            findings.put(key, finding);
        }
        finding.flows++;
        finding.last = Math.max(finding.last, time);
        if (finding.references.size() < REFERENCES) {
            finding.references.add("flow:" + flowId);
        }
    }

    /** Outside peers to ask the DNSBL zones about at the end, with the hosts that talked to them. */
    private final Map<String, PeerContact> dnsblPeers = new LinkedHashMap<>();
    static final int MAX_DNSBL_PEERS = 100_000;

    private record PeerContact(List<String> hosts, long[] times, List<String> references) {
    }

    private void rememberPeer(String peer, String host, Flow f) {
        PeerContact c = dnsblPeers.get(peer);
        if (c == null) {
            if (dnsblPeers.size() >= MAX_DNSBL_PEERS) {
                return;
            }
            c = new PeerContact(new ArrayList<>(2), new long[] {f.firstNanos(), f.lastNanos()}, new ArrayList<>(2));
            dnsblPeers.put(peer, c);
        }
        if (!c.hosts().contains(host) && c.hosts().size() < 100) {
            c.hosts().add(host);
        }
        c.times()[1] = Math.max(c.times()[1], f.lastNanos());
        if (c.references().size() < REFERENCES) {
            c.references().add("flow:" + f.flowId());
        }
    }

    /** Asks the DNSBL zones about every remembered peer (cached, rate-limited, capped). */
    private void checkDnsbl() {
        for (Map.Entry<String, PeerContact> e : dnsblPeers.entrySet()) {
            if (lists.allow.address(e.getKey()) != null) {
                allowListed++;
                continue;
            }
            for (DnsblChecker.Listing l : lists.dnsbl.check(e.getKey())) {
                dnsblListed++;
                for (String host : e.getValue().hosts()) {
                    String summary = String.format("talked to %s, listed by DNSBL %s (%s: %s)", e.getKey(), l.zone(), l.code(),
                            l.meaning());
                    emit.accept(new EvidenceEvent(e.getValue().times()[0], e.getValue().times()[1], host, e.getKey(),
                            "blacklist", 0.8, summary, List.copyOf(e.getValue().references())));
                }
            }
        }
    }

    private long dnsblListed;
    /** Matches not reported because a warning list allows the peer or the name. */
    private long allowListed;

    @Override
    public void finish() {
        if (lists.dnsbl != null) {
            checkDnsbl();
        }
        for (Finding f : findings.values()) {
            ListEntry e = f.entry;
            String summary = f.name == null
                    ? String.format("talked to %s, listed in %s (%s: entry %s, line %d) in %d flow(s)",
                            f.peer, e.list(), e.category(), e.entry(), e.line(), f.flows)
                    : String.format("%s %s (%s), listed in %s (%s: entry %s, line %d) %d time(s)",
                            f.where.equals("DNS answer") ? "was answered" : "asked for", f.name, f.where, e.list(), e.category(),
                            e.entry(), e.line(), f.flows);
            emit.accept(new EvidenceEvent(f.first, f.last, f.host, f.peer, "blacklist", e.confidence(), summary,
                    List.copyOf(f.references)));
        }
    }

    @Override
    public Map<String, Long> counters() {
        Map<String, Long> c = new LinkedHashMap<>();
        c.put("blacklist.flow_matches", matches);
        c.put("blacklist.findings", (long) findings.size());
        c.put("blacklist.findings_dropped", findingsDropped);
        c.put("blacklist.allow_listed", allowListed);
        if (lists.dnsbl != null) {
            c.put("blacklist.dnsbl_queries", lists.dnsbl.queries());
            c.put("blacklist.dnsbl_failures", lists.dnsbl.failures());
            c.put("blacklist.dnsbl_listed", dnsblListed);
        }
        return c;
    }
}
