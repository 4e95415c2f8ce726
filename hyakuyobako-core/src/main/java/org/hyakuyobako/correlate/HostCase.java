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

    /**
     * Removes the items whose method is the normal behaviour of one of the host's roles (a mail
     * server's outbound mail is its job); returns how many went.
     */
    int dropNormalFor(Set<String> roles, CorrelationConfig config) {
        if (roles.isEmpty()) {
            return 0;
        }
        Set<String> normal = new TreeSet<>();
        roles.forEach(r -> normal.addAll(config.normalFor(r)));
        int before = items.size();
        items.values().removeIf(i -> normal.contains(i.method));
        return before - items.size();
    }

    /**
     * Removes C&C-stage items about a known public service (a public resolver, a CRL server,
     * what's-my-IP: bundled MISP warning lists): periodic look-ups at 8.8.8.8 are no C&C. Contact
     * with a sinkhole stays evidence (a host still calling its dead botnet's C&C is infected); the
     * sinkhole is only never named as the C&C. Returns how many went.
     */
    int dropKnownServices(CorrelationConfig config) {
        int before = items.size();
        items.values().removeIf(i -> {
            if (i.peer == null || config.method(i.method).stage() != Stage.CNC) {
                return false;
            }
            String list = org.hyakuyobako.detect.blacklist.KnownServices.bundled().why(i.peer);
            return list != null && !list.startsWith("sinkholes");
        });
        return before - items.size();
    }

    /**
     * Removes the items about a site server that are a client's normal use of it (a PC fetching an
     * executable from the site's update server); returns how many went.
     */
    int dropClientUseOf(Map<String, Set<String>> rolesByHost, CorrelationConfig config) {
        int before = items.size();
        items.values().removeIf(i -> {
            if (i.peer == null) {
                return false;
            }
            Set<String> serverRoles = rolesByHost.get(org.hyakuyobako.event.Endpoints.address(i.peer));
            return serverRoles != null && serverRoles.stream().anyMatch(r -> config.clientNormalFor(r).contains(i.method));
        });
        return before - items.size();
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
