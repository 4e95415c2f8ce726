package org.hyakuyobako.decode;

/** IP protocol numbers we treat specially, and their EVE names. */
public final class IpProtocol {
    public static final int HOPOPT = 0;
    public static final int ICMP = 1;
    public static final int TCP = 6;
    public static final int UDP = 17;
    public static final int IPV6_ROUTE = 43;
    public static final int IPV6_FRAG = 44;
    public static final int ESP = 50;
    public static final int AH = 51;
    public static final int ICMPV6 = 58;
    public static final int IPV6_NONXT = 59;
    public static final int IPV6_OPTS = 60;
    public static final int MOBILITY = 135;
    public static final int HIP = 139;
    public static final int SHIM6 = 140;
    public static final int SCTP = 132;

    private IpProtocol() {
    }

    /** The protocol name as Suricata's EVE writes it ("TCP", "UDP", "ICMP", "IPv6-ICMP", or the number). */
    public static String eveName(int protocol) {
        return switch (protocol) {
            case TCP -> "TCP";
            case UDP -> "UDP";
            case ICMP -> "ICMP";
            case ICMPV6 -> "IPv6-ICMP";
            case SCTP -> "SCTP";
            case ESP -> "ESP";
            case AH -> "AH";
            case 47 -> "GRE";
            default -> Integer.toString(protocol);
        };
    }

    /** The transport name as Zeek's conn.log writes it. */
    public static String zeekName(int protocol) {
        return switch (protocol) {
            case TCP -> "tcp";
            case UDP -> "udp";
            case ICMP, ICMPV6 -> "icmp";
            default -> "unknown_transport";
        };
    }
}
