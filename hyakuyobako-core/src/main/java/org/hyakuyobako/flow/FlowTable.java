package org.hyakuyobako.flow;

import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.List;
import org.hyakuyobako.decode.DecodedPacket;
import org.hyakuyobako.decode.IcmpCounterparts;
import org.hyakuyobako.decode.IpProtocol;

/**
 * Bidirectional flows keyed by sensor and 5-tuple, on packet time, with bounded memory.
 *
 * <p>Layout: a power-of-two bucket array with chaining through {@link Flow#chainNext}; flows are
 * pooled, so steady-state processing allocates nothing per packet. Each flow sits in one of four
 * timeout lists (connection attempts, open TCP, closed TCP, other), each ordered by its deadline,
 * so expiry only ever looks at list heads: O(1) per packet, like a timer wheel on packet time.
 *
 * <p>When the table is full, the flow with the oldest last packet among the list heads is written
 * out early with reason {@code forced} and counted: memory never grows past {@code maxFlows}.
 */
public final class FlowTable {
    static final int LIST_ATTEMPT = 0;
    static final int LIST_TCP_OPEN = 1;
    static final int LIST_TCP_CLOSED = 2;
    static final int LIST_OTHER = 3;
    private static final int LISTS = 4;

    private final FlowConfig config;
    /**
     * Chains of flows by hash, grown (doubled) as flows are added up to twice {@code maxFlows}
     * buckets. Sized for the flows there are rather than for the most there may be: the table's
     * look-up is on every packet, and a bucket array of a megabyte (the default's 262,144 buckets)
     * mostly misses the cache, more so next to the signature engine's working set.
     */
    private Flow[] buckets;
    private int mask;
    private final int maxBuckets;
    private final Flow[] heads = new Flow[LISTS];
    private final Flow[] tails = new Flow[LISTS];
    private final ArrayDeque<Flow> pool = new ArrayDeque<>();
    private final List<FlowListener> listeners = new ArrayList<>();
    private int size;
    private long nextFlowId = 1;
    private long nowNanos = Long.MIN_VALUE;
    private long flowsCreated;
    private long flowsEvicted;
    private long flowsEnded;

    public FlowTable(FlowConfig config) {
        this.config = config;
        this.maxBuckets = Integer.highestOneBit(Math.max(16, config.maxFlows()) * 2 - 1);
        this.buckets = new Flow[Math.min(maxBuckets, INITIAL_BUCKETS)];
        this.mask = buckets.length - 1;
    }

    private static final int INITIAL_BUCKETS = 1 << 10;

    /** Doubles the buckets once there are more flows than buckets (chains stay about one flow long). */
    private void growIfCrowded() {
        if (size < buckets.length || buckets.length >= maxBuckets) {
            return;
        }
        Flow[] bigger = new Flow[buckets.length * 2];
        int biggerMask = bigger.length - 1;
        for (Flow head : buckets) {
            for (Flow f = head; f != null; ) {
                Flow next = f.chainNext;
                int b = f.hash & biggerMask;
                f.chainNext = bigger[b];
                bigger[b] = f;
                f = next;
            }
        }
        buckets = bigger;
        mask = biggerMask;
    }

    /** How many buckets the table has now, for the tests. */
    int buckets() {
        return buckets.length;
    }

    public void addListener(FlowListener listener) {
        listeners.add(listener);
    }

    public int size() {
        return size;
    }

    public long flowsCreated() {
        return flowsCreated;
    }

    public long flowsEvicted() {
        return flowsEvicted;
    }

    public long flowsEnded() {
        return flowsEnded;
    }

    /** The latest packet time seen: the table's clock. */
    public long nowNanos() {
        return nowNanos;
    }

    /**
     * Accounts one decoded packet to its flow, creating the flow if needed.
     *
     * @return the flow; {@link Flow#lastPacketFromOrig()} tells the packet's direction
     */
    public Flow process(DecodedPacket p) {
        long ts = p.record.timestampNanos;
        if (ts > nowNanos) {
            nowNanos = ts;
            expire(ts);
        }
        int hash = hash(p);
        Flow f = find(p, hash);
        if (f != null && f.protocol == IpProtocol.TCP && startsNewConnection(f, p, ts)) {
            end(f, EndReason.CLOSED);
            f = null;
        }
        boolean created = false;
        if (f == null) {
            f = create(p, hash, ts);
            created = true;
        }
        // A flow from an endpoint to itself counts every packet as the originator's.
        boolean fromOrig = p.srcPort == f.origPort && p.srcLo == f.origLo && p.srcHi == f.origHi;
        f.lastPacketFromOrig = fromOrig;
        account(f, p, fromOrig, ts);
        placeInList(f, created);
        if (config.activeNanos() > 0 && ts - f.sliceStartNanos >= config.activeNanos()) {
            slice(f, ts);
        }
        return f;
    }

