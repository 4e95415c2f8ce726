package org.hyakuyobako.detect.sync;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.List;
import java.util.Set;
import org.hyakuyobako.event.BeaconEvent;
import org.junit.jupiter.api.Test;

/**
 * Hosts beaconing alike to one endpoint. Mutations caught: the scheduled-job rule removed (the
 * backup test fails), the population cap removed (the many-hosts test fails), periods not
 * compared (the mixed-period test fails).
 */
class BeaconGroupsTest {
    static final long S = 1_000_000_000L;
    static final String C2 = "198.51.100.9";

    private final BeaconGroups groups = new BeaconGroups();

    private void beacon(String host, String ip, double periodSeconds, long size, int secondOfMinute) {
        groups.accept(new BeaconEvent(0, 0, host, ip, 443, "connections", (long) (periodSeconds * S), 0.1, size, 100, 0, 100 * S,
                secondOfMinute));
    }

    @Test
    void fourHostsOnOneTimerAreAGroupAndACncCandidate() {
        for (int h = 0; h < 4; h++) {
            beacon("10.1.0." + h, C2, 60 + h, 210 + h, -1);
        }
        beacon("10.1.0.9", C2, 300, 210, -1);          // another program to the same endpoint, another period
        assertEquals(Set.of("10.1.0.0", "10.1.0.1", "10.1.0.2", "10.1.0.3"), groups.hostsBeaconingTo(C2, 443));
        List<BeaconGroups.Group> alone = groups.groups(120, (hi, lo) -> 5);
        assertEquals(1, alone.size());
        assertEquals(4, alone.get(0).hosts().size());
    }

    @Test
    void aBackupJobAtOneSecondOfTheMinuteIsNoImplant() {
        for (int h = 0; h < 5; h++) {
            beacon("10.1.0." + h, C2, 600, 500, 0);
        }
        assertEquals(Set.of(), groups.hostsBeaconingTo(C2, 443));
        assertEquals(List.of(), groups.groups(120, (hi, lo) -> 5));
    }

    @Test
    void aServiceOnManyHostsOrAnEndpointOthersUseIsNoGroupAlone() {
        for (int h = 0; h < 30; h++) {
            beacon("10.1.0." + h, C2, 80, 52, -1);
        }
        assertEquals(List.of(), groups.groups(120, (hi, lo) -> 30), "30 of 120 hosts: the site's own service");
        BeaconGroups few = new BeaconGroups();
        for (int h = 0; h < 3; h++) {
            few.accept(new BeaconEvent(0, 0, "10.1.0." + h, C2, 443, "heartbeat", 80 * S, 0.1, 52, 90, 0, S, -1));
        }
        assertEquals(List.of(), few.groups(120, (hi, lo) -> 10), "3 of the 10 hosts that talk to it");
        assertEquals(1, few.groups(120, (hi, lo) -> 3).size());
    }
}
