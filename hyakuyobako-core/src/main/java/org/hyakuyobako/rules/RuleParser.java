package org.hyakuyobako.rules;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;

/**
 * Reads one Snort 2.9 / Suricata 4–7 rule into a {@link Rule}. Hand-written: no Java library reads
 * this language, and the rule must be refused whole (with a countable reason) whenever one option
 * is not understood exactly, which a lenient parser would not do.
 */
public final class RuleParser {
    static final Set<String> ACTIONS = Set.of("alert", "drop", "reject", "rejectsrc", "rejectdst", "rejectboth", "log", "sdrop");
    /**
     * Buffers that Suricata 4 already had as sticky buffers only: after a content they start a new
     * buffer, they never move the content before them.
     */
    private static final Set<String> STICKY_ONLY = Set.of("http_request_line", "http_response_line", "http_header_names",
            "http_accept", "http_accept_enc", "http_accept_lang", "http_connection", "http_content_len", "http_content_type",
            "http_referer", "http_start", "http_protocol", "http_server", "http_location");
    /** Options that change nothing about what matches (or only Suricata's logging). */
    private static final Set<String> IGNORED = Set.of("rawbytes", "target", "tag", "noalert_ignored", "reference_url");

    private final RuleVariables vars;
    private final Map<String, Integer> classPriorities;
    private final Map<String, AddressMatcher> addressCache = new HashMap<>();
    private final Map<String, PortMatcher> portCache = new HashMap<>();

    public RuleParser(RuleVariables vars, Map<String, Integer> classPriorities) {
        this.vars = vars;
        this.classPriorities = classPriorities;
    }

    public Rule parse(String text) throws UnsupportedRuleException {
        int open = text.indexOf('(');
        int close = text.lastIndexOf(')');
        if (open < 0 || close < open) {
            throw new UnsupportedRuleException("not a rule", text.length() > 60 ? text.substring(0, 60) : text);
        }
        Rule rule = new Rule();
        header(text.substring(0, open), rule);
        RuleState st = new RuleState();
        for (String[] option : OptionLexer.split(text.substring(open + 1, close))) {
            option(option[0].toLowerCase(Locale.ROOT), option[1], rule, st);
        }
        finish(rule, st);
        return rule;
    }

    private void header(String header, Rule rule) throws UnsupportedRuleException {
        List<String> t = headerTokens(header);
        if (t.size() != 7) {
            throw new UnsupportedRuleException("bad header", header.strip());
        }
        rule.action = t.get(0).toLowerCase(Locale.ROOT);
        if (rule.action.equals("pass")) {
            throw new UnsupportedRuleException("pass action");
        }
        if (!ACTIONS.contains(rule.action)) {
            throw new UnsupportedRuleException("unknown action", t.get(0));
        }
        rule.protocol = RuleProtocol.parse(t.get(1));
        rule.src = address(t.get(2));
        rule.srcPorts = port(t.get(3));
        switch (t.get(4)) {
            case "->" -> rule.bidirectional = false;
            case "<>" -> rule.bidirectional = true;
            default -> throw new UnsupportedRuleException("bad direction", t.get(4));
        }
        rule.dst = address(t.get(5));
        rule.dstPorts = port(t.get(6));
    }

    private AddressMatcher address(String spec) throws UnsupportedRuleException {
        AddressMatcher m = addressCache.get(spec);
        if (m == null) {
            m = AddressMatcher.parse(spec, vars);
            addressCache.put(spec, m);
        }
        return m;
    }

    private PortMatcher port(String spec) throws UnsupportedRuleException {
        PortMatcher m = portCache.get(spec);
        if (m == null) {
            m = PortMatcher.parse(spec, vars);
            portCache.put(spec, m);
        }
        return m;
    }

    /** Whitespace separates header fields, except inside brackets ({@code [1.2.3.4, 5.6.7.8]}). */
    private static List<String> headerTokens(String header) {
        List<String> out = new ArrayList<>();
        StringBuilder cur = new StringBuilder();
        int depth = 0;
        for (char c : header.strip().toCharArray()) {
            if (c == '[') {
                depth++;
            } else if (c == ']') {
                depth--;
            }
            if (Character.isWhitespace(c) && depth <= 0) {
                if (cur.length() > 0) {
                    out.add(cur.toString());
                    cur.setLength(0);
                }
            } else if (!Character.isWhitespace(c)) {
                cur.append(c);
            }
        }
        if (cur.length() > 0) {
            out.add(cur.toString());
        }
        return out;
    }