    private static int hash(DecodedPacket p) {
        long a = mix(p.srcHi * 31 + p.srcLo + ((long) p.srcPort << 48));
        long b = mix(p.dstHi * 31 + p.dstLo + ((long) p.dstPort << 48));
        long h = (a ^ b) + p.protocol * 0x9E37_79B9L + p.record.sensorId * 0xC2B2_AE35L;
        h = mix(h);
        return (int) (h ^ (h >>> 32));
    }

    private static long mix(long x) {
        long z = x * 0xBF58_476D_1CE4_E5B9L;
        z = (z ^ (z >>> 27)) * 0x94D0_49BB_1331_11EBL;
        return z ^ (z >>> 31);
    }

    private Flow find(DecodedPacket p, int hash) {
        Flow f = buckets[hash & mask];
        int sensor = p.record.sensorId;
        while (f != null) {
            if (f.hash == hash && f.protocol == p.protocol && f.sensorId == sensor && matches(f, p)) {
                return f;
            }
            f = f.chainNext;
        }
        return null;
    }

    private static boolean matches(Flow f, DecodedPacket p) {
        if (p.srcLo == f.origLo && p.srcHi == f.origHi && p.srcPort == f.origPort
                && p.dstLo == f.respLo && p.dstHi == f.respHi && p.dstPort == f.respPort) {
            return true;
        }
        return p.srcLo == f.respLo && p.srcHi == f.respHi && p.srcPort == f.respPort
                && p.dstLo == f.origLo && p.dstHi == f.origHi && p.dstPort == f.origPort;
    }

    /** Zeek starts a new connection on a tuple whose old one closed: after the linger, or on a fresh SYN. */
    private boolean startsNewConnection(Flow f, DecodedPacket p, long ts) {
        if (f.closedAtNanos < 0) {
            return false;
        }
        boolean pureSyn = (p.tcpFlags & (TcpTracker.SYN | TcpTracker.ACK | TcpTracker.RST)) == TcpTracker.SYN;
        return pureSyn || ts - f.closedAtNanos > config.tcpCloseNanos();
    }

    private Flow create(DecodedPacket p, int hash, long ts) {
        if (size >= config.maxFlows()) {
            evictOldest();
        }
        Flow f = pool.isEmpty() ? new Flow() : pool.poll();
        f.reset();
        f.sensorId = p.record.sensorId;
        f.protocol = p.protocol;
        f.ipVersion = p.ipVersion;
        f.origHi = p.srcHi;
        f.origLo = p.srcLo;
        f.origPort = p.srcPort;
        f.respHi = p.dstHi;
        f.respLo = p.dstLo;
        f.respPort = p.dstPort;
        f.hash = hash;
        f.flowId = nextFlowId++;
        f.firstFileId = p.record.fileId;
        f.firstFileOffset = p.record.fileOffset;
        f.firstNanos = ts;
        f.sliceStartNanos = ts;
        f.lastNanos = ts;
        f.durationEndNanos = ts;
        if (shouldFlip(p)) {
            f.flipRoles();
        }
        int b = hash & mask;
        f.chainNext = buckets[b];
        buckets[b] = f;
        size++;
        flowsCreated++;
        growIfCrowded();
        return f;
    }

    /**
     * Zeek's WantConnection guess of the true originator when the first packet is not a SYN; unlike
     * Zeek, a SYN-ACK always makes its sender the responder (Zeek keeps it for stealth scans, which
     * we see anyway as flows with only a responder side).
     */
    private static boolean shouldFlip(DecodedPacket p) {
        switch (p.protocol) {
            case IpProtocol.TCP: {
                int flags = p.tcpFlags;
                boolean syn = (flags & TcpTracker.SYN) != 0;
                boolean ack = (flags & TcpTracker.ACK) != 0;
                if (syn && !ack) {
                    return false;
                }
                if (syn) {
                    return true;
                }
                boolean srcServer = LikelyServerPorts.tcp(p.srcPort);
                boolean dstServer = LikelyServerPorts.tcp(p.dstPort);
                return srcServer && (!dstServer || p.srcPort < p.dstPort);
            }
            case IpProtocol.UDP:
                return LikelyServerPorts.udp(p.srcPort) && !LikelyServerPorts.udp(p.dstPort);
            case IpProtocol.ICMP:
            case IpProtocol.ICMPV6: {
                boolean v6 = p.protocol == IpProtocol.ICMPV6;
                // A reply seen first: its receiver asked.
                return IcmpCounterparts.isTwoWay(v6, p.icmpType) && isReplyType(v6, p.icmpType);
            }
            default:
                return false;
        }
    }

    private static boolean isReplyType(boolean v6, int type) {
        return v6 ? (type == 129 || type == 134 || type == 136 || type == 131 || type == 145)
                : (type == 0 || type == 14 || type == 16 || type == 9 || type == 18);
    }

