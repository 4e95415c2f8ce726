package org.hyakuyobako.testing;

import java.util.ArrayList;
import java.util.List;
import org.hyakuyobako.event.Event;
import org.hyakuyobako.sink.EventSink;

/** A sink that keeps every event in memory, for tests. */
public final class EventCollector implements EventSink {
    public final List<Event> events = new ArrayList<>();

    @Override
    public void accept(Event event) {
        events.add(event);
    }

    @Override
    public void close() {
    }

    public <T extends Event> List<T> of(Class<T> type) {
        return events.stream().filter(type::isInstance).map(type::cast).toList();
    }
}
