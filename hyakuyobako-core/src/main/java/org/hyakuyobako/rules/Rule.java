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

    /** True when nothing but the header and flow state decides (IP reputation lists): checked once per flow direction. */
    public boolean headerOnly() {
        return buffers.isEmpty() && dsize == null && flags == null && itype == null && icode == null && flowbits.isEmpty()
                && urilen == null && dnsRcode == null;
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
