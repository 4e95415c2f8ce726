package org.hyakuyobako.source.firewall;

import java.util.Map;

/**
 * The port names ASA, PIX and FWSM print instead of numbers ({@code outside:192.0.2.1/www}), from
 * Cisco's "Protocols and Applications" table of literal names.
 */
final class PortNames {
    private static final Map<String, Integer> NAMES = Map.ofEntries(
            Map.entry("aol", 5190), Map.entry("bgp", 179), Map.entry("biff", 512), Map.entry("bootpc", 68), Map.entry("bootps", 67),
            Map.entry("chargen", 19), Map.entry("cifs", 3020), Map.entry("citrix-ica", 1494), Map.entry("cmd", 514),
            Map.entry("ctiqbe", 2748), Map.entry("daytime", 13), Map.entry("discard", 9), Map.entry("dnsix", 195),
            Map.entry("domain", 53), Map.entry("echo", 7), Map.entry("exec", 512), Map.entry("finger", 79), Map.entry("ftp", 21),
            Map.entry("ftp-data", 20), Map.entry("gopher", 70), Map.entry("h323", 1720), Map.entry("hostname", 101),
            Map.entry("http", 80), Map.entry("https", 443), Map.entry("ident", 113), Map.entry("imap4", 143), Map.entry("irc", 194),
            Map.entry("isakmp", 500), Map.entry("kerberos", 88), Map.entry("klogin", 543), Map.entry("kshell", 544),
            Map.entry("ldap", 389), Map.entry("ldaps", 636), Map.entry("login", 513), Map.entry("lotusnotes", 1352),
            Map.entry("lpd", 515), Map.entry("mobile-ip", 434), Map.entry("nameserver", 42), Map.entry("netbios-dgm", 138),
            Map.entry("netbios-ns", 137), Map.entry("netbios-ssn", 139), Map.entry("nfs", 2049), Map.entry("nntp", 119),
            Map.entry("ntp", 123), Map.entry("pcanywhere-data", 5631), Map.entry("pcanywhere-status", 5632),
            Map.entry("pim-auto-rp", 496), Map.entry("pop2", 109), Map.entry("pop3", 110), Map.entry("pptp", 1723),
            Map.entry("radius", 1645), Map.entry("radius-acct", 1646), Map.entry("rip", 520), Map.entry("rsh", 514),
            Map.entry("rtsp", 554), Map.entry("secureid-udp", 5510), Map.entry("sip", 5060), Map.entry("smtp", 25),
            Map.entry("snmp", 161), Map.entry("snmptrap", 162), Map.entry("sqlnet", 1521), Map.entry("ssh", 22),
            Map.entry("sunrpc", 111), Map.entry("syslog", 514), Map.entry("tacacs", 49), Map.entry("talk", 517),
            Map.entry("telnet", 23), Map.entry("tftp", 69), Map.entry("time", 37), Map.entry("uucp", 540), Map.entry("who", 513),
            Map.entry("whois", 43), Map.entry("www", 80), Map.entry("xdmcp", 177));

    private PortNames() {
    }

    /** The port number, or -1 for a name not in the table. */
    static int number(String name) {
        return NAMES.getOrDefault(name.toLowerCase(java.util.Locale.ROOT), -1);
    }
}
