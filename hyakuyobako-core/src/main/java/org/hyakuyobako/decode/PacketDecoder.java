package org.hyakuyobako.decode;

import java.nio.ByteBuffer;
import java.util.List;
import org.hyakuyobako.source.InputDiagnostics;
import org.hyakuyobako.source.PacketRecord;
import org.hyakuyobako.source.SkipReason;

/**
 * Decodes link, IP and transport headers of a captured packet into a reused {@link DecodedPacket},
 * reading fields straight from the capture buffer (no copy, no allocation per packet).
 *
 * <p>Hand-written rather than pcap4j's packet factory, which builds an object per header per
 * packet: that churn is exactly what the hot path must avoid.
 *
 * <pre>
 * Ethernet:  0 dst(6) 6 src(6) 12 ethertype(2) [802.1Q/802.1ad tags of 4 bytes each] payload
 * Linux SLL: 0 packet type 2 ARPHRD 4 addr len 6 addr(8) 14 protocol(2) 16 payload
 * SLL2:      0 protocol(2) 2 reserved 4 ifindex 8 ARPHRD 10 packet type 11 addr len 12 addr(8) 20 payload
 * IPv4:      0 ver/ihl 1 tos 2 total len 4 id 6 flags/frag off 8 ttl 9 proto 10 csum 12 src 16 dst 20 options
 * IPv6:      0 ver/tc/flow 4 payload len 6 next hdr 7 hop limit 8 src(16) 24 dst(16) 40 ext headers
 * TCP:       0 sport 2 dport 4 seq 8 ack 12 data offset 13 flags 14 window 16 csum 18 urg 20 options
 * UDP:       0 sport 2 dport 4 length 6 csum
 * ICMP:      0 type 1 code 2 csum
 * </pre>
 */
public final class PacketDecoder {
    static final int ETHERTYPE_IPV4 = 0x0800;
    static final int ETHERTYPE_ARP = 0x0806;
    static final int ETHERTYPE_IPV6 = 0x86DD;
    static final int ETHERTYPE_VLAN = 0x8100;
    static final int ETHERTYPE_QINQ = 0x88A8;
    static final int ETHERTYPE_QINQ_OLD = 0x9100;
    static final int ETHERTYPE_QINQ_OLD2 = 0x9200;
    static final int ETHERTYPE_PPPOE_SESSION = 0x8864;
    static final int ETHERTYPE_MPLS = 0x8847;
    static final int ETHERTYPE_MPLS_MULTICAST = 0x8848;
    static final int PPP_IPV4 = 0x0021;
    static final int PPP_IPV6 = 0x0057;
    static final int MAX_VLAN_TAGS = 8;
    static final int MAX_MPLS_LABELS = 16;
    static final int MAX_IPV6_EXTENSIONS = 16;

    private final InputDiagnostics diagnostics;
    private final List<String> fileNames;
    private final FragmentReassembler fragments;
    private ArpObserver arpObserver;
    private final boolean verifyChecksums;
    private long packets;
    private long ipPackets;

    /**
     * @param fileNames names of the inputs by file id, for messages with file and offset
     * @param verifyChecksums whether to verify IPv4, TCP, UDP and ICMP checksums (bad ones are counted, never dropped)
     */
    public PacketDecoder(InputDiagnostics diagnostics, List<String> fileNames, boolean verifyChecksums) {
        this.diagnostics = diagnostics;
        this.fileNames = fileNames;
        this.verifyChecksums = verifyChecksums;
        this.fragments = new FragmentReassembler(1024, 30_000_000_000L);
    }

    public FragmentReassembler fragments() {
        return fragments;
    }

    public long packets() {
        return packets;
    }

    public long ipPackets() {
        return ipPackets;
    }

