package org.hyakuyobako.detect.signature;

import java.util.ArrayList;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import org.hyakuyobako.rules.Buffer;
import org.hyakuyobako.rules.ContentOption;
import org.hyakuyobako.rules.Rule;

/**
 * Rules that share a port (Suricata's signature group heads, simplified): prefilters per
 * buffer over their fast patterns, and the rules without one. An inspection only scans the groups
 * of its two ports and the group of rules for any port, so a packet to port 445 never pays for the
 * patterns of the HTTP rules. Rules whose {@code dsize} only admits small packets (or only large
 * ones) have prefilters of their own, which a full-sized packet (or a small one) does not scan.
 */
final class RuleGroup {
    /** The payload size that separates "small" from "large" packets for the dsize split. */
    static final int SMALL = 256;

    /** Which packets a rule's dsize admits. */
    enum Size { ANY, SMALL_ONLY, LARGE_ONLY }

    private final Map<Size, Map<Buffer, List<ContentOption>>> patterns = new EnumMap<>(Size.class);
    private final Map<Size, Map<Buffer, List<Integer>>> ids = new EnumMap<>(Size.class);
    private final Map<Size, Map<Buffer, List<Integer>>> sides = new EnumMap<>(Size.class);
    private final List<Integer> unfiltered = new ArrayList<>();
    final Map<Size, Map<Buffer, BufferPrefilter>> prefilters = new EnumMap<>(Size.class);
    /**
     * The same per size class as arrays, for the scan: iterating an EnumMap's entries creates an
     * entry object per step, on the engine's most frequent path.
     */
    private final Buffer[][] scanBuffers = new Buffer[Size.values().length][];
    private final BufferPrefilter[][] scanFilters = new BufferPrefilter[Size.values().length][];
    int[] always;
    private boolean noPrefilters;
    /**
     * Per size class, the fast patterns of the payload prefilter (keys, ids, sides), kept for the
     * prefilters that scan a TCP segment for this group's packet rules and a stream group's rules at
     * once ({@link #withStream}).
     */
    private final PayloadKeys[] payloadKeys = new PayloadKeys[Size.values().length];
    /** Per size class, those prefilters by stream group, built on first use (shared with {@link #withAlways} copies). */
    @SuppressWarnings("unchecked")
    private Map<RuleGroup, BufferPrefilter>[] streamUnions = new Map[Size.values().length];

    private final RuleGroup[] lastStream = new RuleGroup[Size.values().length];
    private final BufferPrefilter[] lastUnion = new BufferPrefilter[Size.values().length];

    /** A rule id reported by a {@link #withStream} prefilter is the stream group's when this bit is set. */
    static final int STREAM_RULE = 1 << 30;

    /** The payload prefilter's keys for one size class. */
    private record PayloadKeys(List<ContentOption> keys, List<Integer> ids, List<Integer> sides) {
    }

    void add(Rule r, int id) {
        ContentOption fp = r.fastPattern;
        if (fp == null) {
            unfiltered.add(id);
            return;
        }
        Size size = size(r);
        Buffer b = fp.buffer().buffer();
        patterns.computeIfAbsent(size, k -> new EnumMap<>(Buffer.class)).computeIfAbsent(b, k -> new ArrayList<>()).add(fp);
        ids.computeIfAbsent(size, k -> new EnumMap<>(Buffer.class)).computeIfAbsent(b, k -> new ArrayList<>()).add(id);
        int side = r.flow.toServer() ? BufferPrefilter.TO_SERVER : r.flow.toClient() ? BufferPrefilter.TO_CLIENT : BufferPrefilter.EITHER;
        sides.computeIfAbsent(size, k -> new EnumMap<>(Buffer.class)).computeIfAbsent(b, k -> new ArrayList<>()).add(side);
    }

    private static Size size(Rule r) {
        if (r.dsize == null || r.dsize.negated()) {
            return Size.ANY;
        }
        if (r.dsize.max() <= SMALL) {
            return Size.SMALL_ONLY;
        }
        return r.dsize.min() > SMALL ? Size.LARGE_ONLY : Size.ANY;
    }

    /**
     * Builds, per size class of inspection, one prefilter per buffer with every rule it admits: a
     * small packet's prefilters hold the rules for any size and the small-only ones, so each buffer
     * is scanned once.
     */
    void build() {
        always = unfiltered.stream().mapToInt(Integer::intValue).toArray();
        Map<Buffer, BufferPrefilter> any = buildPrefilters(List.of(Size.ANY));
        prefilters.put(Size.ANY, any);
        prefilters.put(Size.SMALL_ONLY, patterns.containsKey(Size.SMALL_ONLY) ? buildPrefilters(List.of(Size.ANY, Size.SMALL_ONLY)) : any);
        prefilters.put(Size.LARGE_ONLY, patterns.containsKey(Size.LARGE_ONLY) ? buildPrefilters(List.of(Size.ANY, Size.LARGE_ONLY)) : any);
        indexForScan();
        patterns.clear();
        ids.clear();
        sides.clear();
        unfiltered.clear();
    }

