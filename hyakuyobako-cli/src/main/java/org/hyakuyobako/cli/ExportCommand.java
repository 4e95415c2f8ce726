package org.hyakuyobako.cli;

import java.io.IOException;
import java.nio.file.Path;
import java.time.Instant;
import java.util.List;
import java.util.concurrent.Callable;
import org.hyakuyobako.action.ExportFormats;
import org.hyakuyobako.action.ExportSettings;
import org.hyakuyobako.action.Exporter;
import org.hyakuyobako.action.Findings;
import org.hyakuyobako.action.FindingsReader;
import org.hyakuyobako.action.FindingsWriter;
import org.hyakuyobako.action.Indicator;
import org.hyakuyobako.action.RefusedIndicators;
import org.hyakuyobako.net.DnsNames;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/** {@code export}: a run's findings as IDS rules, firewall lines, DNS zones, STIX and MISP (docs/actions.md). */
@Command(name = "export", mixinStandardHelpOptions = true, sortOptions = false,
        description = {
            "Turn a run's findings into actions: Suricata and Snort rules, nftables, iptables and Cisco ASA",
            "block lists, a BIND response policy zone and an Unbound zone, a STIX 2.1 bundle and a MISP event.",
            "Only what hosts at or above --min-verdict used is exported (C&C and download endpoints, their",
            "domains and URLs, IRC channels and commands)."
        })
final class ExportCommand implements Callable<Integer> {
    @Option(names = "--results", paramLabel = "DIR", defaultValue = "hyakuyobako-out",
            description = "The result directory of an analyze run (default: ${DEFAULT-VALUE}).")
    Path results;

    @Option(names = "--out", required = true, paramLabel = "DIR", description = "Where to write the files (created when missing).")
    Path out;

    @Option(names = "--what", paramLabel = "KIND[,KIND...]", defaultValue = "all",
            description = "What to write: all (default), rules, snort, firewall (= nftables, iptables, asa), dns (= rpz, unbound),"
                    + " or any of those names.")
    String what;

    @Option(names = "--min-verdict", paramLabel = "LEVEL", defaultValue = "infected",
            description = "Export what hosts judged at least this used: infected (default) or suspicious.")
    String minVerdict;

    @Option(names = "--host", paramLabel = "IP", description = "Only this host's verdict and the indicators it used.")
    String host;

    @Option(names = "--sid-range", paramLabel = "FIRST-LAST", defaultValue = "9200000-9299999",
            description = "Sids of the exported rules (default: ${DEFAULT-VALUE}, in the local range above ET Open's).")
    String sidRange;

    @Option(names = "--sinkhole", paramLabel = "IP|nxdomain", defaultValue = "nxdomain",
            description = "What the DNS zones answer for malware domains: NXDOMAIN (default) or this sinkhole address.")
    String sinkhole;

    @Option(names = "--producer", paramLabel = "NAME", defaultValue = ExportSettings.DEFAULT_PRODUCER,
            description = "Who made the export: the STIX identity and the MISP organisation (default: ${DEFAULT-VALUE}).")
    String producer;

    @Override
    public Integer call() throws IOException {
        List<FindingsWriter> writers;
        ExportSettings settings;
        try {
            writers = ExportFormats.select(what);
            FindingsReader.verdictsAtLeast(minVerdict);
            settings = new ExportSettings(sid(0), sid(1), "nxdomain".equalsIgnoreCase(sinkhole) ? null : sinkhole,
                    producer, Instant.now());
        } catch (IllegalArgumentException e) {
            throw new UserError(e.getMessage());
        }
        if (host != null && !DnsNames.isAddressLiteral(host)) {
            throw new UserError("--host " + host + ": not an IP address");
        }
        Findings findings;
        try {
            findings = new FindingsReader().read(results, minVerdict);
        } catch (IOException e) {
            throw new UserError(e.getMessage());
        }
        if (host != null) {
            findings = findings.forHost(host);
        }
        Exporter exporter = new Exporter();
        List<Exporter.Written> written;
        try {
            written = exporter.export(findings, settings, writers, out);
        } catch (IllegalStateException e) {
            throw new UserError(e.getMessage());
        }
        System.out.printf("%d host(s) at or above %s%s, %d indicator(s): %s%n", findings.hosts().size(), minVerdict,
                host == null ? "" : " (only " + host + ")", findings.indicators().size(), counts(findings));
        for (Exporter.Written w : written) {
            System.out.printf("  %-9s %s (%,d bytes)%n", w.writer().kind(), w.file(), w.bytes());
        }
        RefusedIndicators refused = exporter.refused();
        if (refused.count() > 0) {
            System.err.printf("export: %d indicator(s) left out where their text could not be made safe:%n", refused.count());
            refused.all().stream().limit(10).forEach(r -> System.err.printf("  %s: %s %s: %s%n", r.kind(),
                    r.indicator().kind().name().toLowerCase(), printable(r.indicator().value()), r.reason()));
        }
        if (findings.hosts().isEmpty()) {
            System.out.println("no host was judged " + minVerdict + " in " + results + ": the files hold no indicators");
        }
        return 0;
    }

    private long sid(int which) {
        String[] parts = sidRange.split("-");
        try {
            if (parts.length != 2) {
                throw new NumberFormatException();
            }
            return Long.parseLong(parts[which].strip());
        } catch (NumberFormatException e) {
            throw new UserError("--sid-range " + sidRange + ": expected FIRST-LAST, e.g. 9200000-9299999");
        }
    }

    private static String counts(Findings f) {
        StringBuilder s = new StringBuilder();
        for (Indicator.Kind k : Indicator.Kind.values()) {
            long n = f.of(k).size();
            if (n > 0) {
                s.append(s.length() == 0 ? "" : ", ").append(n).append(' ').append(k.name().toLowerCase().replace('_', ' '));
            }
        }
        return s.length() == 0 ? "none" : s.toString();
    }

    /** A value from traffic as it may be printed on a terminal: no control characters. */
    private static String printable(String s) {
        StringBuilder out = new StringBuilder();
        s.codePoints().limit(80).forEach(c -> out.append(Character.isISOControl(c) ? "\\x" + Integer.toHexString(c) : Character.toString(c)));
        return "'" + out + "'";
    }
}
