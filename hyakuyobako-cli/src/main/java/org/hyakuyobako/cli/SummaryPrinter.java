package org.hyakuyobako.cli;

import java.util.Collection;
import org.hyakuyobako.event.EvidenceEvent;
import java.io.PrintStream;
import java.nio.file.Path;
import java.util.List;
import org.hyakuyobako.event.CncEvent;
import org.hyakuyobako.net.geo.PeerLocation;
import org.hyakuyobako.net.geo.PeerLocator;
import org.hyakuyobako.event.GroupEvent;
import org.hyakuyobako.event.VerdictEvent;
import java.util.Map;
import org.hyakuyobako.event.Timestamps;
import org.hyakuyobako.pipeline.AnalysisSummary;
import org.hyakuyobako.source.SkipReason;

/** The short summary {@code analyze} prints: what was read, what came out, what was skipped and why. */
final class SummaryPrinter {
    private SummaryPrinter() {
    }

    static final int MAX_VERDICT_LINES = 30;

    /**
     * One line per host the correlation judged, strongest first: verdict, score, the methods that
     * agree, its C&C servers and groups, then the strongest reason on the next line.
     */
    static void printVerdicts(PrintStream out, List<VerdictEvent> verdicts) {
        if (verdicts.isEmpty()) {
            out.println("verdicts: no infected or suspicious host");
            return;
        }
        long infected = verdicts.stream().filter(v -> v.verdict().equals("infected")).count();
        out.printf("verdicts: %d infected, %d suspicious%n", infected, verdicts.size() - infected);
        int width = Math.max(4, verdicts.stream().mapToInt(v -> v.host().length()).max().orElse(4));
        out.printf("  %-" + width + "s  %-10s  %5s  %-36s  %s%n", "host", "verdict", "score", "methods", "C&C / groups");
        int shown = 0;
        for (VerdictEvent v : verdicts) {
            if (shown++ == MAX_VERDICT_LINES) {
                out.printf("  … and %d more (see verdict events)%n", verdicts.size() - MAX_VERDICT_LINES);
                break;
            }
            List<String> where = new java.util.ArrayList<>(v.cnc());
            where.addAll(v.groups());
            out.printf("  %-" + width + "s  %-10s  %5.2f  %-36s  %s%n", v.host(), v.verdict(), v.score(),
                    String.join(",", v.methods().keySet()), where.isEmpty() ? "-" : String.join(" ", where));
            if (!v.evidence().isEmpty()) {
                out.printf("  %" + width + "s  %s%n", "", v.explanation() != null ? v.explanation() : "because: " + v.evidence().get(0).summary());
            }
        }
    }

    /** Server roles learned from traffic, one line per host: their normal behaviour was not counted as evidence. */
    static void printRoles(PrintStream out, List<org.hyakuyobako.event.RoleEvent> roles) {
        if (roles.isEmpty()) {
            return;
        }
        out.println("host roles (their normal behaviour is not evidence):");
        for (org.hyakuyobako.event.RoleEvent r : roles) {
            out.printf("  %s  %s: %s%n", r.host(), r.role(), r.reason());
        }
    }

    /** The C&C servers (with country and AS when outside) and bot groups found, one line each. */
    static void printFindings(PrintStream out, List<CncEvent> cnc, List<GroupEvent> groups, PeerLocator peers) {
        if (cnc.isEmpty()) {
            out.println("C&C servers: none found");
            return;
        }
        out.println("C&C servers:");
        for (CncEvent c : cnc) {
            PeerLocation where = peers.locate(c.cnc().ip());
            out.printf("  %s:%d (%s)  score %.2f  bots %s%s%n", c.cnc().ip(), c.cnc().port(), c.cnc().proto(), c.score(),
                    String.join(", ", c.bots()), where == null ? "" : "  " + where.label());
        }
        out.println("bot groups:");
        for (GroupEvent g : groups) {
            List<String> servers = new java.util.ArrayList<>();
            g.cnc().forEach(e -> servers.add(e.ip() + ":" + e.port()));
            out.printf("  %s  hosts %s  C&C %s%n", g.id(), String.join(", ", g.hosts()), String.join(", ", servers));
        }
    }

    static final int MAX_EVIDENCE_LINES = 20;

    /** One section of evidence: host, peer and the strongest reason, at most {@link #MAX_EVIDENCE_LINES} lines. */
    static void printEvidence(PrintStream out, String title, String method, Collection<EvidenceEvent> found) {
        if (found.isEmpty()) {
            return;
        }
        out.println(title + ":");
        int shown = 0;
        for (EvidenceEvent e : found) {
            if (shown++ == MAX_EVIDENCE_LINES) {
                out.printf("  … and %d more (see evidence events, method %s)%n", found.size() - MAX_EVIDENCE_LINES, method);
                break;
            }
            out.printf("  %s -> %s  score %.2f  %s%n", e.host(), e.peer(), e.score(), e.summary());
        }
    }

    static void print(PrintStream out, AnalysisSummary s, Path outDir) {
        out.printf("read %,d packets from %d of %d file(s), %,.1f MB in %.2f s (%.0f MB/s, %,.0f packets/s)%n",
                s.packets(), s.usableInputs().size(), s.inputsGiven(), s.bytesOnDisk() / 1e6,
                s.elapsedNanos() / 1e9, s.megabytesPerSecond(), s.packetsPerSecond());
        if (s.packets() > 0) {
            out.printf("packet time %s to %s%n", Timestamps.eve(s.firstPacketNanos()), Timestamps.eve(s.lastPacketNanos()));
        }
        out.printf("flows: %,d (evicted early: %,d); IP packets: %,d; fragments reassembled: %,d%n",
                s.flows(), s.flowsEvicted(), s.ipPackets(), s.fragmentsReassembled());
        if (s.skipped().isEmpty()) {
            out.println("skipped: nothing");
        } else {
            StringBuilder sb = new StringBuilder("skipped or tolerated:");
            for (Map.Entry<SkipReason, Long> e : s.skipped().entrySet()) {
                sb.append(' ').append(e.getKey().key()).append('=').append(String.format("%,d", e.getValue()));
            }
            out.println(sb);
        }
        if (!s.detectorCounters().isEmpty()) {
            StringBuilder sb = new StringBuilder("detectors:");
            s.detectorCounters().forEach((k, v) -> sb.append(' ').append(k).append('=').append(String.format("%,d", v)));
            out.println(sb);
        }
        List<String> written = new java.util.ArrayList<>();
        for (String name : List.of("eve.json", "hyakuyobako.duckdb", "report.html")) {
            if (java.nio.file.Files.exists(outDir.resolve(name))) {
                written.add(outDir.resolve(name).toString());
            }
        }
        out.println("output: " + String.join(", ", written));
    }
}
