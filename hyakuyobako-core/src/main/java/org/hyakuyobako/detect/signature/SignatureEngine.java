package org.hyakuyobako.detect.signature;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Consumer;
import org.hyakuyobako.rules.Buffer;
import org.hyakuyobako.rules.BufferRef;
import org.hyakuyobako.rules.PayloadOption;
import org.hyakuyobako.rules.Rule;
import org.hyakuyobako.rules.RuleProtocol;
import org.hyakuyobako.net.HomeNet;
import org.hyakuyobako.rules.RuleSet;
import org.hyakuyobako.rules.Slot;

/**
 * Matches the loaded rules against inspections. Per slot, the rules' fast patterns are compiled
 * into one {@link BufferPrefilter} per buffer and rule group, so an inspection costs one scan per buffer
 * plus the verification of the rules whose pattern occurred, however many rules there are. Rules
 * without a positive content are always candidates. Rules that set flowbits run before those that
 * test them, as in Suricata. No file or packet is read here.
 */
public final class SignatureEngine {
    private final CompiledRules compiled;
    private final Map<Slot, SlotIndex> slots;
    /** The rule set the compiled rules go back to when the analysis is over, or null. */
    private RuleSet owner;
    private final long groupsBuiltBefore;
    private final PayloadMatcher matcher = new PayloadMatcher();
    private final FlowBits flowBits = new FlowBits();
    private final Thresholds thresholds = new Thresholds();
    private final long[] noVars = new long[0];
    private long inspections;
    private long candidates;
    private long matches;
    private long silent;
    private final long[] scannedBytes = new long[Slot.values().length];

    /** An engine on rules of its own (compiled here, used by this engine only), its groups not split by home net. */
    public SignatureEngine(List<Rule> rules) {
        this(rules, new HomeNet(List.of()));
    }

    /** An engine on rules of its own, its groups split by which sides of the traffic are in {@code home}. */
    public SignatureEngine(List<Rule> rules, HomeNet home) {
        this(new CompiledRules(rules, -1, home), null);
    }

    private SignatureEngine(CompiledRules compiled, RuleSet owner) {
        this.compiled = compiled;
        this.slots = compiled.slots;
        this.owner = owner;
        this.groupsBuiltBefore = compiled.groupsBuilt();
    }

    /**
     * The engine for a rule set, on the compiled rules (slot indexes, rule groups and their
     * prefilters) an earlier analysis in this process handed back when there are any: they are
     * built once per rule set (and home net, which splits the groups). Call {@link #release} when the
     * analysis is over.
     */
    public static SignatureEngine of(RuleSet rules, HomeNet home) {
        CompiledRules c = rules.takeDerived(CompiledRules.class, x -> x.home.prefixes().equals(home.prefixes()));
        if (c == null) {
            c = new CompiledRules(rules.rules(), rules.changeCount(), home);
        }
        return new SignatureEngine(c, rules);
    }

    /**
     * Which sides of traffic from the first address to the second are in the engine's home net
     * (source 2, destination 1), for {@link Inspection#homeSides}: a caller that sees many
     * inspections of one connection works it out once.
     */
    public int homeSides(long srcHi, long srcLo, long dstHi, long dstLo) {
        return SlotIndex.homeSides(compiled.home, srcHi, srcLo, dstHi, dstLo);
    }

    /** The analysis is over: the compiled rules go back to their rule set for the next one. */
    public void release() {
        if (owner != null) {
            owner.giveBackDerived(compiled, compiled.builtAtChange);
            owner = null;
        }
    }

    /** Whether some stream rule may match a stream with the tuple, protocol and direction of this packet inspection. */
    boolean anyStreamRuleFor(Inspection in) {
        SlotIndex streams = slots.get(Slot.STREAM);
        return streams != null && streams.anyRuleFor(in);
    }

    /** Whether any rule is inspected in this slot (callers skip building buffers otherwise). */
    public boolean wants(Slot slot) {
        return slots.containsKey(slot);
    }

    /**
     * Runs the slot's rules on the inspection; every rule that matches and passes its threshold is
     * handed to {@code alert} (flowbits-only rules with noalert set their bits and stay silent).
     *
     * @param headerOnly whether header-only rules (IP reputation lists) are looked at this time
     */
    public void inspect(Inspection in, boolean headerOnly, Consumer<Rule> alert) {
        run(in, headerOnly, alert, null, null);
    }

