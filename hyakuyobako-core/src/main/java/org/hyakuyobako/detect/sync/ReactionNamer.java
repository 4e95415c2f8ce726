package org.hyakuyobako.detect.sync;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;
import org.hyakuyobako.decode.IpAddresses;
import org.hyakuyobako.event.ReactionSummary;

/**
 * Names what a C&C's bots did after its commands: the mail servers they relayed spam through, the
 * targets they swept, the victims they flooded, the mirrors they downloaded from. Looks at each
 * bot's bot-like reactions that start within two minutes of a reaction the finding rests on.
 */
final class ReactionNamer {
    static final long AFTER_NANOS = 120_000_000_000L;
    static final long BEFORE_NANOS = 1_000_000_000L;
    static final int SAMPLE = 10;

    private final Map<String, List<Reaction>> byHost = new TreeMap<>();
    private final Set<Integer> infrastructurePorts;

    ReactionNamer(List<Reaction> botLike, Set<Integer> infrastructurePorts) {
        this.infrastructurePorts = infrastructurePorts;
        for (Reaction r : botLike) {
            byHost.computeIfAbsent(r.host, k -> new ArrayList<>()).add(r);
        }
    }

    /** Whether the target made the reaction what it was (not the DNS look-up before a spam run). */
    private boolean partOf(ReactionKind kind, Reaction.Target t, int port) {
        if (kind == ReactionKind.FLOOD) {
            return t.flooded;
        }
        if (infrastructurePorts.contains(port)) {
            return false;
        }
        return switch (kind) {
            case SPAM -> ReactionClassifier.MAIL_PORTS.contains(port);
            case DOWNLOAD -> t.downloaded;
            case FLOOD -> t.flooded;
            case SCAN, FANOUT -> true;
        };
    }

    /** A download one of the finding's bots made as its reaction to a command: from where, how much, when. */
    record Download(String host, String from, long bytes, long atNanos) {
    }

    /** The downloads the finding's bots made in the reactions it rests on (a per-bot mirror, a shared file server). */
    List<Download> downloads(CncFinding finding) {
        List<Download> out = new ArrayList<>();
        for (Map.Entry<String, List<long[]>> bot : finding.perBot().entrySet()) {
            for (long[] occasion : bot.getValue()) {
                for (Reaction r : byHost.getOrDefault(bot.getKey(), List.of())) {
                    if (r.startNanos != occasion[0] || r.kind != ReactionKind.DOWNLOAD) {
                        continue;
                    }
                    for (Reaction.Target t : r.targets.values()) {
                        if (t.downloaded) {
                            out.add(new Download(bot.getKey(), IpAddresses.format(t.hi, t.lo), t.bytesIn + t.bytesUnsplit, r.startNanos));
                        }
                    }
                }
            }
        }
        return out;
    }

    List<ReactionSummary> name(CncFinding finding) {
        Map<String, Set<String>> endpoints = new TreeMap<>();
        for (Map.Entry<String, List<long[]>> bot : finding.perBot().entrySet()) {
            for (long[] occasion : bot.getValue()) {
                long from = occasion[0] - BEFORE_NANOS;
                long to = occasion[0] + AFTER_NANOS;
                for (Reaction r : byHost.getOrDefault(bot.getKey(), List.of())) {
                    if (r.startNanos < from || r.startNanos > to) {
                        continue;
                    }
                    for (Reaction.Target t : r.targets.values()) {
                        for (int port : t.ports) {
                            if (partOf(r.kind, t, port)) {
                                endpoints.computeIfAbsent(r.kind.eventName + "|" + port, k -> new TreeSet<>())
                                        .add(IpAddresses.format(t.hi, t.lo));
                            }
                        }
                    }
                }
            }
        }
        List<ReactionSummary> out = new ArrayList<>();
        for (Map.Entry<String, Set<String>> e : endpoints.entrySet()) {
            String[] kp = e.getKey().split("\\|");
            Set<String> set = new TreeSet<>(e.getValue());
            set.remove(finding.endpoint().ip());
            if (!set.isEmpty()) {
                out.add(new ReactionSummary(kp[0], Integer.parseInt(kp[1]), set.size(), set.stream().limit(SAMPLE).toList()));
            }
        }
        return out;
    }
}