    private void account(Flow f, DecodedPacket p, boolean fromOrig, long ts) {
        if (ts > f.lastNanos) {
            f.lastNanos = ts;
        }
        int payload = p.payloadLength;
        if (fromOrig) {
            f.origPackets++;
            f.origWireBytes += p.wireLength;
            f.origIpBytes += p.ipLength;
            f.origPayloadBytes += payload;
            f.origActive = true;
        } else {
            f.respPackets++;
            f.respWireBytes += p.wireLength;
            f.respIpBytes += p.ipLength;
            f.respPayloadBytes += payload;
            f.respActive = true;
        }
        switch (f.protocol) {
            case IpProtocol.TCP -> TcpTracker.process(f, fromOrig, p.tcpFlags, p.seq, p.ack, p.payloadLength, p.window, ts);
            case IpProtocol.UDP -> {
                f.checkHistory(fromOrig ? TcpTracker.HIST_DATA_PKT : TcpTracker.HIST_DATA_PKT << 16, fromOrig ? 'D' : 'd');
                f.durationEndNanos = Math.max(f.durationEndNanos, ts);
            }
            default -> f.durationEndNanos = Math.max(f.durationEndNanos, ts);
        }
    }

    private void placeInList(Flow f, boolean created) {
        int list;
        if (f.protocol != IpProtocol.TCP) {
            list = LIST_OTHER;
        } else if (f.closedAtNanos >= 0) {
            list = LIST_TCP_CLOSED;
        } else if (TcpTracker.isAttempt(f)) {
            list = LIST_ATTEMPT;
        } else {
            list = LIST_TCP_OPEN;
        }
        if (f.lruList == list) {
            // Attempts and closed flows keep their deadline from when they entered the list.
            if (list == LIST_TCP_OPEN || list == LIST_OTHER) {
                unlink(f);
                append(f, list);
            }
            return;
        }
        if (f.lruList >= 0) {
            unlink(f);
        }
        append(f, list);
    }

    private long deadline(Flow f) {
        return switch (f.lruList) {
            case LIST_ATTEMPT -> f.firstNanos + config.tcpAttemptNanos();
            case LIST_TCP_OPEN -> f.lastNanos + config.tcpIdleNanos();
            case LIST_TCP_CLOSED -> f.closedAtNanos + config.tcpCloseNanos();
            default -> f.lastNanos + config.otherIdleNanos();
        };
    }

    /** Writes out every flow whose deadline is before {@code now}. */
    public void expire(long now) {
        for (int list = 0; list < LISTS; list++) {
            Flow f = heads[list];
            while (f != null && deadline(f) < now) {
                Flow next = f.lruNext;
                end(f, list == LIST_TCP_CLOSED ? EndReason.CLOSED : EndReason.TIMEOUT);
                f = next;
            }
        }
    }

    private void evictOldest() {
        Flow oldest = null;
        for (Flow head : heads) {
            if (head != null && (oldest == null || head.lastNanos < oldest.lastNanos)) {
                oldest = head;
            }
        }
        if (oldest != null) {
            flowsEvicted++;
            end(oldest, EndReason.EVICTED);
        }
    }

    private void slice(Flow f, long ts) {
        for (FlowListener l : listeners) {
            l.flowEnded(f, EndReason.ACTIVE_TIMEOUT);
        }
        f.sliceStartNanos = ts;
        f.durationEndNanos = ts;
        f.origPackets = f.respPackets = 0;
        f.origWireBytes = f.respWireBytes = 0;
        f.origIpBytes = f.respIpBytes = 0;
        f.origPayloadBytes = f.respPayloadBytes = 0;
    }

    /** Writes out every remaining flow (end of input). */
    public void flushAll() {
        for (int list = 0; list < LISTS; list++) {
            while (heads[list] != null) {
                Flow f = heads[list];
                end(f, list == LIST_TCP_CLOSED ? EndReason.CLOSED : EndReason.SHUTDOWN);
            }
        }
    }

    private void end(Flow f, EndReason reason) {
        for (FlowListener l : listeners) {
            l.flowEnded(f, reason);
        }
        flowsEnded++;
        unlink(f);
        removeFromBucket(f);
        size--;
        pool.push(f);
    }

    private void removeFromBucket(Flow f) {
        int b = f.hash & mask;
        Flow cur = buckets[b];
        Flow prev = null;
        while (cur != null) {
            if (cur == f) {
                if (prev == null) {
                    buckets[b] = cur.chainNext;
                } else {
                    prev.chainNext = cur.chainNext;
                }
                f.chainNext = null;
                return;
            }
            prev = cur;
            cur = cur.chainNext;
        }
    }

    private void append(Flow f, int list) {
        f.lruList = list;
        f.lruNext = null;
        f.lruPrev = tails[list];
        if (tails[list] == null) {
            heads[list] = f;
        } else {
            tails[list].lruNext = f;
        }
        tails[list] = f;
    }

    private void unlink(Flow f) {
        int list = f.lruList;
        if (list < 0) {
            return;
        }
        if (f.lruPrev == null) {
            heads[list] = f.lruNext;
        } else {
            f.lruPrev.lruNext = f.lruNext;
        }
        if (f.lruNext == null) {
            tails[list] = f.lruPrev;
        } else {
            f.lruNext.lruPrev = f.lruPrev;
        }
        f.lruPrev = null;
        f.lruNext = null;
        f.lruList = -1;
    }
}
