package org.hyakuyobako.rules;

/**
 * The protocol in a rule header: a transport ({@code tcp udp icmp ip}) or an application protocol,
 * which Suricata matches on connections whose content was identified as that protocol.
 */
public enum RuleProtocol {
    IP, TCP, UDP, ICMP, HTTP, TLS, DNS, SMTP, FTP, SSH, SMB,
    /** Ours (Suricata has no IRC parser): TCP connections identified as IRC by content, on any port. */
    IRC;

    static RuleProtocol parse(String s) throws UnsupportedRuleException {
        return switch (s.toLowerCase(java.util.Locale.ROOT)) {
            case "ip", "pkthdr" -> IP;
            case "tcp", "tcp-pkt", "tcp-stream" -> TCP;
            case "udp" -> UDP;
            case "icmp" -> ICMP;
            case "http", "http1" -> HTTP;
            case "tls", "ssl" -> TLS;
            case "dns" -> DNS;
            case "smtp" -> SMTP;
            case "ftp" -> FTP;
            case "ssh" -> SSH;
            case "smb" -> SMB;
            case "irc" -> IRC;
            default -> throw new UnsupportedRuleException("unsupported protocol", s);
        };
    }

    /** The EVE app_proto a flow must have, or null for the transports. */
    public String appProto() {
        return switch (this) {
            case HTTP -> "http";
            case TLS -> "tls";
            case DNS -> "dns";
            case SMTP -> "smtp";
            case FTP -> "ftp";
            case SSH -> "ssh";
            case SMB -> "smb";
            case IRC -> "irc";
            default -> null;
        };
    }
}
