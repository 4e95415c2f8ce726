package org.hyakuyobako.decode;

/**
 * The ICMP "port" pairs that Zeek and Community ID use: a request type is paired with its reply
 * type so both directions fall in one flow; unpaired types use the code as the second port.
 */
public final class IcmpCounterparts {
    private IcmpCounterparts() {
    }

    /** The responder-side "port" for an ICMP message: the paired type, or the code when unpaired. */
    public static int counterpart(boolean v6, int type, int code) {
        int paired = v6 ? v6Pair(type) : v4Pair(type);
        return paired >= 0 ? paired : code;
    }

    /** Whether the type has a paired request/reply counterpart (two-way), per Community ID. */
    public static boolean isTwoWay(boolean v6, int type) {
        return (v6 ? v6Pair(type) : v4Pair(type)) >= 0;
    }

    static int v4Pair(int type) {
        return switch (type) {
            case 8 -> 0;     // echo request -> echo reply
            case 0 -> 8;
            case 13 -> 14;   // timestamp
            case 14 -> 13;
            case 15 -> 16;   // information
            case 16 -> 15;
            case 10 -> 9;    // router solicitation -> advertisement
            case 9 -> 10;
            case 17 -> 18;   // address mask
            case 18 -> 17;
            default -> -1;
        };
    }

    static int v6Pair(int type) {
        return switch (type) {
            case 128 -> 129; // echo request -> reply
            case 129 -> 128;
            case 133 -> 134; // router solicitation -> advertisement
            case 134 -> 133;
            case 135 -> 136; // neighbour solicitation -> advertisement
            case 136 -> 135;
            case 130 -> 131; // multicast listener query -> report
            case 131 -> 130;
            case 144 -> 145; // home agent address discovery
            case 145 -> 144;
            default -> -1;
        };
    }
}
