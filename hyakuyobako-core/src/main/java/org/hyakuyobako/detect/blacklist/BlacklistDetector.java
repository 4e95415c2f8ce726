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
        ListEntry e = lists.addresses.lookup(peerHi, peerLo);
        if (e == null) {
            return;
        }
        matches++;
        String host = IpAddresses.format(hostHi, hostLo);
        String peer = IpAddresses.format(peerHi, peerLo);
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
        if (lists.domains.size() == 0 || p.payloadCaptured == 0) {
            return;
        }
        if (!homeNet.contains(p.srcHi, p.srcLo) || homeNet.contains(p.dstHi, p.dstLo)) {
            return;
        }
        String name = null;
        String where = null;
        if (p.protocol == IpProtocol.UDP && p.dstPort == 53) {
            name = PeerNames.dnsQueryName(p.payloadBuffer, p.payloadOffset, p.payloadCaptured);
            where = "DNS query";
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
        if (e == null) {
            return;
        }
        matches++;
        String host = IpAddresses.format(p.srcHi, p.srcLo);
        String key = host + "|" + where + "|" + name + "|" + e.list() + "|" + e.entry();
        Finding finding = findings.get(key);
        if (finding == null) {
            if (findings.size() >= MAX_FINDINGS) {
                findingsDropped++;
                return;
            }
            finding = new Finding(host, IpAddresses.format(p.dstHi, p.dstLo), e, p.record.timestampNanos);
            finding.name = name;
            finding.where = where;
            findings.put(key, finding);
        }
        finding.flows++;
        finding.last = Math.max(finding.last, p.record.timestampNanos);
        if (finding.references.size() < REFERENCES) {
            finding.references.add("flow:" + flow.flowId());
        }
    }

    @Override
    public void finish() {
        for (Finding f : findings.values()) {
            ListEntry e = f.entry;
            String summary = f.name == null
                    ? String.format("talked to %s, listed in %s (%s: entry %s, line %d) in %d flow(s)",
                            f.peer, e.list(), e.category(), e.entry(), e.line(), f.flows)
                    : String.format("asked for %s (%s), listed in %s (%s: entry %s, line %d) %d time(s)",
                            f.name, f.where, e.list(), e.category(), e.entry(), e.line(), f.flows);
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
        return c;
    }
}
