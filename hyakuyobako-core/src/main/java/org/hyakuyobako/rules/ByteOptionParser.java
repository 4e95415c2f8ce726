package org.hyakuyobako.rules;

import java.util.Set;

/**
 * {@code byte_test}, {@code byte_jump}, {@code byte_extract} and {@code isdataat}: their
 * comma-separated arguments and flags, with {@code byte_extract} variables allowed where Snort
 * allows them.
 */
final class ByteOptionParser {
    private ByteOptionParser() {
    }

    /** The comma-separated arguments of byte_test and friends, trimmed. */
    static String[] args(String value) {
        String[] a = value.split(",");
        for (int i = 0; i < a.length; i++) {
            a[i] = a[i].strip();
        }
        return a;
    }

    static int count(String s, String option) throws UnsupportedRuleException {
        try {
            int n = Integer.parseInt(s);
            if (n < 1 || n > 10) {
                throw new UnsupportedRuleException("bad byte count in " + option, s);
            }
            return n;
        } catch (NumberFormatException e) {
            throw new UnsupportedRuleException("bad byte count in " + option, s);
        }
    }

    static long parseLong(String s, String option) throws UnsupportedRuleException {
        try {
            String t = s.strip();
            if (t.startsWith("0x") || t.startsWith("0X")) {
                return Long.parseUnsignedLong(t.substring(2), 16);
            }
            return Long.parseLong(t);
        } catch (NumberFormatException e) {
            throw new UnsupportedRuleException("bad number in " + option, s);
        }
    }

    static IntValue intOrVariable(String s, RuleState st, String option) throws UnsupportedRuleException {
        Integer var = st.variables.get(s.strip());
        return var != null ? new IntValue(0, var) : IntValue.of((int) parseLong(s, option));
    }

    /** Flags shared by the byte options: relative, endianness, string bases, dce (refused). */
    private static final class ByteFlags {
        boolean relative;
        boolean little;
        int base;
        boolean string;
        long bitmask;
        int multiplier = 1;
        boolean align;
        int alignTo;
        boolean fromBeginning;
        boolean fromEnd;
        int postOffset;

        void read(String[] a, int from, String option) throws UnsupportedRuleException {
            for (int i = from; i < a.length; i++) {
                String f = a[i];
                String[] kv = f.split("\\s+", 2);
                switch (kv[0]) {
                    case "relative" -> relative = true;
                    case "little" -> little = true;
                    case "big" -> little = false;
                    case "string" -> string = true;
                    case "hex" -> base = 16;
                    case "dec" -> base = 10;
                    case "oct" -> base = 8;
                    case "align" -> {
                        align = true;
                        alignTo = kv.length > 1 ? (int) parseLong(kv[1], option) : 4;
                    }
                    case "from_beginning" -> fromBeginning = true;
                    case "from_end" -> fromEnd = true;
                    case "multiplier" -> multiplier = (int) parseLong(kv.length > 1 ? kv[1] : "", option);
                    case "post_offset" -> postOffset = (int) parseLong(kv.length > 1 ? kv[1] : "", option);
                    case "bitmask" -> bitmask = parseLong(kv.length > 1 ? kv[1] : "", option);
                    case "dce" -> throw new UnsupportedRuleException("dce byte option (no DCE/RPC parser)");
                    default -> throw new UnsupportedRuleException("unsupported " + option + " flag", f);
                }
            }
            if (string && base == 0) {
                base = 10;
            }
        }
    }

    static void byteTest(String value, RuleState st) throws UnsupportedRuleException {
        String[] a = args(value);
        if (a.length < 4) {
            throw new UnsupportedRuleException("bad byte_test", value);
        }
        int bytes = count(a[0], "byte_test");
        String op = a[1];
        boolean negated = op.startsWith("!");
        if (negated) {
            op = op.substring(1);
        }
        if (op.isEmpty()) {
            op = "=";     // "!" alone means "not equal"
        }
        if (!Set.of("<", ">", "=", "&", "^", "<=", ">=").contains(op)) {
            throw new UnsupportedRuleException("bad byte_test operator", a[1]);
        }
        ByteFlags f = new ByteFlags();
        f.read(a, 4, "byte_test");
        ByteTestOption o = new ByteTestOption(f.relative ? st.relativeBuffer() : st.sticky, bytes, op, negated, intOrVariable(a[2], st, "byte_test"),
                intOrVariable(a[3], st, "byte_test"), f.relative, f.little, f.base, f.bitmask);
        st.add(o);
    }

    static void byteJump(String value, RuleState st) throws UnsupportedRuleException {
        String[] a = args(value);
        if (a.length < 2) {
            throw new UnsupportedRuleException("bad byte_jump", value);
        }
        ByteFlags f = new ByteFlags();
        f.read(a, 2, "byte_jump");
        ByteJumpOption o = new ByteJumpOption(f.relative ? st.relativeBuffer() : st.sticky, count(a[0], "byte_jump"), intOrVariable(a[1], st, "byte_jump"), f.relative,
                f.multiplier, f.align, f.fromBeginning, f.fromEnd, f.postOffset, f.little, f.base, f.bitmask);
        st.add(o);
    }

    static void byteExtract(String value, RuleState st) throws UnsupportedRuleException {
        String[] a = args(value);
        if (a.length < 3) {
            throw new UnsupportedRuleException("bad byte_extract", value);
        }
        ByteFlags f = new ByteFlags();
        f.read(a, 3, "byte_extract");
        int index = st.variables.size();
        st.variables.put(a[2], index);
        ByteExtractOption o = new ByteExtractOption(f.relative ? st.relativeBuffer() : st.sticky, count(a[0], "byte_extract"), (int) parseLong(a[1], "byte_extract"),
                index, f.relative, f.multiplier, f.little, f.base, f.align ? f.alignTo : 0);
        st.add(o);
    }

    static void isDataAt(String value, RuleState st) throws UnsupportedRuleException {
        String[] a = args(value);
        boolean negated = a[0].startsWith("!");
        String n = negated ? a[0].substring(1).strip() : a[0];
        boolean relative = false;
        for (int i = 1; i < a.length; i++) {
            switch (a[i]) {
                case "relative" -> relative = true;
                case "rawbytes" -> {
                }
                default -> throw new UnsupportedRuleException("bad isdataat", value);
            }
        }
        IsDataAtOption o = new IsDataAtOption(relative ? st.relativeBuffer() : st.sticky, intOrVariable(n, st, "isdataat"), relative, negated);
        st.add(o);
    }
}
