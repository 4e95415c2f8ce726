package org.hyakuyobako.action;

import java.util.List;

/**
 * What one run found, in the shape the exports need: the judged hosts and the indicators their
 * evidence names. Read from a result directory by {@link FindingsReader}; written out by the
 * rule, firewall, DNS, STIX and MISP writers.
 *
 * @param runName the result directory's name, for file headers and the STIX/MISP titles
 * @param sensors the sensors of the run (capture file names or --sensor names)
 * @param firstNanos the run's first packet time (0 when nothing was read)
 * @param lastNanos the run's last packet time
 * @param hosts the monitored hosts with a verdict at or above the chosen level, strongest first
 * @param indicators everything they used that is worth blocking, C&C first
 */
public record Findings(String runName, List<String> sensors, long firstNanos, long lastNanos, List<Host> hosts,
                       List<Indicator> indicators) {
    /** A judged host: its verdict and what it obeyed. */
    public record Host(String address, String verdict, double score, long firstNanos, long lastNanos,
                       List<String> methods, List<String> cnc, List<String> groups) {
    }

    public boolean isEmpty() {
        return hosts.isEmpty() && indicators.isEmpty();
    }

    public List<Indicator> of(Indicator.Kind kind) {
        return indicators.stream().filter(i -> i.kind() == kind).toList();
    }

    /** The same findings cut to one host: its verdict and the indicators it used, as sighted by it alone. */
    public Findings forHost(String given) {
        // The store writes addresses in canonical form ("2001:db8::1"); users type them any way.
        long[] parsed = org.hyakuyobako.decode.IpAddresses.parse(given);
        String address = org.hyakuyobako.decode.IpAddresses.format(parsed[0], parsed[1]);
        return new Findings(runName, sensors, firstNanos, lastNanos,
                hosts.stream().filter(h -> h.address().equals(address)).toList(),
                indicators.stream().filter(i -> i.hosts().contains(address))
                        .map(i -> new Indicator(i.kind(), i.role(), i.value(), i.port(), i.transport(), i.appProto(),
                                java.util.Set.of(address), i.firstNanos(), i.lastNanos(), i.reason(), i.groups()))
                        .toList());
    }
}