    /**
     * As {@link #inspect}, for a TCP packet whose payload the stream collector will take: the
     * payload is scanned for the stream rules of its direction in the same pass as for the packet
     * rules, and {@code segment} says what was found (left empty when the two cannot share a pass).
     */
    void inspectSegment(Inspection in, boolean headerOnly, Consumer<Rule> alert, SegmentScan segment) {
        segment.clear();
        run(in, headerOnly, alert, segment, null);
    }

    /** As {@link #inspect}, for a stream chunk whose pieces may have been scanned with their segments. */
    void inspectChunk(Inspection in, Consumer<Rule> alert, ChunkScan chunk) {
        run(in, false, alert, null, chunk);
    }

    /** {@code segment} or {@code chunk} (at most one, else null) as for the two calls above. */
    private void run(Inspection in, boolean headerOnly, Consumer<Rule> alert, SegmentScan segment, ChunkScan chunk) {
        SlotIndex index = slots.get(in.slot);
        if (index == null) {
            return;
        }
        inspections++;
        CandidateSet mark = index.candidates;
        mark.start();
        RuleGroup group = index.groupFor(in);
        RuleGroup clientSide = index.clientSideGroupFor(in);
        if (segment != null && clientSide == null) {
            segmentCandidates(group, in, mark, segment);
        } else if (chunk != null && clientSide == null && chunk.usableFor(group)) {
            chunkPass.start(chunk);
            candidates(group, in, mark, chunkPass);
        } else {
            candidates(group, in, mark);
        }
        if (clientSide != null) {
            candidates(clientSide, in, mark);
        }
        index.listed.candidates(in, mark);
        if (headerOnly) {
            index.headerOnly.candidates(in, mark);
            for (int id : index.headerGeneric) {
                mark.accept(id);
            }
        }
        candidates += mark.count();
        // In rule order (setters first), not in the order the patterns were found.
        mark.sort();
        for (int k = 0; k < mark.count(); k++) {
            Rule r = index.rules[mark.get(k)];
            if (!matches(r, in)) {
                continue;
            }
            matches++;
            flowBits.apply(r, in.flowId);
            if (r.noalert) {
                silent++;
                continue;
            }
            if (thresholds.allow(r, in)) {
                alert.accept(r);
            }
        }
    }

    private void candidates(RuleGroup group, Inspection in, CandidateSet mark) {
        candidates(group, in, mark, null);
    }

    /** The group's candidates; {@code payload}, when given, applies the payload prefilter instead of a whole scan. */
    private void candidates(RuleGroup group, Inspection in, CandidateSet mark, PayloadPasses.PayloadScan payload) {
        Buffer[] buffers = group.buffersFor(in.dsize);
        BufferPrefilter[] filters = group.prefiltersFor(in.dsize);
        for (int b = 0; b < buffers.length; b++) {
            if (payload != null && buffers[b] == Buffer.PAYLOAD) {
                if (in.has(Buffer.PAYLOAD)) {
                    payload.scan(filters[b], in, mark);     // without putting a chunk together
                }
                continue;
            }
            if (buffers[b] == Buffer.PAYLOAD && filters[b].scanInPlace(in, mark)) {
                scannedBytes[in.slot.ordinal()] += in.payloadInPlaceLength();
                continue;
            }
            byte[] buf = in.get(buffers[b]);
            if (buf == null) {
                continue;
            }
            scannedBytes[in.slot.ordinal()] += buf.length;
            filters[b].scan(buf, in.toServer, mark);
        }
        for (int id : group.always) {
            mark.accept(id);
        }
    }

    /**
     * The packet's candidates, its payload scanned once for the packet rules and for the stream
     * rules of its direction (hits of the latter go to {@code segment}). A whole scan as usual
     * where the two cannot share a pass: rules under the client's port, or no payload patterns of
     * packet rules for this size.
     */
    private void segmentCandidates(RuleGroup group, Inspection in, CandidateSet mark, SegmentScan segment) {
        SlotIndex streams = slots.get(Slot.STREAM);
        RuleGroup streamGroup = streams == null || !in.has(Buffer.PAYLOAD) || streams.clientSideGroupFor(in) != null
                ? null : streams.groupFor(in);
        BufferPrefilter both = streamGroup == null ? null : group.withStream(streamGroup, in.dsize);
        if (both == null) {
            candidates(group, in, mark);
            return;
        }
        segmentPass.start(both, mark, segment);
        candidates(group, in, mark, segmentPass);
        segment.group = streamGroup;
    }

    private final PayloadPasses.SegmentPass segmentPass = new PayloadPasses.SegmentPass(scannedBytes);
    private final PayloadPasses.ChunkPass chunkPass = new PayloadPasses.ChunkPass(scannedBytes);

