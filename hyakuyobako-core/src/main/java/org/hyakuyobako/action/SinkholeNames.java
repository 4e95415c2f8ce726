package org.hyakuyobako.action;

import java.util.Set;
import java.util.TreeSet;
import org.hyakuyobako.net.DnsNames;

/** The domains a resolver should sinkhole: every domain indicator that is a valid host name, canonical. */
final class SinkholeNames {
    private SinkholeNames() {
    }

    static Set<String> of(Findings findings, String writerKind, RefusedIndicators refused) {
        Set<String> names = new TreeSet<>();
        for (Indicator i : findings.of(Indicator.Kind.DOMAIN)) {
            if (DnsNames.isHostName(i.value())) {
                names.add(DnsNames.canonical(i.value()));
            } else {
                refused.refuse(writerKind, i, "not a host name");
            }
        }
        return names;
    }
}
