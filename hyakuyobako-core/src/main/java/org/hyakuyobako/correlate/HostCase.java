package org.hyakuyobako.correlate;

import java.util.ArrayList;
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import org.hyakuyobako.event.EvidenceEvent;

/** Everything the detectors said about one monitored host, merged per method and peer, and its groups. */
final class HostCase {
    static final int MAX_ITEMS = 256;

    final String host;
    private final Map<String, EvidenceItem> items = new LinkedHashMap<>();
    final Set<String> groups = new TreeSet<>();
    long itemsDropped;

    HostCase(String host) {
        this.host = host;
    }

    void add(EvidenceEvent e) {
        String key = e.method() + "\u0000" + e.peer();
        EvidenceItem item = items.get(key);
        if (item != null) {
            item.merge(e);
        } else if (items.size() < MAX_ITEMS) {
            items.put(key, new EvidenceItem(e));
        } else {
            itemsDropped++;
        }
    }

    Collection<EvidenceItem> items() {
        return items.values();
    }

    List<EvidenceItem> itemsOf(String method) {
        List<EvidenceItem> out = new ArrayList<>();
        for (EvidenceItem i : items.values()) {
            if (i.method.equals(method)) {
                out.add(i);
            }
        }
        return out;
    }
}