    /**
     * Decodes one packet.
     *
     * @return true when {@code out} holds an IP datagram ready for flows; false for non-IP frames,
     *     damaged headers (counted) and fragments still waiting for the rest of their datagram
     */
    public boolean decode(PacketRecord r, DecodedPacket out) {
        packets++;
        out.record = r;
        out.reassembled = false;
        out.wireLength = r.wireLength;
        out.frames = 1;
        ByteBuffer b = r.buffer;
        int start = r.offset;
        int end = start + r.capturedLength;
        switch (r.linkType) {
            case LinkType.ETHERNET:
                return decodeEthernet(r, b, start, end, out);
            case LinkType.LINUX_SLL:
                if (!need(r, start, end, 16)) {
                    return false;
                }
                return decodeEthertype(r, b, b.getShort(start + 14) & 0xFFFF, start + 16, end, out);
            case LinkType.LINUX_SLL2:
                if (!need(r, start, end, 20)) {
                    return false;
                }
                return decodeEthertype(r, b, b.getShort(start) & 0xFFFF, start + 20, end, out);
            case LinkType.RAW, LinkType.RAW_12, LinkType.RAW_14:
                return decodeByVersionNibble(r, b, start, end, out);
            case LinkType.IPV4:
                return decodeIpv4(r, b, start, end, out);
            case LinkType.IPV6:
                return decodeIpv6(r, b, start, end, out);
            case LinkType.NULL, LinkType.LOOP:
                return decodeLoopback(r, b, start, end, out);
            default:
                diagnostics.count(SkipReason.UNSUPPORTED_LINK_TYPE, 1);
                return false;
        }
    }

    private boolean need(PacketRecord r, int start, int end, int length) {
        if (end - start >= length) {
            return true;
        }
        truncated(r, "packet of " + (end - r.offset) + " captured bytes is too short for its headers");
        return false;
    }

    private void truncated(PacketRecord r, String detail) {
        diagnostics.report(SkipReason.TRUNCATED_PACKET, fileName(r), r.fileOffset, detail);
    }

    private String fileName(PacketRecord r) {
        return r.fileId >= 0 && r.fileId < fileNames.size() ? fileNames.get(r.fileId) : "input " + r.fileId;
    }

    private boolean decodeEthernet(PacketRecord r, ByteBuffer b, int start, int end, DecodedPacket out) {
        if (!need(r, start, end, 14)) {
            return false;
        }
        int type = b.getShort(start + 12) & 0xFFFF;
        int o = start + 14;
        int tags = 0;
        while (type == ETHERTYPE_VLAN || type == ETHERTYPE_QINQ || type == ETHERTYPE_QINQ_OLD || type == ETHERTYPE_QINQ_OLD2) {
            if (++tags > MAX_VLAN_TAGS || !need(r, o, end, 4)) {
                return false;
            }
            type = b.getShort(o + 2) & 0xFFFF;
            o += 4;
        }
        return decodeEthertype(r, b, type, o, end, out);
    }

    private boolean decodeEthertype(PacketRecord r, ByteBuffer b, int type, int o, int end, DecodedPacket out) {
        switch (type) {
            case ETHERTYPE_IPV4:
                return decodeIpv4(r, b, o, end, out);
            case ETHERTYPE_IPV6:
                return decodeIpv6(r, b, o, end, out);
            case ETHERTYPE_PPPOE_SESSION: {
                if (!need(r, o, end, 8)) {
                    return false;
                }
                int ppp = b.getShort(o + 6) & 0xFFFF;
                if (ppp == PPP_IPV4) {
                    return decodeIpv4(r, b, o + 8, end, out);
                }
                if (ppp == PPP_IPV6) {
                    return decodeIpv6(r, b, o + 8, end, out);
                }
                diagnostics.count(SkipReason.NON_IP, 1);
                return false;
            }
            case ETHERTYPE_MPLS, ETHERTYPE_MPLS_MULTICAST: {
                int p = o;
                for (int i = 0; i < MAX_MPLS_LABELS; i++) {
                    if (!need(r, p, end, 4)) {
                        return false;
                    }
                    boolean bottom = (b.get(p + 2) & 0x01) != 0;
                    p += 4;
                    if (bottom) {
                        return decodeByVersionNibble(r, b, p, end, out);
                    }
                }
                diagnostics.count(SkipReason.NON_IP, 1);
                return false;
            }
            case ETHERTYPE_ARP:
                arp(r, b, o, end);
                diagnostics.count(SkipReason.NON_IP, 1);
                return false;
            default:
                diagnostics.count(SkipReason.NON_IP, 1);
                return false;
        }
    }

    /** Ethernet/IPv4 ARP (RFC 826): opcode, sender and target protocol addresses, to the ARP observer. */
    private void arp(PacketRecord r, ByteBuffer b, int o, int end) {
        if (arpObserver == null || end - o < 28 || (b.getShort(o) & 0xFFFF) != 1 || (b.getShort(o + 2) & 0xFFFF) != ETHERTYPE_IPV4
                || (b.get(o + 4) & 0xFF) != 6 || (b.get(o + 5) & 0xFF) != 4) {
            return;
        }
        arpObserver.arp(r.timestampNanos, r.sensorId, b.getShort(o + 6) & 0xFFFF, b.getInt(o + 14), b.getInt(o + 24));
    }

