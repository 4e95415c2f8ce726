package org.hyakuyobako.flow;

/**
 * What one side of a TCP connection has done, tracked the way Zeek's TCP_Endpoint does, so that
 * {@code conn_state}, {@code history} and the sequence-based byte counts agree with Zeek's conn.log.
 *
 * <p>Sequence numbers are kept raw (32-bit) with a wrap counter, exactly as Zeek keeps them, so
 * connections longer than 4 GiB still count right.
 */
public final class TcpEndpoint {
    public static final int INACTIVE = 0;
    public static final int SYN_SENT = 1;
    public static final int SYN_ACK_SENT = 2;
    public static final int PARTIAL = 3;
    public static final int ESTABLISHED = 4;
    public static final int CLOSED = 5;
    public static final int RESET = 6;

    int state;
    int prevState;
    int startSeq;
    int lastSeq;
    int ackSeq;
    int seqWraps;
    int ackWraps;
    int finCount;
    boolean didClose;
    long histLastSyn;
    long histLastFin;
    long histLastRst;
    final ScaledCounter retransmissions = new ScaledCounter();
    final ScaledCounter zeroWindows = new ScaledCounter();
    int windowScale;
    /** OR of all TCP flags this side sent (Suricata's tcp_flags_ts / tcp_flags_tc). */
    int flagsSeen;

    void reset() {
        state = INACTIVE;
        prevState = INACTIVE;
        startSeq = 0;
        lastSeq = 0;
        ackSeq = 0;
        seqWraps = 0;
        ackWraps = 0;
        finCount = 0;
        didClose = false;
        histLastSyn = 0;
        histLastFin = 0;
        histLastRst = 0;
        retransmissions.reset();
        zeroWindows.reset();
        windowScale = 0;
        flagsSeen = 0;
    }

    /**
     * Zeek's ScaledHistoryEntry: a history letter is repeated at the 1st, 10th, 100th... occurrence,
     * so a storm of retransmissions shows as "TTT", not as thousands of letters.
     */
    static final class ScaledCounter {
        private int count;
        private int threshold = 1;

        void reset() {
            count = 0;
            threshold = 1;
        }

        /** Counts one occurrence; true when it reaches the next threshold. */
        boolean hit() {
            if (++count != threshold) {
                return false;
            }
            long next = threshold * 10L;
            threshold = next > Integer.MAX_VALUE ? Integer.MAX_VALUE : (int) next;
            return true;
        }
    }

    public int state() {
        return state;
    }

    void setState(int next) {
        if (next != state) {
            prevState = state;
            state = next;
        }
    }

    void initStartSeq(int seq) {
        startSeq = seq;
        seqWraps = 0;
        ackWraps = 0;
    }

    void updateLastSeq(int seq) {
        if (Integer.compareUnsigned(seq, lastSeq) < 0) {
            seqWraps++;
        }
        lastSeq = seq;
    }

    void updateAckSeq(int seq) {
        if (Integer.compareUnsigned(seq, ackSeq) < 0) {
            ackWraps++;
        }
        ackSeq = seq;
    }

    long fullSeq(int seq, int wraps) {
        return ((long) wraps << 32) | (seq & 0xFFFF_FFFFL);
    }

    long startSeq64() {
        return startSeq & 0xFFFF_FFFFL;
    }

    boolean noDataAcked() {
        long ack = fullSeq(ackSeq, ackWraps);
        long start = startSeq64();
        return ack == start || ack == start + 1;
    }

    /**
     * Bytes this side sent, from sequence numbers (Zeek's {@code orig_bytes}/{@code resp_bytes}):
     * counts data the sensor missed but the peer acknowledged.
     */
    long size(TcpEndpoint peer) {
        if (prevState == SYN_SENT && state == RESET && peer.state == INACTIVE && !noDataAcked()) {
            return 0;
        }
        long last = fullSeq(lastSeq, seqWraps);
        long ack = fullSeq(ackSeq, ackWraps);
        long size = (last > ack ? last : ack) - startSeq64();
        if (size != 0) {
            size--;
        }
        if (finCount > 0 && size != 0) {
            size--;
        }
        return Math.max(0, size);
    }
}
