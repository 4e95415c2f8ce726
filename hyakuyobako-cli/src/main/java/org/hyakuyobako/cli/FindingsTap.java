package org.hyakuyobako.cli;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.hyakuyobako.event.EvidenceEvent;
import org.hyakuyobako.event.CncEvent;
import org.hyakuyobako.event.Event;
import org.hyakuyobako.event.GroupEvent;
import org.hyakuyobako.event.VerdictEvent;
import org.hyakuyobako.sink.EventSink;

/**
 * Keeps the few findings (C&C servers, bot groups, IRC bots, channel and timing evidence) for the
 * closing summary; ignores everything else. Evidence is kept strongest per (host, peer), so its
 * size follows the number of suspicious pairs, not of events.
 */
final class FindingsTap implements EventSink {
    final List<CncEvent> cnc = new ArrayList<>();
    final List<GroupEvent> groups = new ArrayList<>();
    /** Server roles learned for monitored hosts (bounded by the hosts that serve at least three others). */
    final List<org.hyakuyobako.event.RoleEvent> roles = new ArrayList<>();
    /** Verdicts, strongest first as the correlation emits them: one per suspicious or infected host. */
    final List<VerdictEvent> verdicts = new ArrayList<>();
    /** Strongest IRC C&C evidence per (host, C&C), in the order first seen; bounded by the number of bot sessions. */
    final Map<String, EvidenceEvent> ircBots = new LinkedHashMap<>();
    /** Strongest channel-statistics evidence per (host, server). */
    final Map<String, EvidenceEvent> ircChannels = new LinkedHashMap<>();
    /** Strongest session-timing evidence per (host, peer). */
    final Map<String, EvidenceEvent> timing = new LinkedHashMap<>();

    @Override
    public void accept(Event event) {
        if (event instanceof CncEvent c) {
            cnc.add(c);
        } else if (event instanceof GroupEvent g) {
            groups.add(g);
        } else if (event instanceof org.hyakuyobako.event.RoleEvent r) {
            roles.add(r);
        } else if (event instanceof VerdictEvent v) {
            verdicts.add(v);
        } else if (event instanceof EvidenceEvent e) {
            Map<String, EvidenceEvent> kept = switch (e.method()) {
                case "irc" -> e.summary().contains("(IRC C&C ") ? ircBots : null;
                case "irc-channel" -> ircChannels;
                case "timing" -> timing;
                default -> null;
            };
            if (kept != null) {
                kept.merge(e.host() + " " + e.peer(), e, (a, b) -> b.score() > a.score() ? b : a);
            }
        }
    }

    @Override
    public void close() {
    }
}
