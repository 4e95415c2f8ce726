package org.hyakuyobako.correlate;

import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.TreeSet;
import java.util.function.ToDoubleFunction;
import org.hyakuyobako.event.Endpoints;

/**
 * Finds the strongest {@link InfectionChain} in one host's evidence. Links, each checked on packet
 * time and on who was involved, never on time alone where an attacker is known:
 * <ul>
 *   <li>entry → download: an exploit or a shell from X, then code fetched from X or from an address
 *       (or name) X's commands named, within {@link #ENTRY_TO_DOWNLOAD_NANOS};</li>
 *   <li>download → activity: C&C contact or an attack that starts within
 *       {@link #DOWNLOAD_TO_ACTIVITY_NANOS} after the code arrived (the code ran), or within
 *       {@link #DOWNLOAD_TO_STRONG_ACTIVITY_NANOS} when the activity is strong evidence by itself
 *       (a bot's C&C is often seen only when its first command comes, an hour or more after the
 *       infection; the chain then names where the bot came from);</li>
 *   <li>entry → activity: the host contacts the attacker X itself (a reverse channel) within the
 *       same window as a download would come.</li>
 * </ul>
 * An exploit attempt or an inbound scan that leads to nothing makes no chain.
 */
final class InfectionChains {
    static final long ENTRY_TO_DOWNLOAD_NANOS = 10 * 60_000_000_000L;
    static final long DOWNLOAD_TO_ACTIVITY_NANOS = 30 * 60_000_000_000L;
    static final long DOWNLOAD_TO_STRONG_ACTIVITY_NANOS = 3 * 3_600_000_000_000L;
    /** Activity at least this strong after weighting (a sync finding, spam, a flood) follows a download from further away. */
    static final double STRONG_ACTIVITY = 0.6;
    /** Evidence a moment before the step it follows still follows it: detectors date items by different packets. */
    static final long SLACK_NANOS = 5_000_000_000L;
    /** A download must be this strong after weighting to start a chain on time alone (an updater's fetch is 0.4). */
    static final double MIN_DOWNLOAD_ALONE = 0.4;
    /** Activity this weak (one host's periodic connections) is no sign that code ran. */
    static final double MIN_ACTIVITY = 0.3;

    private final CorrelationConfig config;
    private final ToDoubleFunction<EvidenceItem> weighted;

    InfectionChains(CorrelationConfig config, ToDoubleFunction<EvidenceItem> weighted) {
        this.config = config;
        this.weighted = weighted;
    }

    /** The strongest chain, the earliest among equals; null when the evidence tells no story. */
    InfectionChain strongest(Collection<EvidenceItem> items) {
        List<EvidenceItem> entries = new ArrayList<>();
        List<EvidenceItem> downloads = new ArrayList<>();
        List<EvidenceItem> activities = new ArrayList<>();
        for (EvidenceItem i : items) {
            Stage stage = config.method(i.method).stage();
            if (stage == Stage.INBOUND || stage == Stage.EXPLOIT) {
                entries.add(i);
            } else if (stage == Stage.DOWNLOAD) {
                downloads.add(i);
            } else if ((stage == Stage.CNC || stage == Stage.OUTBOUND) && weighted.applyAsDouble(i) >= MIN_ACTIVITY) {
                activities.add(i);
            }
        }
        InfectionChain best = null;
        for (EvidenceItem e : entries) {
            for (EvidenceItem d : downloads) {
                if (follows(d, e, ENTRY_TO_DOWNLOAD_NANOS) && (sameAddress(d.peer, e.peer) || named(e, d))) {
                    EvidenceItem ran = firstAfter(d, activities);
                    best = better(best, ran == null ? new InfectionChain(List.of(e, d), 0.9) : new InfectionChain(List.of(e, d, ran), 0.95));
                }
            }
            for (EvidenceItem a : activities) {
                // The host reaching the attacker itself: after the attack, in a connection of its own (a block
                // list's item about the attacker's inbound connection is the attack, not an answer to it).
                if (follows(a, e, ENTRY_TO_DOWNLOAD_NANOS) && a.first >= Math.max(e.first, e.last) && !sharesFlow(a, e)
                        && (sameAddress(a.peer, e.peer) || named(e, a))) {
                    best = better(best, new InfectionChain(List.of(e, a), 0.85));
                }
            }
        }
        for (EvidenceItem d : downloads) {
            if (weighted.applyAsDouble(d) >= MIN_DOWNLOAD_ALONE) {
                EvidenceItem ran = firstAfter(d, activities);
                if (ran != null) {
                    best = better(best, new InfectionChain(List.of(d, ran), 0.8));
                }
            }
        }
        return best;
    }

    /** Whether {@code later} starts within {@code window} after {@code earlier} started (or while it lasted). */
    private static boolean follows(EvidenceItem later, EvidenceItem earlier, long window) {
        return later.first >= earlier.first - SLACK_NANOS && later.first <= Math.max(earlier.first, earlier.last) + window;
    }

    private EvidenceItem firstAfter(EvidenceItem download, List<EvidenceItem> activities) {
        EvidenceItem first = null;
        for (EvidenceItem a : activities) {
            long window = weighted.applyAsDouble(a) >= STRONG_ACTIVITY ? DOWNLOAD_TO_STRONG_ACTIVITY_NANOS : DOWNLOAD_TO_ACTIVITY_NANOS;
            if (follows(a, download, window) && (first == null || a.first < first.first)) {
                first = a;
            }
        }
        return first;
    }

    private static boolean sharesFlow(EvidenceItem a, EvidenceItem b) {
        for (String r : a.references) {
            if (r.startsWith("flow:") && b.references.contains(r)) {
                return true;
            }
        }
        return false;
    }

    private static boolean sameAddress(String a, String b) {
        return a != null && b != null && Endpoints.address(a).equals(Endpoints.address(b));
    }

    /** Whether the entry's commands named the later item's peer (by address), or a name its summary carries. */
    private static boolean named(EvidenceItem entry, EvidenceItem later) {
        if (later.peer == null) {
            return false;
        }
        String address = Endpoints.address(later.peer).toLowerCase(Locale.ROOT);
        String summary = later.summary == null ? "" : later.summary.toLowerCase(Locale.ROOT);
        for (String n : namedBy(entry)) {
            if (n.equals(address) || !Character.isDigit(n.charAt(n.length() - 1)) && urlHostIs(summary, n)) {
                return true;
            }
        }
        return false;
    }

    /** Whether a URL in the text has exactly this host ("//evil.example/", ":", or the end after it; never "//evil.example.net"). */
    private static boolean urlHostIs(String text, String host) {
        String needle = "//" + host;
        for (int at = text.indexOf(needle); at >= 0; at = text.indexOf(needle, at + 1)) {
            int end = at + needle.length();
            if (end == text.length() || "/:? )'\"".indexOf(text.charAt(end)) >= 0) {
                return true;
            }
        }
        return false;
    }

    private static Set<String> namedBy(EvidenceItem entry) {
        Set<String> named = new TreeSet<>();
        for (String r : entry.references) {
            if (r.startsWith("named:") && r.length() > 6) {
                named.add(r.substring(6).toLowerCase(Locale.ROOT));
            }
        }
        return named;
    }

    private static InfectionChain better(InfectionChain a, InfectionChain b) {
        if (a == null) {
            return b;
        }
        if (b.score() != a.score()) {
            return b.score() > a.score() ? b : a;
        }
        return b.first() < a.first() ? b : a;
    }
}
