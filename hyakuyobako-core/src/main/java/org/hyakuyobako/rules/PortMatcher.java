package org.hyakuyobako.rules;

import java.util.BitSet;

/**
 * A rule header's port part ({@code any}, {@code 80}, {@code 1024:}, {@code [80,!8080]},
 * {@code $HTTP_PORTS}) as a set of the 65,536 ports, so matching is one bit test.
 */
public final class PortMatcher {
    public static final PortMatcher ANY = new PortMatcher(null);

    private final BitSet ports;

    private PortMatcher(BitSet ports) {
        this.ports = ports;
    }

    public boolean matches(int port) {
        return ports == null || ports.get(port);
    }

    public boolean isAny() {
        return ports == null;
    }

    /** The ports, when there are at most {@code max} of them (else null: treat as any). */
    public int[] ports(int max) {
        if (ports == null || ports.cardinality() > max) {
            return null;
        }
        return ports.stream().toArray();
    }

    static PortMatcher parse(String spec, RuleVariables vars) throws UnsupportedRuleException {
        String s = ListSyntax.bracketBareList(spec.strip());
        if (s.equals("any")) {
            return ANY;
        }
        BitSet set = set(s, vars, 0);
        return set.cardinality() == 65_536 ? ANY : new PortMatcher(set);
    }

    private static BitSet set(String s, RuleVariables vars, int depth) throws UnsupportedRuleException {
        if (depth > ListSyntax.MAX_DEPTH) {
            throw new UnsupportedRuleException("port too deeply nested", s);
        }
        BitSet out = new BitSet(65_536);
        if (s.equals("any")) {
            out.set(0, 65_536);
            return out;
        }
        if (s.startsWith("!")) {
            out.set(0, 65_536);
            out.andNot(set(s.substring(1).strip(), vars, depth + 1));
            return out;
        }
        if (s.startsWith("$")) {
            String value = vars.port(s.substring(1));
            if (value == null) {
                throw new UnsupportedRuleException("unknown port variable", s);
            }
            return set(value.strip(), vars, depth + 1);
        }
        if (ListSyntax.isList(s)) {
            BitSet negative = new BitSet(65_536);
            boolean anyPositive = false;
            for (String item : ListSyntax.items(s)) {
                if (item.startsWith("!")) {
                    negative.or(set(item.substring(1).strip(), vars, depth + 1));
                } else {
                    out.or(set(item, vars, depth + 1));
                    anyPositive = true;
                }
            }
            if (!anyPositive) {
                out.set(0, 65_536);
            }
            out.andNot(negative);
            return out;
        }
        try {
            int colon = s.indexOf(':');
            if (colon < 0) {
                out.set(port(s));
            } else {
                int from = colon == 0 ? 0 : port(s.substring(0, colon));
                int to = colon == s.length() - 1 ? 65_535 : port(s.substring(colon + 1));
                if (from > to) {
                    throw new UnsupportedRuleException("bad port range", s);
                }
                out.set(from, to + 1);
            }
        } catch (NumberFormatException e) {
            throw new UnsupportedRuleException("bad port", s);
        }
        return out;
    }

    private static int port(String s) throws UnsupportedRuleException {
        int p = Integer.parseInt(s.strip());
        if (p < 0 || p > 65_535) {
            throw new UnsupportedRuleException("bad port", s);
        }
        return p;
    }
}
