package org.hyakuyobako.cli;

import java.util.ArrayList;
import java.util.List;
import org.hyakuyobako.event.CncEvent;
import org.hyakuyobako.event.Event;
import org.hyakuyobako.event.GroupEvent;
import org.hyakuyobako.sink.EventSink;

/** Keeps the few findings (C&C servers, bot groups) for the closing summary; ignores everything else. */
final class FindingsTap implements EventSink {
    final List<CncEvent> cnc = new ArrayList<>();
    final List<GroupEvent> groups = new ArrayList<>();

    @Override
    public void accept(Event event) {
        if (event instanceof CncEvent c) {
            cnc.add(c);
        } else if (event instanceof GroupEvent g) {
            groups.add(g);
        }
    }

    @Override
    public void close() {
    }
}
