package org.hyakuyobako.correlate;

import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.List;

/**
 * One story in a host's evidence (D9, BotHunter's dialog read as a story, not a sum): items that
 * follow from one another, in time order. An attacker's exploit or shell, then code fetched from
 * that attacker or from an address its commands named, is an infection; code fetched, then C&C
 * contact or attacks, is code that ran. The chain is one piece of evidence of its own (method
 * {@code chain}) and the only thing that earns the life-cycle bonus for the inbound, exploit and
 * download stages.
 *
 * @param links the items, first to last
 * @param score how sure the story is: 0.9 for an infection (entry then download), 0.95 when the
 *     fetched code then ran, 0.8 for a download followed by activity, 0.85 for an attacker the
 *     host then contacted
 */
record InfectionChain(List<EvidenceItem> links, double score) {
    private static final DateTimeFormatter CLOCK = DateTimeFormatter.ofPattern("HH:mm:ss").withZone(ZoneOffset.UTC);

    long first() {
        return links.get(0).first;
    }

    long last() {
        return links.get(links.size() - 1).first;
    }

    /** The chain in one sentence a person can check: each step, its peer, its time and the delay from the step before. */
    String sentence() {
        List<String> steps = new ArrayList<>();
        EvidenceItem before = null;
        for (EvidenceItem i : links) {
            String when = CLOCK.format(Instant.ofEpochSecond(0, i.first));
            String delay = before == null ? "" : ", " + seconds(i.first - before.first) + " later";
            steps.add(step(i) + (i.peer == null ? "" : " " + i.peer) + " (" + when + delay + ")");
            before = i;
        }
        return String.join(" → ", steps);
    }

    private static String step(EvidenceItem i) {
        return switch (i.method) {
            case "exploit" -> "exploited by";
            case "shell" -> "runs an attacker's commands from";
            case "download" -> "fetches code from";
            case "sync", "irc", "irc-channel", "timing", "beacon", "tls", "http-c2", "blacklist", "dns" -> "contacts C&C";
            case "scan" -> "scans";
            case "spam" -> "sends spam";
            case "dos" -> "floods";
            case "shell-control" -> "takes over";
            default -> i.method;
        };
    }

    private static String seconds(long nanos) {
        double s = Math.max(0, nanos) / 1e9;
        return s < 120 ? String.format("%.0f s", s) : String.format("%.0f min", s / 60);
    }
}