    /** Where ARP packets go (none by default). */
    public void setArpObserver(ArpObserver observer) {
        this.arpObserver = observer;
    }

    private boolean decodeByVersionNibble(PacketRecord r, ByteBuffer b, int o, int end, DecodedPacket out) {
        if (!need(r, o, end, 1)) {
            return false;
        }
        int version = (b.get(o) & 0xF0) >>> 4;
        if (version == 4) {
            return decodeIpv4(r, b, o, end, out);
        }
        if (version == 6) {
            return decodeIpv6(r, b, o, end, out);
        }
        diagnostics.count(SkipReason.NON_IP, 1);
        return false;
    }

    private boolean decodeLoopback(PacketRecord r, ByteBuffer b, int o, int end, DecodedPacket out) {
        if (!need(r, o, end, 4)) {
            return false;
        }
        int family = b.getInt(o);
        if (r.linkType == LinkType.NULL && (family & 0xFFFF) == 0) {
            // DLT_NULL stores the family in the capturing host's byte order; most are little-endian.
            family = Integer.reverseBytes(family);
        }
        return switch (family) {
            case 2 -> decodeIpv4(r, b, o + 4, end, out);
            case 10, 24, 28, 30 -> decodeIpv6(r, b, o + 4, end, out);
            default -> decodeByVersionNibble(r, b, o + 4, end, out);
        };
    }

    private boolean badIp(PacketRecord r, String detail) {
        diagnostics.report(SkipReason.BAD_IP_HEADER, fileName(r), r.fileOffset, detail);
        return false;
    }

    private boolean decodeIpv4(PacketRecord r, ByteBuffer b, int o, int end, DecodedPacket out) {
        if (!need(r, o, end, 20)) {
            return false;
        }
        int verIhl = b.get(o) & 0xFF;
        int headerLength = (verIhl & 0x0F) * 4;
        if ((verIhl >>> 4) != 4 || headerLength < 20) {
            return badIp(r, "IPv4 header with version " + (verIhl >>> 4) + " and header length " + headerLength);
        }
        int totalLength = b.getShort(o + 2) & 0xFFFF;
        if (totalLength < headerLength) {
            if (totalLength == 0) {
                // TCP segmentation offload leaves 0 here; take the captured length.
                totalLength = Math.min(end - o, 65_535);
            }
            if (totalLength < headerLength) {
                return badIp(r, "IPv4 total length " + totalLength + " is shorter than its header (" + headerLength + ")");
            }
        }
        if (!need(r, o, end, headerLength)) {
            return false;
        }
        ipPackets++;
        out.ipVersion = 4;
        out.srcHi = 0;
        out.dstHi = 0;
        out.srcLo = IpAddresses.v4Lo(b.getInt(o + 12));
        out.dstLo = IpAddresses.v4Lo(b.getInt(o + 16));
        out.ipLength = totalLength;
        out.ttl = b.get(o + 8) & 0xFF;
        int protocol = b.get(o + 9) & 0xFF;
        if (verifyChecksums && Checksums.fold(Checksums.sum(b, o, headerLength, 0)) != 0xFFFF) {
            diagnostics.count(SkipReason.BAD_IP_CHECKSUM, 1);
        }
        int datagramEnd = Math.min(end, o + totalLength);
        int flagsOffset = b.getShort(o + 6) & 0xFFFF;
        boolean more = (flagsOffset & 0x2000) != 0;
        int fragmentOffset = (flagsOffset & 0x1FFF) * 8;
        int payloadStart = o + headerLength;
        int payloadLength = totalLength - headerLength;
        if (more || fragmentOffset != 0) {
            diagnostics.count(SkipReason.IP_FRAGMENT, 1);
            int captured = datagramEnd - payloadStart;
            if (captured < payloadLength) {
                truncated(r, "IPv4 fragment cut short by the capture; dropped");
                diagnostics.count(SkipReason.FRAGMENT_DROPPED, 1);
                return false;
            }
            int id = b.getShort(o + 4) & 0xFFFF;
            int whole = fragments.add(out, id, protocol, fragmentOffset, more, b, payloadStart, payloadLength,
                    r.timestampNanos);
            if (whole < 0) {
                return false;
            }
            out.reassembled = true;
            out.frames = fragments.lastFragments();
            out.wireLength = fragments.lastWireBytes();
            out.ipLength = headerLength + whole;
            return decodeTransport(r, fragments.payload(), protocol, 0, whole, whole, out);
        }
        return decodeTransport(r, b, protocol, payloadStart, payloadLength, Math.max(0, datagramEnd - payloadStart), out);
    }