    private Map<Buffer, BufferPrefilter> buildPrefilters(List<Size> sizes) {
        Map<Buffer, List<ContentOption>> p = new EnumMap<>(Buffer.class);
        Map<Buffer, List<Integer>> id = new EnumMap<>(Buffer.class);
        Map<Buffer, List<Integer>> side = new EnumMap<>(Buffer.class);
        for (Size size : sizes) {
            sides.getOrDefault(size, Map.of()).forEach((b, list) -> side.computeIfAbsent(b, k -> new ArrayList<>()).addAll(list));
            patterns.getOrDefault(size, Map.of()).forEach((b, list) -> p.computeIfAbsent(b, k -> new ArrayList<>()).addAll(list));
            ids.getOrDefault(size, Map.of()).forEach((b, list) -> id.computeIfAbsent(b, k -> new ArrayList<>()).addAll(list));
        }
        Map<Buffer, BufferPrefilter> built = new EnumMap<>(Buffer.class);
        p.forEach((b, list) -> built.put(b, BufferPrefilter.build(list, id.get(b), side.get(b))));
        if (p.containsKey(Buffer.PAYLOAD)) {
            Size key = sizes.size() == 1 ? Size.ANY : sizes.get(1);     // (ANY) or (ANY, the size class built)
            payloadKeys[key.ordinal()] = new PayloadKeys(p.get(Buffer.PAYLOAD), id.get(Buffer.PAYLOAD), side.get(Buffer.PAYLOAD));
        }
        return built;
    }

    /**
     * The same prefilters with other pattern-less rules: groups that differ only in those (a port with
     * ET's pattern-less scan rules) need no build of their own.
     */
    RuleGroup withAlways(int[] otherAlways) {
        RuleGroup g = new RuleGroup();
        g.prefilters.putAll(prefilters);
        System.arraycopy(payloadKeys, 0, g.payloadKeys, 0, payloadKeys.length);
        g.streamUnions = streamUnions;
        g.indexForScan();
        g.always = otherAlways;
        return g;
    }

    private void indexForScan() {
        noPrefilters = prefilters.values().stream().allMatch(Map::isEmpty);
        prefilters.forEach((size, byBuffer) -> {
            scanBuffers[size.ordinal()] = byBuffer.keySet().toArray(new Buffer[0]);
            scanFilters[size.ordinal()] = byBuffer.values().toArray(new BufferPrefilter[0]);
        });
    }

    private static Size sizeClass(int dsize) {
        return dsize < 0 ? Size.ANY : dsize <= SMALL ? Size.SMALL_ONLY : Size.LARGE_ONLY;
    }

    /** The buffers with a prefilter for an inspection of this payload size (-1: not a packet). */
    Buffer[] buffersFor(int dsize) {
        return scanBuffers[sizeClass(dsize).ordinal()];
    }

    /** The prefilters of {@link #buffersFor}, in the same order. */
    BufferPrefilter[] prefiltersFor(int dsize) {
        return scanFilters[sizeClass(dsize).ordinal()];
    }

    /**
     * One prefilter for a TCP segment's payload with this group's packet rules (for a packet of
     * {@code dsize} bytes) and {@code stream}'s stream rules, the latter reported with
     * {@link #STREAM_RULE} added; null when this group has no payload patterns for that size (the
     * packet is then not scanned for them, and the stream is scanned when inspected). The stream
     * rules' patterns that can only occur near the start of a stream chunk are left out: the chunk's
     * start is scanned for them when it is inspected.
     */
    BufferPrefilter withStream(RuleGroup stream, int dsize) {
        int size = payloadKeys[sizeClass(dsize).ordinal()] != null ? sizeClass(dsize).ordinal() : Size.ANY.ordinal();
        PayloadKeys mine = payloadKeys[size];
        if (mine == null) {
            return null;
        }
        if (lastStream[size] == stream) {
            return lastUnion[size];     // consecutive packets of a connection: no map look-up
        }
        if (streamUnions[size] == null) {
            streamUnions[size] = new java.util.IdentityHashMap<>();
        }
        BufferPrefilter union = streamUnions[size].computeIfAbsent(stream, s -> {
            List<ContentOption> keys = new ArrayList<>(mine.keys());
            List<Integer> ids = new ArrayList<>(mine.ids());
            List<Integer> sides = new ArrayList<>(mine.sides());
            PayloadKeys theirs = s.payloadKeys[Size.ANY.ordinal()];
            if (theirs != null) {
                for (int i = 0; i < theirs.keys().size(); i++) {
                    if (!BufferPrefilter.headOnly(theirs.keys().get(i))) {
                        keys.add(theirs.keys().get(i));
                        ids.add(theirs.ids().get(i) | STREAM_RULE);
                        sides.add(theirs.sides().get(i));
                    }
                }
            }
            return BufferPrefilter.build(keys, ids, sides);
        });
        lastStream[size] = stream;
        lastUnion[size] = union;
        return union;
    }

    /** No rule at all: an inspection of this kind cannot alert (asked on every packet). */
    boolean isEmpty() {
        return always.length == 0 && noPrefilters;
    }

    long tableEntries() {
        long n = 0;
        java.util.Set<Map<Buffer, BufferPrefilter>> distinct = java.util.Collections.newSetFromMap(new java.util.IdentityHashMap<>());
        distinct.addAll(prefilters.values());
        for (Map<Buffer, BufferPrefilter> m : distinct) {
            for (BufferPrefilter ac : m.values()) {
                n += ac.tableEntries();
            }
        }
        return n;
    }
}
