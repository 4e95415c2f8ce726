package org.hyakuyobako.flow;

/**
 * Flow table limits and timeouts. Defaults follow Zeek where users compare with conn.log, and
 * NetFlow's active timeout for long-lived flows.
 *
 * @param maxFlows flows held at once; when full, the least recently seen flow is written out early
 *     (reason {@code forced}) and counted as evicted. About 450 bytes of heap per flow.
 * @param tcpAttemptNanos how long a SYN without answer waits (Zeek's tcp_attempt_delay, 5 s)
 * @param tcpIdleNanos idle timeout of TCP flows past the handshake (Zeek's tcp_inactivity_timeout, 5 min)
 * @param tcpCloseNanos how long a closed TCP flow lingers for trailing packets (Zeek's tcp_close_delay, 5 s)
 * @param otherIdleNanos idle timeout of UDP, ICMP and other flows (Zeek's udp/icmp_inactivity_timeout, 1 min)
 * @param activeNanos a flow open longer than this is written out in slices (0 = never); NetFlow's 30 min
 */
public record FlowConfig(int maxFlows, long tcpAttemptNanos, long tcpIdleNanos, long tcpCloseNanos,
                         long otherIdleNanos, long activeNanos) {
    private static final long SECOND = 1_000_000_000L;

    public static final FlowConfig DEFAULT =
            new FlowConfig(250_000, 5 * SECOND, 300 * SECOND, 5 * SECOND, 60 * SECOND, 1800 * SECOND);

    public FlowConfig {
        if (maxFlows < 1) {
            throw new IllegalArgumentException("maxFlows must be at least 1");
        }
    }

    public FlowConfig withMaxFlows(int n) {
        return new FlowConfig(n, tcpAttemptNanos, tcpIdleNanos, tcpCloseNanos, otherIdleNanos, activeNanos);
    }

    public FlowConfig withActiveSeconds(long seconds) {
        return new FlowConfig(maxFlows, tcpAttemptNanos, tcpIdleNanos, tcpCloseNanos, otherIdleNanos, seconds * SECOND);
    }

    public FlowConfig withIdleSeconds(long tcpSeconds, long otherSeconds) {
        return new FlowConfig(maxFlows, tcpAttemptNanos, tcpSeconds * SECOND, tcpCloseNanos, otherSeconds * SECOND,
                activeNanos);
    }
}
