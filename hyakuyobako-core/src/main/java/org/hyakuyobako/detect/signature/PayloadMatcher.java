package org.hyakuyobako.detect.signature;

import com.google.re2j.Matcher;
import java.util.List;
import org.hyakuyobako.rules.ByteExtractOption;
import org.hyakuyobako.rules.ByteJumpOption;
import org.hyakuyobako.rules.ByteTestOption;
import org.hyakuyobako.rules.ContentOption;
import org.hyakuyobako.rules.IntValue;
import org.hyakuyobako.rules.IsDataAtOption;
import org.hyakuyobako.rules.PayloadOption;
import org.hyakuyobako.rules.PcreOption;

/**
 * Evaluates one buffer's payload options in rule order with Snort's and Suricata's semantics: a
 * detection cursor that relative options count from, and, when a later relative option fails,
 * another occurrence of the earlier content is tried. The retries are bounded by a budget per
 * rule (as Suricata's inspection recursion limit), so no payload makes a rule cost unbounded time.
 */
final class PayloadMatcher {
    static final int BUDGET = 3_000;

    private int budget;

    boolean matches(List<PayloadOption> options, byte[] buffer, long[] vars) {
        budget = BUDGET;
        return match(options, 0, buffer, 0, vars);
    }

    private boolean match(List<PayloadOption> options, int i, byte[] buf, int cursor, long[] vars) {
        if (i == options.size()) {
            return true;
        }
        if (--budget < 0) {
            return false;
        }
        PayloadOption o = options.get(i);
        if (o instanceof ContentOption c) {
            return content(options, i, c, buf, cursor, vars);
        }
        if (o instanceof PcreOption p) {
            return pcre(options, i, p, buf, cursor, vars);
        }
        if (o instanceof ByteTestOption t) {
            return byteTest(t, buf, cursor, vars) && match(options, i + 1, buf, cursor, vars);
        }
        if (o instanceof ByteJumpOption j) {
            int next = byteJump(j, buf, cursor, vars);
            return next >= 0 && match(options, i + 1, buf, next, vars);
        }
        if (o instanceof ByteExtractOption e) {
            int next = byteExtract(e, buf, cursor, vars);
            return next >= 0 && match(options, i + 1, buf, next, vars);
        }
        IsDataAtOption d = (IsDataAtOption) o;
        int at = (d.relative() ? cursor : 0) + d.offset().resolve(vars);
        boolean has = at < buf.length;
        return has != d.negated() && match(options, i + 1, buf, cursor, vars);
    }

    private boolean content(List<PayloadOption> options, int i, ContentOption c, byte[] buf, int cursor, long[] vars) {
        int start;
        long end;
        byte[] p = c.pattern();
        if (c.startsWith()) {
            start = 0;
            end = p.length;
        } else if (c.relative()) {
            int distance = c.distance() == null ? 0 : c.distance().resolve(vars);
            start = cursor + distance;
            end = c.within() == null ? buf.length : (long) cursor + distance + c.within().resolve(vars);
        } else {
            start = c.offset() == null ? 0 : c.offset().resolve(vars);
            end = c.depth() == null ? buf.length : (long) start + c.depth().resolve(vars);
        }
        if (start < 0) {
            start = 0;
        }
        end = Math.min(end, buf.length);
        boolean nocase = c.nocase();
        boolean retry = laterRelative(options, i);
        int from = start;
        while (true) {
            int at = indexOf(buf, p, from, (int) end, nocase);
            if (at >= 0 && c.endsWith() && at + p.length != buf.length) {
                from = at + 1;
                if (from + p.length <= end) {
                    continue;
                }
                at = -1;
            }
            if (c.negated()) {
                return at < 0 && match(options, i + 1, buf, cursor, vars);
            }
            if (at < 0) {
                return false;
            }
            if (match(options, i + 1, buf, at + p.length, vars)) {
                return true;
            }
            if (!retry || budget <= 0) {
                return false;
            }
            from = at + 1;
        }
    }

    /** Another occurrence is worth trying only if something after this option counts from it. */
    private static boolean laterRelative(List<PayloadOption> options, int i) {
        for (int k = i + 1; k < options.size(); k++) {
            PayloadOption o = options.get(k);
            if (o instanceof ContentOption c && c.relative() || o instanceof PcreOption p && p.relative()
                    || o instanceof ByteTestOption t && t.relative() || o instanceof ByteJumpOption j && j.relative()
                    || o instanceof ByteExtractOption e && e.relative() || o instanceof IsDataAtOption d && d.relative()) {
                return true;
            }
        }
        return false;
    }