    private boolean decodeIpv6(PacketRecord r, ByteBuffer b, int o, int end, DecodedPacket out) {
        if (!need(r, o, end, 40)) {
            return false;
        }
        int version = (b.get(o) & 0xF0) >>> 4;
        if (version != 6) {
            return badIp(r, "IPv6 header with version " + version);
        }
        ipPackets++;
        int payloadLength = b.getShort(o + 4) & 0xFFFF;
        if (payloadLength == 0) {
            // Jumbograms and offloaded captures: take what was captured.
            payloadLength = end - o - 40;
        }
        out.ipVersion = 6;
        out.srcHi = b.getLong(o + 8);
        out.srcLo = b.getLong(o + 16);
        out.dstHi = b.getLong(o + 24);
        out.dstLo = b.getLong(o + 32);
        out.ipLength = 40 + payloadLength;
        out.ttl = b.get(o + 7) & 0xFF;
        int next = b.get(o + 6) & 0xFF;
        int p = o + 40;
        int datagramEnd = Math.min(end, o + 40 + payloadLength);
        for (int i = 0; i < MAX_IPV6_EXTENSIONS; i++) {
            switch (next) {
                case IpProtocol.HOPOPT, IpProtocol.IPV6_ROUTE, IpProtocol.IPV6_OPTS, IpProtocol.MOBILITY,
                     IpProtocol.HIP, IpProtocol.SHIM6: {
                    if (!need(r, p, datagramEnd, 2)) {
                        return false;
                    }
                    int length = ((b.get(p + 1) & 0xFF) + 1) * 8;
                    next = b.get(p) & 0xFF;
                    p += length;
                    continue;
                }
                case IpProtocol.AH: {
                    if (!need(r, p, datagramEnd, 2)) {
                        return false;
                    }
                    int length = ((b.get(p + 1) & 0xFF) + 2) * 4;
                    next = b.get(p) & 0xFF;
                    p += length;
                    continue;
                }
                case IpProtocol.IPV6_FRAG: {
                    if (!need(r, p, datagramEnd, 8)) {
                        return false;
                    }
                    int protocol = b.get(p) & 0xFF;
                    int offsetFlags = b.getShort(p + 2) & 0xFFFF;
                    int fragmentOffset = offsetFlags & 0xFFF8;
                    boolean more = (offsetFlags & 1) != 0;
                    int id = b.getInt(p + 4);
                    int fragmentStart = p + 8;
                    int fragmentLength = o + 40 + payloadLength - fragmentStart;
                    if (!more && fragmentOffset == 0) {
                        // An atomic fragment (RFC 6946): a whole datagram behind a fragment header.
                        next = protocol;
                        p = fragmentStart;
                        continue;
                    }
                    diagnostics.count(SkipReason.IP_FRAGMENT, 1);
                    if (fragmentLength < 0 || datagramEnd - fragmentStart < fragmentLength) {
                        truncated(r, "IPv6 fragment cut short by the capture; dropped");
                        diagnostics.count(SkipReason.FRAGMENT_DROPPED, 1);
                        return false;
                    }
                    int whole = fragments.add(out, id, protocol, fragmentOffset, more, b, fragmentStart,
                            fragmentLength, r.timestampNanos);
                    if (whole < 0) {
                        return false;
                    }
                    out.reassembled = true;
                    out.frames = fragments.lastFragments();
                    out.wireLength = fragments.lastWireBytes();
                    out.ipLength = 40 + whole;
                    return decodeTransport(r, fragments.payload(), protocol, 0, whole, whole, out);
                }
                default:
                    int length = o + 40 + payloadLength - p;
                    return decodeTransport(r, b, next, p, length, Math.max(0, datagramEnd - p), out);
            }
        }
        return badIp(r, "more than " + MAX_IPV6_EXTENSIONS + " IPv6 extension headers");
    }