    private boolean matches(Rule r, Inspection in) {
        if (!protocol(r.protocol, in) || !addresses(r, in) || !flow(r, in)) {
            return false;
        }
        if (r.dsize != null && (in.dsize < 0 || !r.dsize.matches(in.dsize))) {
            return false;
        }
        if (r.flags != null && (in.tcpFlags < 0 || !r.flags.matches(in.tcpFlags))) {
            return false;
        }
        if (r.itype != null && (in.icmpType < 0 || !r.itype.matches(in.icmpType))) {
            return false;
        }
        if (r.icode != null && (in.icmpCode < 0 || !r.icode.matches(in.icmpCode))) {
            return false;
        }
        if (r.dnsRcode != null && (in.dnsRcode < 0 || !r.dnsRcode.matches(in.dnsRcode))) {
            return false;
        }
        if (r.urilen != null) {
            int len = r.urilenRaw ? in.rawUriLength : in.uriLength;
            if (len < 0 || !r.urilen.matches(len)) {
                return false;
            }
        }
        if (!r.flowbits.isEmpty() && !flowBits.conditionsHold(r, in.flowId)) {
            return false;
        }
        long[] vars = r.variables == 0 ? noVars : new long[r.variables];
        for (Map.Entry<BufferRef, List<PayloadOption>> e : r.buffers.entrySet()) {
            byte[] buf = in.get(e.getKey());
            if (buf == null || !matcher.matches(e.getValue(), buf, vars)) {
                return false;
            }
        }
        return true;
    }

    private static boolean protocol(RuleProtocol p, Inspection in) {
        return switch (p) {
            case IP -> true;
            case TCP -> in.ipProtocol == 6;
            case UDP -> in.ipProtocol == 17;
            case ICMP -> in.ipProtocol == 1 || in.ipProtocol == 58;
            case DNS -> (in.ipProtocol == 17 || in.ipProtocol == 6)
                    && ("dns".equals(in.appProto) || in.srcPort == 53 || in.dstPort == 53);
            default -> in.ipProtocol == 6 && p.appProto().equals(in.appProto);
        };
    }

    private static boolean addresses(Rule r, Inspection in) {
        if (r.srcPorts.matches(in.srcPort) && r.dstPorts.matches(in.dstPort) && r.src.matches(in.srcHi, in.srcLo)
                && r.dst.matches(in.dstHi, in.dstLo)) {
            return true;
        }
        return r.bidirectional && r.srcPorts.matches(in.dstPort) && r.dstPorts.matches(in.srcPort)
                && r.src.matches(in.dstHi, in.dstLo) && r.dst.matches(in.srcHi, in.srcLo);
    }

    private static boolean flow(Rule r, Inspection in) {
        var f = r.flow;
        if (f.established() && !in.established || f.notEstablished() && in.established) {
            return false;
        }
        if (f.toServer() && !in.toServer || f.toClient() && in.toServer) {
            return false;
        }
        boolean packet = in.slot == Slot.PACKET;
        return !(f.onlyStream() && packet);
    }

    /** Whether any rule of the inspection's slot could look at a connection like the inspection's. */
    public boolean anyRuleFor(Inspection in) {
        SlotIndex index = slots.get(in.slot);
        return index != null && index.anyRuleFor(in);
    }

    /** The connection ended: its flowbits go. */
    public void flowEnded(long flowId) {
        flowBits.forget(flowId);
    }

    public Map<String, Long> counters() {
        Map<String, Long> c = new LinkedHashMap<>();
        c.put("signature.inspections", inspections);
        c.put("signature.candidates", candidates);
        c.put("signature.matches", matches);
        c.put("signature.noalert_matches", silent);
        c.put("signature.threshold_suppressed", thresholds.suppressed());
        c.put("signature.rule_groups_built", compiled.groupsBuilt() - groupsBuiltBefore);
        c.put("signature.stream_chunks_from_segment_scans", chunkPass.chunks);
        c.put("signature.prefilter_table_entries", prefilterEntries());
        c.put("signature.prefilter_hyperscan", HyperscanScanner.available() ? 1L : 0L);
        for (Slot s : Slot.values()) {
            c.put("signature.prefilter_bytes." + s.name().toLowerCase(java.util.Locale.ROOT), scannedBytes[s.ordinal()]);
        }
        return c;
    }

    /** Automaton table entries of the groups built (two bytes each when small, else four). */
    private long prefilterEntries() {
        long n = 0;
        for (SlotIndex s : slots.values()) {
            n += s.tableEntries();
        }
        return n;
    }
}
