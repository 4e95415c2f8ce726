package org.hyakuyobako.action;

import java.util.List;
import java.util.Set;

/**
 * One thing a defender can block, sinkhole or share, taken from a run's findings: a C&C endpoint,
 * a download source, a domain, a URL, an IRC channel or command, a TLS fingerprint. Every writer
 * (rules, firewall, DNS, STIX, MISP) reads this one shape, so they all export the same facts.
 *
 * @param kind what the value is
 * @param role why it is bad: what the infected hosts used it for
 * @param value the indicator as written in its kind: "192.0.2.66", "evil.example",
 *     "http://evil.example/x.exe", "#channel", ".advscan dcom135", a JA3 hash. Straight from
 *     traffic, so hostile: every writer escapes or refuses it
 * @param port the endpoint's port for {@link Kind#ADDRESS} (0 when any port), else 0
 * @param transport "tcp", "udp" or "ip" for addresses, else null
 * @param appProto the application protocol seen ("irc", "http", "tls", ...), or null
 * @param hosts the monitored hosts that used it (the sightings)
 * @param firstNanos first use by one of those hosts, packet time
 * @param lastNanos last use
 * @param reason one sentence: the evidence that made it an indicator
 * @param groups the bot groups whose C&C it is, if any
 */
public record Indicator(Kind kind, Role role, String value, int port, String transport, String appProto,
                        Set<String> hosts, long firstNanos, long lastNanos, String reason, List<String> groups) {
    public enum Kind {
        /** An IPv4 or IPv6 address, with a port when the endpoint is known. */
        ADDRESS,
        DOMAIN,
        URL,
        IRC_CHANNEL,
        IRC_COMMAND,
        JA3,
        JA4
    }

    public enum Role {
        /** Command and control: the bots obey it, report to it or beacon to it. */
        CNC("command and control"),
        /** The infected hosts fetched code from it. */
        DOWNLOAD("malware download");

        private final String words;

        Role(String words) {
            this.words = words;
        }

        public String words() {
            return words;
        }
    }

    public boolean isIpv6() {
        return kind == Kind.ADDRESS && value.indexOf(':') >= 0;
    }

    /** "192.0.2.66:6667", "[2001:db8::1]:443", or the bare address when no port is known. */
    public String endpoint() {
        if (kind != Kind.ADDRESS || port == 0) {
            return value;
        }
        return (isIpv6() ? "[" + value + "]" : value) + ":" + port;
    }
}