    /**
     * @param length transport bytes as the IP header states them
     * @param captured transport bytes present in the buffer
     */
    private boolean decodeTransport(PacketRecord r, ByteBuffer b, int protocol, int o, int length, int captured,
                                    DecodedPacket out) {
        out.protocol = protocol;
        out.srcPort = 0;
        out.dstPort = 0;
        out.tcpFlags = 0;
        out.seq = 0;
        out.ack = 0;
        out.window = 0;
        out.icmpType = 0;
        out.icmpCode = 0;
        out.payloadBuffer = b;
        out.payloadOffset = o;
        out.payloadLength = Math.max(0, length);
        out.payloadCaptured = Math.max(0, Math.min(captured, length));
        switch (protocol) {
            case IpProtocol.TCP:
                return decodeTcp(r, b, o, length, captured, out);
            case IpProtocol.UDP:
                return decodeUdp(r, b, o, length, captured, out);
            case IpProtocol.ICMP, IpProtocol.ICMPV6:
                return decodeIcmp(r, b, o, length, captured, out);
            default:
                return true;
        }
    }

    private boolean decodeTcp(PacketRecord r, ByteBuffer b, int o, int length, int captured, DecodedPacket out) {
        if (captured < 20 || length < 20) {
            truncated(r, "TCP header cut short (" + Math.min(captured, length) + " of 20 bytes)");
            return false;
        }
        int headerLength = ((b.get(o + 12) & 0xF0) >>> 4) * 4;
        if (headerLength < 20 || headerLength > length) {
            diagnostics.report(SkipReason.BAD_TCP_HEADER, fileName(r), r.fileOffset,
                    "TCP data offset " + headerLength + " does not fit the segment of " + length + " bytes");
            return false;
        }
        out.srcPort = b.getShort(o) & 0xFFFF;
        out.dstPort = b.getShort(o + 2) & 0xFFFF;
        out.seq = b.getInt(o + 4);
        out.ack = b.getInt(o + 8);
        out.tcpFlags = b.get(o + 13) & 0xFF;
        out.window = b.getShort(o + 14) & 0xFFFF;
        out.payloadOffset = o + headerLength;
        out.payloadLength = length - headerLength;
        out.payloadCaptured = Math.max(0, Math.min(captured, length) - headerLength);
        if (verifyChecksums && captured >= length) {
            verifyTransportChecksum(b, o, length, IpProtocol.TCP, out);
        }
        return true;
    }

    private boolean decodeUdp(PacketRecord r, ByteBuffer b, int o, int length, int captured, DecodedPacket out) {
        if (captured < 8 || length < 8) {
            truncated(r, "UDP header cut short (" + Math.min(captured, length) + " of 8 bytes)");
            return false;
        }
        out.srcPort = b.getShort(o) & 0xFFFF;
        out.dstPort = b.getShort(o + 2) & 0xFFFF;
        int udpLength = b.getShort(o + 4) & 0xFFFF;
        int usable = (udpLength >= 8 && udpLength <= length) ? udpLength : length;
        out.payloadOffset = o + 8;
        out.payloadLength = usable - 8;
        out.payloadCaptured = Math.max(0, Math.min(captured, usable) - 8);
        int checksum = b.getShort(o + 6) & 0xFFFF;
        boolean checksumPresent = checksum != 0 || out.ipVersion == 6;
        if (verifyChecksums && checksumPresent && captured >= usable) {
            verifyTransportChecksum(b, o, usable, IpProtocol.UDP, out);
        }
        return true;
    }

    private boolean decodeIcmp(PacketRecord r, ByteBuffer b, int o, int length, int captured, DecodedPacket out) {
        if (captured < 4 || length < 4) {
            truncated(r, "ICMP header cut short (" + Math.min(captured, length) + " of 4 bytes)");
            return false;
        }
        int type = b.get(o) & 0xFF;
        int code = b.get(o + 1) & 0xFF;
        out.icmpType = type;
        out.icmpCode = code;
        boolean v6 = out.protocol == IpProtocol.ICMPV6;
        // Zeek keys ICMP connections on (type, counterpart type) so a request and its reply meet.
        out.srcPort = type;
        out.dstPort = IcmpCounterparts.counterpart(v6, type, code);
        out.payloadOffset = o + 4;
        out.payloadLength = length - 4;
        out.payloadCaptured = Math.max(0, Math.min(captured, length) - 4);
        return true;
    }

    private void verifyTransportChecksum(ByteBuffer b, int o, int length, int protocol, DecodedPacket out) {
        long sum = Checksums.pseudoHeader(out, protocol, length);
        sum = Checksums.sum(b, o, length, sum);
        if (Checksums.fold(sum) != 0xFFFF) {
            diagnostics.count(SkipReason.BAD_L4_CHECKSUM, 1);
        }
    }
}
