package org.hyakuyobako.simulate;

import org.hyakuyobako.decode.IpAddresses;

/** A host a sensor watches (a honeypot, an intranet PC), and the sensor whose capture holds its traffic. */
record MonitoredHost(int address, int sensor) {
    /** The base (x.y.z.0) of the host's /24: what it sweeps when told to scan its own network. */
    int network24() {
        return address & 0xFFFF_FF00;
    }

    String text() {
        return IpAddresses.formatV4(address);
    }
}