    private void option(String key, String value, Rule rule, RuleState st) throws UnsupportedRuleException {
        Buffer modifier = Buffer.byModifier(key);
        if (modifier != null && value == null && st.lastContent != null && !STICKY_ONLY.contains(key)) {
            // Snort style: the modifier moves the content before it into that buffer.
            if (st.usedSticky && st.lastContent.buffer.buffer() != Buffer.PAYLOAD) {
                throw new UnsupportedRuleException("content modifier after a sticky buffer", key);
            }
            st.lastContent.buffer = BufferRef.of(modifier);
            return;
        }
        Buffer sticky = Buffer.bySticky(key);
        if (sticky == null && modifier != null && value == null) {
            sticky = modifier;      // "http_header_names; content:…": Suricata 4's sticky form of the name
        }
        if (sticky != null && value == null) {
            st.sticky = BufferRef.of(sticky);
            st.usedSticky = true;
            st.lastContent = null;
            return;
        }
        Transform transform = Transform.byKeyword(key);
        if (transform != null) {
            if (st.sticky.buffer() == Buffer.PAYLOAD) {
                throw new UnsupportedRuleException("transform without a sticky buffer", key);
            }
            List<Transform> list = new ArrayList<>(st.sticky.transforms());
            list.add(transform);
            st.sticky = new BufferRef(st.sticky.buffer(), List.copyOf(list));
            return;
        }
        switch (key) {
            case "msg" -> rule.msg = OptionLexer.unquote(require(key, value));
            case "sid" -> rule.sid = number(key, value);
            case "rev" -> rule.rev = (int) number(key, value);
            case "gid" -> rule.gid = (int) number(key, value);
            case "classtype" -> rule.classtype = require(key, value);
            case "priority" -> rule.priority = (int) number(key, value);
            case "reference" -> st.references.add(require(key, value));
            case "metadata" -> {
                for (String m : require(key, value).split(",")) {
                    st.metadata.add(m.strip());
                }
            }
            case "pkt_data" -> {
                st.sticky = BufferRef.PAYLOAD;
                st.lastContent = null;
            }
            case "content", "uricontent" -> {
                String v = require(key, value);
                boolean negated = v.startsWith("!");
                ContentOption c = new ContentOption(OptionLexer.contentBytes(negated ? v.substring(1) : v), negated);
                c.buffer = key.equals("uricontent") ? BufferRef.of(Buffer.HTTP_URI) : st.sticky;
                st.add(c);
                st.lastContent = c;
            }
            case "nocase" -> lastContent(key, st).nocase = true;
            case "offset" -> lastContent(key, st).offset = intValue(key, value, st);
            case "depth" -> lastContent(key, st).depth = intValue(key, value, st);
            case "distance" -> lastContent(key, st).distance = intValue(key, value, st);
            case "within" -> lastContent(key, st).within = intValue(key, value, st);
            case "startswith" -> lastContent(key, st).startsWith = true;
            case "endswith" -> lastContent(key, st).endsWith = true;
            case "fast_pattern" -> fastPattern(value, lastContent(key, st));
            case "pcre" -> pcre(require(key, value), st);
            case "byte_test" -> ByteOptionParser.byteTest(require(key, value), st);
            case "byte_jump" -> ByteOptionParser.byteJump(require(key, value), st);
            case "byte_extract" -> ByteOptionParser.byteExtract(require(key, value), st);
            case "isdataat" -> ByteOptionParser.isDataAt(require(key, value), st);
            case "dsize" -> rule.dsize = NumberRange.parse(require(key, value));
            case "urilen" -> {
                String[] parts = require(key, value).split(",");
                rule.urilen = NumberRange.parse(parts[0]);
                rule.urilenRaw = parts.length > 1 && parts[1].strip().equals("raw");
            }
            case "flags" -> rule.flags = TcpFlagsOption.parse(require(key, value));
            case "itype" -> rule.itype = NumberRange.parse(require(key, value));
            case "icode" -> rule.icode = NumberRange.parse(require(key, value));
            case "dns.rcode" -> rule.dnsRcode = NumberRange.parse(require(key, value));
            case "flow" -> rule.flow = FlowOption.parse(require(key, value));
            case "flowbits" -> flowbits(require(key, value), rule, st);
            case "noalert" -> rule.noalert = true;
            case "threshold" -> rule.threshold = ThresholdOption.parse(require(key, value), false);
            case "detection_filter" -> rule.detectionFilter = ThresholdOption.parse(require(key, value), true);
            default -> {
                if (!IGNORED.contains(key)) {
                    throw new UnsupportedRuleException("unsupported keyword " + key);
                }
            }
        }
    }

    private static String require(String key, String value) throws UnsupportedRuleException {
        if (value == null || value.isEmpty()) {
            throw new UnsupportedRuleException("missing value", key);
        }
        return value;
    }

    private static long number(String key, String value) throws UnsupportedRuleException {
        try {
            return Long.parseLong(require(key, value).strip());
        } catch (NumberFormatException e) {
            throw new UnsupportedRuleException("bad number", key + ":" + value);
        }
    }

    private static ContentOption lastContent(String key, RuleState st) throws UnsupportedRuleException {
        if (st.lastContent == null) {
            throw new UnsupportedRuleException("modifier without a content", key);
        }
        return st.lastContent;
    }