    /**
     * The first occurrence of {@code p} starting in [from, end - |p|], or -1. Searches for the
     * pattern's rarest byte ({@link ByteRarity}) and verifies around it: the leftmost hit of that
     * byte gives the leftmost occurrence, as the start positions it tries only grow.
     */
    static int indexOf(byte[] buf, byte[] p, int from, int end, boolean nocase) {
        int last = end - p.length;
        if (p.length == 0) {
            return from <= end ? from : -1;
        }
        int a = ByteRarity.rarest(p, nocase);
        int target = p[a] & 0xff;
        int lower = AhoCorasick.fold(target);
        // Without nocase, or for a byte that is not a letter, one value to look for; else both cases.
        boolean bothCases = nocase && lower >= 'a' && lower <= 'z';
        int first = bothCases ? lower : target;
        int other = bothCases ? lower - 32 : target;
        if (from < 0) {
            from = 0;
        }
        for (int i = from + a, stop = last + a; i <= stop; i++) {
            i = ByteSearch.find(buf, i, stop + 1, first, other);
            if (i < 0) {
                return -1;
            }
            if (equalsAt(buf, i - a, p, nocase)) {
                return i - a;
            }
        }
        return -1;
    }

    private static boolean equalsAt(byte[] buf, int at, byte[] p, boolean nocase) {
        if (!nocase) {
            return java.util.Arrays.equals(buf, at, at + p.length, p, 0, p.length);
        }
        for (int k = 0; k < p.length; k++) {
            if (ByteSearch.FOLD[buf[at + k] & 0xff] != ByteSearch.FOLD[p[k] & 0xff]) {
                return false;
            }
        }
        return true;
    }

    private boolean pcre(List<PayloadOption> options, int i, PcreOption p, byte[] buf, int cursor, long[] vars) {
        int from = p.relative() ? Math.min(cursor, buf.length) : 0;
        // The subject starts at the cursor for a relative expression, so ^ anchors there, as in Suricata.
        Matcher m = p.pattern().matcher(new Latin1Chars(buf, from, buf.length));
        boolean found = m.find() && (!p.anchored() || m.start() == 0);
        if (p.negated()) {
            return !found && match(options, i + 1, buf, cursor, vars);
        }
        return found && match(options, i + 1, buf, from + m.end(), vars);
    }

    /** Reads a number as byte_test, byte_jump and byte_extract do; -1 when out of the buffer or not a number. */
    private static long read(byte[] buf, int at, int n, boolean little, int base) {
        if (at < 0 || at + n > buf.length) {
            return -1;
        }
        if (base != 0) {
            long v = 0;
            int digits = 0;
            for (int k = 0; k < n; k++) {
                int d = Character.digit((char) (buf[at + k] & 0xff), base);
                if (d < 0) {
                    break;
                }
                v = v * base + d;
                digits++;
            }
            return digits == 0 ? -1 : v;
        }
        long v = 0;
        for (int k = 0; k < n; k++) {
            int b = buf[at + (little ? n - 1 - k : k)] & 0xff;
            v = (v << 8) | b;
        }
        return v;
    }

    private static long mask(long v, long bitmask) {
        if (bitmask == 0) {
            return v;
        }
        return (v & bitmask) >>> Long.numberOfTrailingZeros(bitmask);
    }

    private static boolean byteTest(ByteTestOption t, byte[] buf, int cursor, long[] vars) {
        int at = (t.relative() ? cursor : 0) + t.offset().resolve(vars);
        long v = read(buf, at, t.bytes(), t.littleEndian(), t.base());
        if (v < 0) {
            return false;
        }
        v = mask(v, t.bitmask());
        long x = t.value().resolve(vars);
        if (t.value().variable() == IntValue.NONE) {
            x = t.value().constant() & 0xffffffffL;
        }
        boolean r = switch (t.operator()) {
            case "<" -> v < x;
            case ">" -> v > x;
            case "<=" -> v <= x;
            case ">=" -> v >= x;
            case "&" -> (v & x) != 0;
            case "^" -> (v ^ x) != 0;
            default -> v == x;
        };
        return r != t.negated();
    }

    private static int byteJump(ByteJumpOption j, byte[] buf, int cursor, long[] vars) {
        int at = (j.relative() ? cursor : 0) + j.offset().resolve(vars);
        long v = read(buf, at, j.bytes(), j.littleEndian(), j.base());
        if (v < 0) {
            return -1;
        }
        v = mask(v, j.bitmask()) * j.multiplier();
        if (j.align() && v % 4 != 0) {
            v += 4 - v % 4;
        }
        long base = j.fromBeginning() ? 0 : j.fromEnd() ? buf.length : at + j.bytes();
        long next = base + v + j.postOffset();
        return next < 0 || next > buf.length ? -1 : (int) next;
    }

    private static int byteExtract(ByteExtractOption e, byte[] buf, int cursor, long[] vars) {
        int at = (e.relative() ? cursor : 0) + e.offset();
        long v = read(buf, at, e.bytes(), e.littleEndian(), e.base());
        if (v < 0) {
            return -1;
        }
        v *= e.multiplier();
        if (e.align() > 0 && v % e.align() != 0) {
            v += e.align() - v % e.align();
        }
        vars[e.variable()] = v;
        return at + e.bytes();
    }
}
