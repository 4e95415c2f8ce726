package org.hyakuyobako.rules;

import java.util.List;
import java.util.Map;

/**
 * One loaded rule: its header as matchers, its payload options grouped by the buffer they inspect
 * (in rule order, which relative matching needs), and the other conditions. Built by
 * {@link RuleParser}; never changed after.
 */
public final class Rule {
    public String action;
    public RuleProtocol protocol;
    public AddressMatcher src;
    public PortMatcher srcPorts;
    public AddressMatcher dst;
    public PortMatcher dstPorts;
    public boolean bidirectional;

    public String msg = "";
    public long sid = -1;
    public int rev;
    public int gid = 1;
    public String classtype;
    /** 1 (high) to 4; from {@code priority}, else the classtype's, else 3. */
    public int priority;
    public List<String> references = List.of();
    public List<String> metadata = List.of();

    /** Payload options by buffer, each list in rule order. */
    public Map<BufferRef, List<PayloadOption>> buffers = Map.of();
    /** The content the prefilter looks for, or null when the rule has no positive content. */
    public ContentOption fastPattern;
    /** How many byte_extract variables the rule declares. */
    public int variables;

    public NumberRange dsize;
    public NumberRange urilen;
    public boolean urilenRaw;
    public TcpFlagsOption flags;
    public NumberRange itype;
    public NumberRange icode;
    public NumberRange dnsRcode;
    public FlowOption flow = FlowOption.NONE;
    public List<FlowbitsOption> flowbits = List.of();
    public boolean noalert;
    public ThresholdOption threshold;
    public ThresholdOption detectionFilter;
    public Slot slot;

    /** Where it came from, for messages. */
    public String file;
    public int line;

    /**
     * True when nothing but the header decides (IP reputation lists, which may set flowbits):
     * checked on the first packet of each side of a connection only.
     */
    public boolean headerOnly() {
        return headerOnly;
    }

    private boolean headerOnly;

    /** Called once the rule is complete. */
    void seal() {
        boolean conditions = false;
        for (FlowbitsOption f : flowbits) {
            conditions |= f.isCondition();
        }
        headerOnly = buffers.isEmpty() && dsize == null && flags == null && itype == null && icode == null && !conditions
                && urilen == null && dnsRcode == null && flow.equals(FlowOption.NONE);
    }

    public boolean setsFlowbits() {
        for (FlowbitsOption f : flowbits) {
            if (!f.isCondition()) {
                return true;
            }
        }
        return false;
    }

    @Override
    public String toString() {
        return "sid " + sid + " (" + msg + ")";
    }
}
