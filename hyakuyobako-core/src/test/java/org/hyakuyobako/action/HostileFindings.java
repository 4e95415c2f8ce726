package org.hyakuyobako.action;

import java.util.List;
import java.util.Set;

/**
 * Findings built by hand whose strings are what an attacker would put into traffic to break an
 * export: quotes, semicolons, pipes, backslashes, newlines, zone directives, non-ASCII. Beside them
 * stand ordinary indicators, which every writer must keep.
 */
final class HostileFindings {
    static final long T0 = 1_209_369_600_000_000_000L; // 2008-04-28T08:00:00Z
    static final String BOT = "198.51.100.20";

    static final String HOSTILE_CHANNEL = "#c\"h;a\\n|l\r\nJOIN #x";
    static final String HOSTILE_COMMAND = ".download http://x/a.exe\"; sid:1; content:\"|00|\" ;)\nalert ip any any -> any any (sid:2;)";
    static final String HOSTILE_UTF8_CHANNEL = "#日本語ボット";
    static final String HOSTILE_URL = "http://evil.example/a b\";|\\x.exe?q=';--\n$INCLUDE";
    static final List<String> HOSTILE_DOMAINS = List.of("evil.example\"; drop", "a.b\nzone", "ex;ample.com",
            "éxample.com", "x|y.com", "$INCLUDE /etc/passwd", "bad.example. IN A 1.2.3.4", "-lead.example", "a..b.example");
    static final String HOSTILE_ADDRESS = "1.2.3.4; rm -rf /";
    static final String JA3 = "51c64c77e60f3980eea90869b68c58a8";
    static final String JA4 = "t12i190600_d83cc789557e_2dae41c691ec";
    /** Fingerprint values no hello gives: an injection, upper case, one digit short, a JA4 with a quote. */
    static final List<String> HOSTILE_JA3 = List.of(JA3 + "\"; sid:1; content:\"x", JA3.toUpperCase(java.util.Locale.ROOT),
            JA3.substring(1), JA3 + "\n");
    static final List<String> HOSTILE_JA4 = List.of("t12i190600_d83cc789557e_2dae41c691e\"", "t12i190600_d83cc789557e", JA4 + " ");

    private HostileFindings() {
    }

    static Indicator address(Indicator.Role role, String ip, int port, String transport) {
        return new Indicator(Indicator.Kind.ADDRESS, role, ip, port, transport, "irc", Set.of(BOT), T0, T0 + 60_000_000_000L,
                "obeys " + ip + " \"quoted\"; reason", List.of("sync-1"));
    }

    static Indicator other(Indicator.Kind kind, String value) {
        return new Indicator(kind, Indicator.Role.CNC, value, 0, null, null, Set.of(BOT), T0, T0, "seen", List.of());
    }

    static Findings findings() {
        List<Indicator> indicators = new java.util.ArrayList<>(List.of(
                address(Indicator.Role.CNC, "192.0.2.66", 6667, "tcp"),
                address(Indicator.Role.CNC, "2001:db8::66", 443, "tcp"),
                address(Indicator.Role.CNC, "192.0.2.99", 0, "ip"),
                address(Indicator.Role.DOWNLOAD, "203.0.113.80", 8080, "tcp"),
                address(Indicator.Role.DOWNLOAD, "2001:db8:0:1::80", 80, "tcp"),
                address(Indicator.Role.CNC, HOSTILE_ADDRESS, 80, "tcp"),
                other(Indicator.Kind.DOMAIN, "Good-Bad.Example."),
                other(Indicator.Kind.DOMAIN, "cnc_1.dyn.example"),
                other(Indicator.Kind.URL, "http://evil.example:8080/load/x.exe"),
                other(Indicator.Kind.URL, HOSTILE_URL),
                other(Indicator.Kind.IRC_CHANNEL, "#hp"),
                other(Indicator.Kind.IRC_CHANNEL, HOSTILE_CHANNEL),
                other(Indicator.Kind.IRC_CHANNEL, HOSTILE_UTF8_CHANNEL),
                other(Indicator.Kind.IRC_COMMAND, HOSTILE_COMMAND)));
        for (String d : HOSTILE_DOMAINS) {
            indicators.add(other(Indicator.Kind.DOMAIN, d));
        }
        indicators.add(other(Indicator.Kind.JA3, JA3));
        indicators.add(other(Indicator.Kind.JA4, JA4));
        HOSTILE_JA3.forEach(v -> indicators.add(other(Indicator.Kind.JA3, v)));
        HOSTILE_JA4.forEach(v -> indicators.add(other(Indicator.Kind.JA4, v)));
        List<Findings.Host> hosts = List.of(new Findings.Host(BOT, "infected", 0.98, T0, T0 + 120_000_000_000L,
                List.of("sync", "irc"), List.of("192.0.2.66:6667"), List.of("sync-1")));
        return new Findings("run \"with\"; odd\nname", List.of("honeypot-a"), T0, T0 + 600_000_000_000L, hosts, indicators);
    }
}
