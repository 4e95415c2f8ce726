package org.hyakuyobako.net.geo;

import java.math.BigInteger;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;

/**
 * Collects the ranges of a published table and flattens them into the boundary form lookups use.
 *
 * <p>The tables are neither sorted nor disjoint: a country table lists 37405696–37406207 DE and
 * inside it the single address 37405967 BE (a more specific registration). The more specific
 * range wins over the part it covers, as in routing; where two ranges cross, the one starting later
 * wins from its start. Build-time only, so plain BigIntegers keep the sweep readable.
 */
final class RangeTableBuilder {
    private record Range(BigInteger start, BigInteger end, int value) {
    }

    /** A flattened piece: [start, end] with one value. */
    record Segment(BigInteger start, BigInteger end, int value) {
    }

    private static final BigInteger LOW_MASK = BigInteger.ONE.shiftLeft(64).subtract(BigInteger.ONE);

    private final List<Range> ranges = new ArrayList<>();
    private int refused;

    void add(BigInteger start, BigInteger end, int value) {
        if (start.compareTo(end) > 0) {
            refused++;
            return;
        }
        ranges.add(new Range(start, end, value));
    }

    /** Replaces every range's value (AS numbers by their index in the name table). */
    void remap(java.util.function.IntUnaryOperator f) {
        ranges.replaceAll(r -> new Range(r.start, r.end, f.applyAsInt(r.value)));
    }

    /** Ranges refused (start after end). */
    int refused() {
        return refused;
    }

    /** Disjoint segments in address order, neighbours with one value merged. */
    List<Segment> segments() {
        ranges.sort(Comparator.comparing(Range::start).thenComparing(Range::end, Comparator.reverseOrder()));
        List<Segment> out = new ArrayList<>();
        List<Range> open = new ArrayList<>();
        BigInteger cursor = null; // first address not yet given a segment
        for (Range r : ranges) {
            cursor = close(open, r.start, cursor, out);
            if (!open.isEmpty() && cursor.compareTo(r.start) < 0) {
                emit(out, cursor, r.start.subtract(BigInteger.ONE), open.get(open.size() - 1).value);
            }
            cursor = r.start;
            open.add(r);
        }
        close(open, null, cursor, out);
        return out;
    }

    /** Ends the open ranges that stop before {@code next} (all of them when null), innermost first. */
    private static BigInteger close(List<Range> open, BigInteger next, BigInteger cursor, List<Segment> out) {
        while (!open.isEmpty()) {
            Range top = open.get(open.size() - 1);
            if (next != null && top.end.compareTo(next) >= 0) {
                break;
            }
            if (cursor.compareTo(top.end) <= 0) {
                emit(out, cursor, top.end, top.value);
                cursor = top.end.add(BigInteger.ONE);
            }
            open.remove(open.size() - 1);
        }
        return cursor;
    }

    private static void emit(List<Segment> out, BigInteger start, BigInteger end, int value) {
        if (!out.isEmpty()) {
            Segment last = out.get(out.size() - 1);
            if (last.value == value && last.end.add(BigInteger.ONE).equals(start)) {
                out.set(out.size() - 1, new Segment(last.start, end, value));
                return;
            }
        }
        out.add(new Segment(start, end, value));
    }

    /** Boundaries: each segment's start, and after a segment not followed at once by another, a gap. */
    private static List<Segment> withGaps(List<Segment> segments, BigInteger max) {
        List<Segment> b = new ArrayList<>(segments.size() * 2);
        for (int i = 0; i < segments.size(); i++) {
            Segment s = segments.get(i);
            b.add(s);
            BigInteger after = s.end.add(BigInteger.ONE);
            boolean followed = i + 1 < segments.size() && segments.get(i + 1).start.equals(after);
            if (!followed && after.compareTo(max) <= 0) {
                b.add(new Segment(after, after, Ipv4Ranges.NONE));
            }
        }
        return b;
    }

    Ipv4Ranges buildV4() {
        List<Segment> b = withGaps(segments(), BigInteger.valueOf(0xFFFF_FFFFL));
        int[] starts = new int[b.size()];
        int[] values = new int[b.size()];
        for (int i = 0; i < b.size(); i++) {
            starts[i] = b.get(i).start.intValue();
            values[i] = b.get(i).value;
        }
        return new Ipv4Ranges(starts, values);
    }

    Ipv6Ranges buildV6() {
        List<Segment> b = withGaps(segments(), BigInteger.ONE.shiftLeft(128).subtract(BigInteger.ONE));
        long[] hi = new long[b.size()];
        long[] lo = new long[b.size()];
        int[] values = new int[b.size()];
        for (int i = 0; i < b.size(); i++) {
            BigInteger s = b.get(i).start;
            hi[i] = s.shiftRight(64).longValue();
            lo[i] = s.and(LOW_MASK).longValue();
            values[i] = b.get(i).value;
        }
        return new Ipv6Ranges(hi, lo, values);
    }
}
