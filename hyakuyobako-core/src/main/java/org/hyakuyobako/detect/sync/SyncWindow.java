package org.hyakuyobako.detect.sync;

import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import org.hyakuyobako.event.SyncEvent;

/**
 * The packets to or from one external node within one tolerance window, starting at the first:
 * which monitored hosts took part, each with its first packet's ports and protocol.
 */
final class SyncWindow {
    final ExternalKey key;
    final long startNanos;
    final List<SyncEvent.Member> members = new ArrayList<>(4);
    final List<long[]> memberAddresses = new ArrayList<>(4);
    /** Only for windows with more hosts than are listed: distinctness of the omitted ones. */
    private Set<HostKey> overflow;
    int omitted;

    SyncWindow(ExternalKey key, long startNanos) {
        this.key = key;
        this.startNanos = startNanos;
    }

    /** Adds a host's first packet in the window; later packets of the same host change nothing. */
    void add(long hostHi, long hostLo, int maxListed, SyncEventMemberFactory factory) {
        for (int i = 0; i < memberAddresses.size(); i++) {
            long[] a = memberAddresses.get(i);
            if (a[1] == hostLo && a[0] == hostHi) {
                return;
            }
        }
        if (members.size() < maxListed) {
            members.add(factory.member());
            memberAddresses.add(new long[] {hostHi, hostLo});
            return;
        }
        if (overflow == null) {
            overflow = new HashSet<>();
        }
        if (overflow.add(new HostKey(hostHi, hostLo))) {
            omitted++;
        }
    }

    int distinctHosts() {
        return members.size() + omitted;
    }

    /** Builds the member record only when the host is new to the window. */
    @FunctionalInterface
    interface SyncEventMemberFactory {
        SyncEvent.Member member();
    }

    record HostKey(long hi, long lo) {
    }
}
