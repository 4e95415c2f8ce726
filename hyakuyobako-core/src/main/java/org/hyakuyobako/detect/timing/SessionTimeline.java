package org.hyakuyobako.detect.timing;

import java.nio.ByteBuffer;

/**
 * The timing of one TCP session as seed 001 describes it, from sizes and times only, so it works
 * on TLS as on IRC: the first client-to-server payload sizes Sn and their inter-arrival times Tn,
 * the same for the control commands (PASS, NICK, USER, JOIN, MODE) when they can be read, the
 * client's messages ("turns": payload packets less than {@link #TURN_GAP_NANOS} apart) that
 * nothing from the server prompted, and how long the client takes to answer the server.
 * Retransmitted segments are not counted twice.
 */
final class SessionTimeline {
    static final long MS = 1_000_000L;
    static final int FIRST = 16;
    static final int MAX_TURNS = 256;
    static final long TURN_GAP_NANOS = 200 * MS;
    /** A client message with no server data for this long before it was not prompted by the server. */
    static final long UNPROMPTED_NANOS = 1_000 * MS;
    /** A client message within this time after server data is taken as its answer. */
    static final long ANSWER_WINDOW_NANOS = 10_000 * MS;
    private static final String[] CONTROL = {"PASS ", "NICK ", "USER ", "JOIN ", "MODE "};

    final int[] firstSizes = new int[FIRST];
    final long[] firstTimes = new long[FIRST];
    int firstCount;
    int[] controlSizes;
    long[] controlTimes;
    int controlCount;
    final BoundedSeries unpromptedTimes = new BoundedSeries(MAX_TURNS);
    final BoundedSeries unpromptedSizes = new BoundedSeries(MAX_TURNS);
    final BoundedSeries answerDelays = new BoundedSeries(MAX_TURNS);
    long turns;
    long serverPushes;
    private long lastClientAt = Long.MIN_VALUE / 2;
    private long lastServerAt = Long.MIN_VALUE / 2;
    private long turnStart;
    private long turnSize;
    private long turnAnswerDelay = -1;
    private boolean turnUnprompted;
    private boolean turnOpen;
    private int clientNext;
    private boolean clientNextKnown;
    private int serverNext;
    private boolean serverNextKnown;

    /** A client payload segment; false when it only repeats bytes already seen. */
    boolean client(long at, int seq, int length, ByteBuffer payload, int offset, int captured) {
        if (clientNextKnown && seq - clientNext < 0 && seq + length - clientNext <= 0) {
            return false;
        }
        if (!clientNextKnown || seq + length - clientNext > 0) {
            clientNext = seq + length;
            clientNextKnown = true;
        }
        if (firstCount < FIRST) {
            firstSizes[firstCount] = length;
            firstTimes[firstCount] = at;
            firstCount++;
            if (isControl(payload, offset, captured)) {
                if (controlSizes == null) {
                    controlSizes = new int[FIRST];
                    controlTimes = new long[FIRST];
                }
                controlSizes[controlCount] = length;
                controlTimes[controlCount] = at;
                controlCount++;
            }
        }
        boolean sameTurn = turnOpen && at - lastClientAt < TURN_GAP_NANOS && lastServerAt <= lastClientAt;
        if (sameTurn) {
            turnSize += length;
        } else {
            closeTurn();
            turnOpen = true;
            turnStart = at;
            turnSize = length;
            turnUnprompted = at - lastServerAt >= UNPROMPTED_NANOS;
            boolean serverSpokeSince = lastServerAt > lastClientAt;
            long delay = at - lastServerAt;
            turnAnswerDelay = serverSpokeSince && delay <= ANSWER_WINDOW_NANOS ? delay : -1;
        }
        lastClientAt = at;
        return true;
    }

    /** A server payload segment. */
    void server(long at, int seq, int length) {
        if (serverNextKnown && seq - serverNext < 0 && seq + length - serverNext <= 0) {
            return;
        }
        if (!serverNextKnown || seq + length - serverNext > 0) {
            serverNext = seq + length;
            serverNextKnown = true;
        }
        if (at - lastServerAt >= UNPROMPTED_NANOS && at - lastClientAt >= UNPROMPTED_NANOS) {
            serverPushes++;
        }
        lastServerAt = at;
    }

    void closeTurn() {
        if (!turnOpen) {
            return;
        }
        turnOpen = false;
        turns++;
        if (turnUnprompted) {
            unpromptedTimes.add(turnStart);
            unpromptedSizes.add(turnSize);
        }
        if (turnAnswerDelay >= 0) {
            answerDelays.add(turnAnswerDelay);
        }
    }

    private static boolean isControl(ByteBuffer b, int offset, int captured) {
        if (captured < 5) {
            return false;
        }
        for (String word : CONTROL) {
            boolean match = true;
            for (int i = 0; i < 5 && match; i++) {
                int c = b.get(offset + i) & 0xFF;
                if (c >= 'a' && c <= 'z') {
                    c -= 32;
                }
                match = c == word.charAt(i);
            }
            if (match) {
                return true;
            }
        }
        return false;
    }
}
