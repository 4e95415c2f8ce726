package org.hyakuyobako.detect.timing;

/**
 * The connections one monitored host opened to one server port: when they started and how many
 * bytes the host sent in each, the latest {@link #KEPT} of them. A bot polling its C&C (HTTP or
 * TLS, a new connection each time) shows here as a regular period and a steady size, where a
 * person's browsing is bursty.
 */
final class ConnectionSeries {
    static final int KEPT = 128;

    final String host;
    final String server;
    final int sensorId;
    final BoundedSeries starts = new BoundedSeries(KEPT);
    final BoundedSeries clientBytes = new BoundedSeries(KEPT);
    long lastFlowId;
    long firstStart = Long.MAX_VALUE;
    long lastStart = Long.MIN_VALUE;
    boolean reported;

    ConnectionSeries(String host, String server, int sensorId) {
        this.host = host;
        this.server = server;
        this.sensorId = sensorId;
    }

    void add(long start, long bytes, long flowId) {
        starts.add(start);
        clientBytes.add(bytes);
        lastFlowId = flowId;
        firstStart = Math.min(firstStart, start);
        lastStart = Math.max(lastStart, start);
    }
}
