package org.hyakuyobako.rules;

import java.util.ArrayList;
import java.util.List;
import org.hyakuyobako.net.Cidr;
import org.hyakuyobako.net.CidrSet;

/**
 * A rule header's address part: {@code any}, CIDRs, variables, lists and negations, resolved once
 * at load. Lists follow Suricata: an address matches when it is in one of the positive items (or
 * there are none) and in none of the negated ones.
 */
public abstract class AddressMatcher {
    public static final AddressMatcher ANY = new AddressMatcher() {
        @Override
        public boolean matches(long hi, long lo) {
            return true;
        }
    };

    public abstract boolean matches(long hi, long lo);

    public boolean isAny() {
        return this == ANY;
    }

    static AddressMatcher parse(String spec, RuleVariables vars) throws UnsupportedRuleException {
        return parse(ListSyntax.bracketBareList(spec.strip()), vars, 0);
    }

    private static AddressMatcher parse(String s, RuleVariables vars, int depth) throws UnsupportedRuleException {
        if (depth > ListSyntax.MAX_DEPTH) {
            throw new UnsupportedRuleException("address too deeply nested", s);
        }
        if (s.equals("any")) {
            return ANY;
        }
        if (s.startsWith("!")) {
            AddressMatcher inner = parse(s.substring(1).strip(), vars, depth + 1);
            return new AddressMatcher() {
                @Override
                public boolean matches(long hi, long lo) {
                    return !inner.matches(hi, lo);
                }
            };
        }
        if (s.startsWith("$")) {
            String value = vars.address(s.substring(1));
            if (value == null) {
                throw new UnsupportedRuleException("unknown address variable", s);
            }
            return parse(value.strip(), vars, depth + 1);
        }
        if (ListSyntax.isList(s)) {
            List<AddressMatcher> positive = new ArrayList<>();
            List<AddressMatcher> negative = new ArrayList<>();
            List<Cidr> cidrs = new ArrayList<>();
            for (String item : ListSyntax.items(s)) {
                if (item.startsWith("!")) {
                    negative.add(parse(item.substring(1).strip(), vars, depth + 1));
                } else {
                    AddressMatcher m = parse(item, vars, depth + 1);
                    if (m instanceof CidrList list) {
                        cidrs.addAll(list.cidrs);       // plain prefixes, however nested, go into one set
                    } else {
                        positive.add(m);
                    }
                }
            }
            if (positive.contains(ANY) && negative.isEmpty()) {
                return ANY;
            }
            if (positive.isEmpty() && negative.isEmpty()) {
                return new CidrList(cidrs);
            }
            if (!cidrs.isEmpty()) {
                positive.add(new CidrList(cidrs));
            }
            AddressMatcher[] pos = positive.toArray(new AddressMatcher[0]);
            AddressMatcher[] neg = negative.toArray(new AddressMatcher[0]);
            return new AddressMatcher() {
                @Override
                public boolean matches(long hi, long lo) {
                    for (AddressMatcher n : neg) {
                        if (n.matches(hi, lo)) {
                            return false;
                        }
                    }
                    if (pos.length == 0) {
                        return true;
                    }
                    for (AddressMatcher p : pos) {
                        if (p.matches(hi, lo)) {
                            return true;
                        }
                    }
                    return false;
                }
            };
        }
        Cidr cidr;
        try {
            cidr = Cidr.parse(s);
        } catch (RuntimeException e) {
            throw new UnsupportedRuleException("bad address", s);
        }
        return new CidrList(List.of(cidr));
    }

    /**
     * A plain list of prefixes: matched through a {@link CidrSet}, and offered to the engine's
     * address index (so a reputation rule is only looked at for the addresses it lists).
     */
    public static final class CidrList extends AddressMatcher {
        private final List<Cidr> cidrs;
        private final CidrSet set = new CidrSet();
        private final Cidr single;

        CidrList(List<Cidr> cidrs) {
            this.cidrs = List.copyOf(cidrs);
            this.single = cidrs.size() == 1 ? cidrs.get(0) : null;
            for (Cidr c : cidrs) {
                set.add(c, 0);
            }
        }

        public List<Cidr> cidrs() {
            return cidrs;
        }

        @Override
        public boolean matches(long hi, long lo) {
            return single != null ? single.contains(hi, lo) : set.contains(hi, lo);
        }
    }
}
