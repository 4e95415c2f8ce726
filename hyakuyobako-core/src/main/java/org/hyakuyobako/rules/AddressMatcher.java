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

        @Override
        public Reach reach(List<Cidr> region) {
            return new Reach(true, true, true, true);
        }
    };

    public abstract boolean matches(long hi, long lo);

    /**
     * What this matcher can match inside a region (the home net's prefixes) and outside it, so the
     * engine can leave a rule out of the groups for traffic it cannot match ({@code $HOME_NET ->
     * $EXTERNAL_NET} rules never see a packet from outside). Sound, not exact: a "may" is true
     * whenever some address there matches, an "all" only when every address there does.
     */
    public abstract Reach reach(List<Cidr> region);

    /** See {@link #reach}. */
    public record Reach(boolean mayIn, boolean allIn, boolean mayOut, boolean allOut) {
        /** Whether an address inside ({@code true}) or outside the region may match. */
        public boolean may(boolean inside) {
            return inside ? mayIn : mayOut;
        }
    }

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
            return new Not(parse(s.substring(1).strip(), vars, depth + 1));
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
            return new Combined(positive.toArray(new AddressMatcher[0]), negative.toArray(new AddressMatcher[0]));
        }
        Cidr cidr;
        try {
            cidr = Cidr.parse(s);
        } catch (RuntimeException e) {
            throw new UnsupportedRuleException("bad address", s);
        }
        return new CidrList(List.of(cidr));
    }

    /** {@code !x}: what {@code x} does not match. */
    private static final class Not extends AddressMatcher {
        private final AddressMatcher inner;

        Not(AddressMatcher inner) {
            this.inner = inner;
        }

        @Override
        public boolean matches(long hi, long lo) {
            return !inner.matches(hi, lo);
        }

        @Override
        public Reach reach(List<Cidr> region) {
            Reach r = inner.reach(region);
            return new Reach(!r.allIn(), !r.mayIn(), !r.allOut(), !r.mayOut());
        }
    }

    /** A list with negations or nested lists: in one of the positive items (or there are none) and in no negated one. */
    private static final class Combined extends AddressMatcher {
        private final AddressMatcher[] pos;
        private final AddressMatcher[] neg;

        Combined(AddressMatcher[] pos, AddressMatcher[] neg) {
            this.pos = pos;
            this.neg = neg;
        }

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

        @Override
        public Reach reach(List<Cidr> region) {
            Reach p = anyOf(pos, region, pos.length == 0);
            Reach n = anyOf(neg, region, false);
            return new Reach(p.mayIn() && !n.allIn(), p.allIn() && !n.mayIn(), p.mayOut() && !n.allOut(), p.allOut() && !n.mayOut());
        }

        /** Each answer of some matcher's reach (true for all of them when {@code none} and there are none). */
        private static Reach anyOf(AddressMatcher[] matchers, List<Cidr> region, boolean none) {
            boolean mayIn = none;
            boolean allIn = none;
            boolean mayOut = none;
            boolean allOut = none;
            for (AddressMatcher m : matchers) {
                Reach r = m.reach(region);
                mayIn |= r.mayIn();
                allIn |= r.allIn();
                mayOut |= r.mayOut();
                allOut |= r.allOut();
            }
            return new Reach(mayIn, allIn, mayOut, allOut);
        }
    }

    /** Whether prefix {@code a} holds every address of {@code b}. */
    static boolean covers(Cidr a, Cidr b) {
        return a.bits() <= b.bits() && a.contains(b.hi(), b.lo());
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

        /**
         * Inside: a prefix overlaps one of the region's; all of it when each region prefix lies in one
         * of ours. Outside: a prefix not within one region prefix; never "all" (no list here holds
         * every address outside a home net; claiming less is safe).
         */
        @Override
        public Reach reach(List<Cidr> region) {
            boolean mayIn = false;
            boolean mayOut = false;
            for (Cidr c : cidrs) {
                boolean within = false;
                for (Cidr r : region) {
                    mayIn |= covers(c, r) || covers(r, c);
                    within |= covers(r, c);
                }
                mayOut |= !within;
            }
            boolean allIn = true;
            for (Cidr r : region) {
                boolean held = false;
                for (Cidr c : cidrs) {
                    held |= covers(c, r);
                }
                allIn &= held;
            }
            return new Reach(mayIn, allIn, mayOut, false);
        }
    }
}
