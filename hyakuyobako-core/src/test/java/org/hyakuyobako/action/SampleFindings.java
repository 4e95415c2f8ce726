package org.hyakuyobako.action;

import java.time.Instant;
import java.util.List;
import java.util.Set;

/** Findings built by hand: one of every indicator kind, and findings around a single hostile value. */
public final class SampleFindings {
    /** 2023-11-14T22:13:20Z, packet time of the first C&C contact. */
    public static final long T0 = 1_700_000_000_000_000_000L;
    public static final long MINUTE = 60_000_000_000L;
    public static final Instant EXPORTED = Instant.parse("2024-01-02T03:04:05.678Z");

    private SampleFindings() {
    }

    public static Indicator cnc() {
        return new Indicator(Indicator.Kind.ADDRESS, Indicator.Role.CNC, "192.0.2.66", 6667, "tcp", "irc",
                Set.of("10.0.0.5", "10.0.0.6"), T0, T0 + 30 * MINUTE, "10.0.0.5 obeyed .advscan from 192.0.2.66:6667 (irc)",
                List.of("sync-1"));
    }

    public static Findings everyKind() {
        List<Indicator> indicators = List.of(
                cnc(),
                new Indicator(Indicator.Kind.ADDRESS, Indicator.Role.CNC, "2001:db8::66", 443, "tcp", "tls", Set.of("10.0.0.7"),
                        T0 + MINUTE, T0 + 20 * MINUTE, "10.0.0.7 beacons to [2001:db8::66]:443 every 60 s", List.of()),
                new Indicator(Indicator.Kind.ADDRESS, Indicator.Role.DOWNLOAD, "198.51.100.9", 80, "tcp", "http", Set.of("10.0.0.5"),
                        T0 + 2 * MINUTE, T0 + 2 * MINUTE, "10.0.0.5 downloaded an executable from 198.51.100.9:80", List.of()),
                new Indicator(Indicator.Kind.DOMAIN, Indicator.Role.CNC, "cc.evil.example", 0, null, null, Set.of("10.0.0.5"),
                        T0, T0, "resolves to the command and control server 192.0.2.66", List.of()),
                new Indicator(Indicator.Kind.DOMAIN, Indicator.Role.DOWNLOAD, "evil.example", 0, null, null, Set.of("10.0.0.5"),
                        T0, T0, "HTTP host of the malware download server 198.51.100.9:80", List.of()),
                new Indicator(Indicator.Kind.URL, Indicator.Role.DOWNLOAD, "http://evil.example/x.exe", 0, null, null,
                        Set.of("10.0.0.5"), T0 + 2 * MINUTE, T0 + 2 * MINUTE, "fetched by 10.0.0.5 from 198.51.100.9:80", List.of()),
                new Indicator(Indicator.Kind.IRC_CHANNEL, Indicator.Role.CNC, "#b0tz", 0, null, null, Set.of("10.0.0.5", "10.0.0.6"),
                        T0, T0 + MINUTE, "channel the bots joined on the IRC C&C 192.0.2.66:6667", List.of()),
                new Indicator(Indicator.Kind.IRC_COMMAND, Indicator.Role.CNC, ".advscan dcom135 100 5 0", 0, null, null,
                        Set.of("10.0.0.5"), T0 + MINUTE, T0 + MINUTE, "bot command sent by the IRC C&C 192.0.2.66:6667 in #b0tz",
                        List.of()),
                new Indicator(Indicator.Kind.JA3, Indicator.Role.CNC, "e7d705a3286e19ea42f587b344ee6865", 0, null, null,
                        Set.of("10.0.0.9"), T0, T0, "TLS fingerprint of 10.0.0.9's beacon", List.of()));
        List<Findings.Host> hosts = List.of(
                new Findings.Host("10.0.0.5", "infected", 0.97, T0, T0 + 30 * MINUTE, List.of("irc"), List.of("192.0.2.66:6667"),
                        List.of("sync-1")),
                new Findings.Host("10.0.0.6", "infected", 0.9, T0, T0 + 30 * MINUTE, List.of("irc"), List.of("192.0.2.66:6667"),
                        List.of("sync-1")),
                new Findings.Host("10.0.0.7", "infected", 0.8, T0, T0 + 20 * MINUTE, List.of("beacon"), List.of(), List.of()));
        return new Findings("sample-run", List.of("honeypot-a"), T0, T0 + 30 * MINUTE, hosts, indicators);
    }

    /** Findings of one indicator with a value straight from hostile traffic. */
    public static Findings one(Indicator.Kind kind, Indicator.Role role, String value, int port) {
        Indicator i = new Indicator(kind, role, value, port, port == 0 ? null : "tcp", null, Set.of("10.0.0.5"), T0, T0,
                "seen in hostile traffic: " + value, List.of());
        Findings.Host h = new Findings.Host("10.0.0.5", "infected", 0.9, T0, T0, List.of("irc"), List.of(), List.of());
        return new Findings("hostile", List.of(), T0, T0, List.of(h), List.of(i));
    }
}