    private static IntValue intValue(String key, String value, RuleState st) throws UnsupportedRuleException {
        String v = require(key, value).strip();
        Integer var = st.variables.get(v);
        if (var != null) {
            return new IntValue(0, var);
        }
        try {
            return IntValue.of(Integer.parseInt(v));
        } catch (NumberFormatException e) {
            throw new UnsupportedRuleException("bad number", key + ":" + value);
        }
    }

    private static void fastPattern(String value, ContentOption c) throws UnsupportedRuleException {
        c.fastPattern = true;
        if (value == null) {
            return;
        }
        if (value.strip().equals("only")) {
            return;     // "only": the content is the prefilter's and need not be checked again; we check it anyway
        }
        // "fast_pattern:offset,length": a hint for which part to prefilter on; the whole content still matches.
        if (!value.strip().matches("\\d+\\s*,\\s*\\d+")) {
            throw new UnsupportedRuleException("bad fast_pattern", value);
        }
    }

    private static void pcre(String value, RuleState st) throws UnsupportedRuleException {
        String v = value.strip();
        boolean negated = v.startsWith("!");
        if (negated) {
            v = v.substring(1).strip();
        }
        // Only the quotes go: the backslashes are the expression's own (PCRE reads \; and \" as ; and ").
        if (v.length() >= 2 && v.startsWith("\"") && v.endsWith("\"")) {
            v = v.substring(1, v.length() - 1);
        }
        if (!v.startsWith("/")) {
            throw new UnsupportedRuleException("pcre not in /…/ form");
        }
        int end = v.lastIndexOf('/');
        if (end <= 0) {
            throw new UnsupportedRuleException("pcre not in /…/ form");
        }
        String body = v.substring(1, end);
        String flags = v.substring(end + 1);
        BufferRef buffer = flags.indexOf('R') >= 0 ? st.relativeBuffer() : st.sticky;
        boolean relative = false;
        boolean anchored = false;
        for (char f : flags.toCharArray()) {
            Buffer b = Buffer.byPcreFlag(f);
            if (b != null) {
                buffer = BufferRef.of(b);
                continue;
            }
            switch (f) {
                case 'R' -> relative = true;
                case 'A' -> anchored = true;
                case 'i', 's', 'm', 'x', 'E', 'G', 'O', 'B' -> {
                }
                default -> throw new UnsupportedRuleException("unsupported pcre flag " + f);
            }
        }
        PcreOption p = new PcreOption(buffer, PcreTranslator.compile(body, flags), body, negated, relative, anchored);
        st.add(p);
    }

    private static void flowbits(String value, Rule rule, RuleState st) throws UnsupportedRuleException {
        String[] a = ByteOptionParser.args(value);
        if (a[0].equals("noalert")) {
            rule.noalert = true;
            return;
        }
        if (a.length != 2) {
            throw new UnsupportedRuleException("bad flowbits", value);
        }
        FlowbitsOption.Command c = switch (a[0]) {
            case "set" -> FlowbitsOption.Command.SET;
            case "unset" -> FlowbitsOption.Command.UNSET;
            case "toggle" -> FlowbitsOption.Command.TOGGLE;
            case "isset" -> FlowbitsOption.Command.ISSET;
            case "isnotset" -> FlowbitsOption.Command.ISNOTSET;
            default -> throw new UnsupportedRuleException("unsupported flowbits command", a[0]);
        };
        boolean any = a[1].contains("|");
        List<String> names = new ArrayList<>();
        for (String n : a[1].split("[|&]")) {
            names.add(n.strip());
        }
        st.flowbits.add(new FlowbitsOption(c, List.copyOf(names), any));
    }

    /** Groups the payload options by buffer, picks the fast pattern and the inspection slot. */
    private void finish(Rule rule, RuleState st) throws UnsupportedRuleException {
        if (rule.sid < 0) {
            throw new UnsupportedRuleException("no sid");
        }
        Map<BufferRef, List<PayloadOption>> groups = new LinkedHashMap<>();
        for (PayloadOption o : st.payload) {
            groups.computeIfAbsent(o.buffer(), k -> new ArrayList<>()).add(o);
        }
        for (Map.Entry<BufferRef, List<PayloadOption>> e : groups.entrySet()) {
            e.setValue(List.copyOf(e.getValue()));
        }
        rule.buffers = groups;
        rule.variables = st.variables.size();
        rule.flowbits = List.copyOf(st.flowbits);
        rule.references = List.copyOf(st.references);
        rule.metadata = List.copyOf(st.metadata);
        if (rule.priority == 0) {
            Integer p = rule.classtype == null ? null : classPriorities.get(rule.classtype);
            rule.priority = p == null ? 3 : p;
        }
        rule.slot = RuleClassifier.slot(rule);
        rule.fastPattern = RuleClassifier.fastPattern(rule);
        rule.seal();
    }


}
