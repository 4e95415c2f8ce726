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
 * Names what a C&C's bots did after its commands: the MTAs they relayed spam through, the targets
 * they swept, the victims they flooded. Looks at each bot's reactions (and floods) that start
 * within two minutes of a reaction the finding rests on.
 */
final class ReactionNamer {
    /**
     * An outbound window of the widest tolerance carrying a flood from two or more hosts, with the
     * possible commands each host had received before it.
     */
    record Flood(String victim, int port, long startNanos, Map<String, List<CommandHistory.Candidate>> commands) {
    }

    static final long AFTER_NANOS = 120_000_000_000L;
    static final long BEFORE_NANOS = 1_000_000_000L;
    static final Set<Integer> MAIL_PORTS = Set.of(25, 465, 587);
    static final int SAMPLE = 10;

    private final List<Reaction> reactions;
    private final List<Flood> floods;
    private final long delaySpread;

    ReactionNamer(List<Reaction> reactions, List<Flood> floods, long delaySpreadNanos) {
        this.reactions = reactions;
        this.floods = floods;
        this.delaySpread = delaySpreadNanos;
    }

    private boolean orderedBy(CncFinding finding, List<CommandHistory.Candidate> heard) {
        for (CommandHistory.Candidate c : heard) {
            if (c.port() == finding.endpoint().port() && IpAddresses.format(c.hi(), c.lo()).equals(finding.endpoint().ip())
                    && Math.abs(c.delayNanos() - finding.medianDelayNanos()) <= delaySpread) {
                return true;
            }
        }
        return false;
    }

    List<ReactionSummary> name(CncFinding finding) {
        Map<String, Set<String>> endpoints = new TreeMap<>();
        for (Map.Entry<String, List<long[]>> bot : finding.perBot().entrySet()) {
            for (long[] occasion : bot.getValue()) {
                long from = occasion[0] - BEFORE_NANOS;
                long to = occasion[0] + AFTER_NANOS;
                for (Reaction r : reactions) {
                    if (!r.host.equals(bot.getKey()) || r.startNanos < from || r.startNanos > to) {
                        continue;
                    }
                    String kind = MAIL_PORTS.contains(r.port) ? "spam" : r.targets.size() >= CncInference.MIN_FAN_OUT ? "scan" : "contacted";
                    Set<String> set = endpoints.computeIfAbsent(kind + "|" + r.port, k -> new TreeSet<>());
                    for (ExternalKey k : r.targets) {
                        set.add(IpAddresses.format(k.hi(), k.lo()));
                    }
                }
            }
            // A flood ordered by this C&C: the bot had heard from it the usual delay before.
            for (Flood f : floods) {
                List<CommandHistory.Candidate> heard = f.commands().get(bot.getKey());
                if (heard != null && orderedBy(finding, heard)) {
                    endpoints.computeIfAbsent("ddos|" + f.port(), k -> new TreeSet<>()).add(f.victim());
                }
            }
        }
        // A victim of a flood is a victim, whatever other reaction also reached it.
        Set<String> victims = new TreeSet<>();
        endpoints.forEach((k, v) -> {
            if (k.startsWith("ddos|")) {
                victims.addAll(v);
            }
        });
        List<ReactionSummary> out = new ArrayList<>();
        for (Map.Entry<String, Set<String>> e : endpoints.entrySet()) {
            String[] kp = e.getKey().split("\\|");
            Set<String> set = new TreeSet<>(e.getValue());
            if (!kp[0].equals("ddos")) {
                set.removeAll(victims);
            }
            set.remove(finding.endpoint().ip());
            if (set.isEmpty()) {
                continue;
            }
            out.add(new ReactionSummary(kp[0], Integer.parseInt(kp[1]), set.size(),
                    set.stream().limit(SAMPLE).toList()));
        }
        return out;
    }
}
