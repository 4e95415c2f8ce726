package org.hyakuyobako.flow;

/**
 * Zeek's TCP endpoint state machine and history rules, applied to one packet of a {@link Flow}.
 *
 * <p>Follows Zeek's TCPSessionAdapter closely (init_endpoint, update_history, update_last_seq,
 * UpdateStateMachine, ConnectionClosed) because users compare our flow records with Zeek's
 * conn.log, and a conn_state or history that differs for no reason would cost their trust. What
 * is left out: content gaps ('G', needs reassembly) and checksum letters ('C': bad checksums are
 * counted, never dropped, as with {@code zeek -C}).
 */
final class TcpTracker {
    static final int FIN = 0x01;
    static final int SYN = 0x02;
    static final int RST = 0x04;
    static final int PSH = 0x08;
    static final int ACK = 0x10;

    // History masks as in Zeek's Conn.h (responder masks are these shifted left by 16).
    static final int HIST_SYN_PKT = 0x1;
    static final int HIST_FIN_PKT = 0x2;
    static final int HIST_RST_PKT = 0x4;
    static final int HIST_FIN_RST_PKT = 0x8;
    static final int HIST_DATA_PKT = 0x10;
    static final int HIST_ACK_PKT = 0x20;
    static final int HIST_MULTI_FLAG_PKT = 0x40;

    private static final int TOO_LARGE_SEQ_DELTA = 1_048_576;

    private TcpTracker() {
    }

    /**
     * Updates TCP state for one segment.
     *
     * @param len TCP payload length as the headers state it
     */
    static void process(Flow f, boolean isOrig, int flags, int seq, int ack, int len, int window, long now) {
        TcpEndpoint ep = isOrig ? f.orig : f.resp;
        TcpEndpoint peer = isOrig ? f.resp : f.orig;
        ep.flagsSeen |= flags;
        boolean syn = (flags & SYN) != 0;
        boolean fin = (flags & FIN) != 0;
        boolean rst = (flags & RST) != 0;
        boolean hasAck = (flags & ACK) != 0;

        int segLen = len + (syn ? 1 : 0) + (fin ? 1 : 0) - (rst ? len : 0);
        int seqOnePast = seq + segLen;
        initEndpoint(ep, syn, seq, seqOnePast);
        long relSeq = relativeSeq(ep, seq, ep.lastSeq, ep.seqWraps);
        updateHistory(f, isOrig, ep, flags, relSeq, len);
        if (window == 0 && !rst && peer.state != TcpEndpoint.CLOSED && ep.state != TcpEndpoint.RESET) {
            zeroWindow(f, isOrig, ep);
        }
        if (!f.orig.didClose || !f.resp.didClose) {
            f.durationEndNanos = now;
        }
        if (fin) {
            ep.finCount++;
        }
        if (hasAck) {
            if (peer.state == TcpEndpoint.INACTIVE) {
                peer.initStartSeq(ack - 1);
                peer.ackSeq = ack - 1;
                peer.lastSeq = ack - 1;
            } else if (!rst) {
                int deltaAck = ack - peer.ackSeq;
                if (!(ack == 0 && deltaAck > TOO_LARGE_SEQ_DELTA) && deltaAck > 0) {
                    peer.updateAckSeq(ack);
                }
            }
        }
        int deltaLast = updateLastSeq(f, isOrig, ep, seqOnePast, flags, len);
        boolean close = updateStateMachine(f, ep, peer, seq, ack, len, deltaLast, isOrig, flags);
        if (close) {
            connectionClosed(f, ep, peer, now);
        }
    }

    private static void initEndpoint(TcpEndpoint ep, boolean syn, int firstSeq, int lastSeq) {
        switch (ep.state) {
            case TcpEndpoint.INACTIVE -> {
                if (syn) {
                    ep.ackSeq = firstSeq;
                    ep.initStartSeq(firstSeq);
                    ep.lastSeq = lastSeq;
                } else {
                    // A partial connection: number as though a SYN had been seen.
                    ep.ackSeq = firstSeq - 1;
                    ep.initStartSeq(firstSeq - 1);
                    ep.lastSeq = firstSeq;
                }
            }
            case TcpEndpoint.SYN_SENT, TcpEndpoint.SYN_ACK_SENT -> {
                if (syn && firstSeq != ep.startSeq) {
                    ep.initStartSeq(firstSeq);
                    ep.ackSeq = firstSeq;
                    ep.lastSeq = lastSeq;
                }
            }
            case TcpEndpoint.ESTABLISHED, TcpEndpoint.PARTIAL -> {
                if (syn) {
                    ep.initStartSeq(firstSeq);
                    ep.ackSeq = firstSeq;
                    ep.lastSeq = lastSeq;
                }
            }
            case TcpEndpoint.RESET -> {
                if (syn && ep.prevState == TcpEndpoint.INACTIVE) {
                    ep.initStartSeq(firstSeq);
                    ep.ackSeq = firstSeq;
                    ep.lastSeq = lastSeq;
                }
            }
            default -> {
                // CLOSED: sequence numbers stay as they were.
            }
        }
    }

    private static long relativeSeq(TcpEndpoint ep, int current, int last, int wraps) {
        int delta = current - last;
        int w = wraps;
        if (delta < 0) {
            if (w != 0 && Integer.compareUnsigned(current, last) > 0) {
                w--;
            }
        } else if (delta > 0) {
            if (Integer.compareUnsigned(current, last) < 0) {
                w++;
            }
        }
        if (w == 0) {
            return current - ep.startSeq;
        }
        return ep.fullSeq(current, w) - ep.startSeq64();
    }

    private static boolean checkHistory(Flow f, boolean isOrig, int mask, char code) {
        return isOrig ? f.checkHistory(mask, code) : f.checkHistory(mask << 16, Character.toLowerCase(code));
    }

    private static void addHistory(Flow f, boolean isOrig, char code) {
        f.addHistory(isOrig ? code : Character.toLowerCase(code));
    }

    private static void updateHistory(Flow f, boolean isOrig, TcpEndpoint ep, int flags, long relSeq, int len) {
        boolean syn = (flags & SYN) != 0;
        boolean fin = (flags & FIN) != 0;
        boolean rst = (flags & RST) != 0;
        int bits = (syn ? 1 : 0) + (fin ? 1 : 0) + (rst ? 1 : 0);
        if (bits > 1) {
            if (fin && rst) {
                checkHistory(f, isOrig, HIST_FIN_RST_PKT, 'I');
            } else {
                checkHistory(f, isOrig, HIST_MULTI_FLAG_PKT, 'Q');
            }
        } else if (bits == 1) {
            if (syn) {
                char code = (flags & ACK) != 0 ? 'H' : 'S';
                if (checkHistory(f, isOrig, HIST_SYN_PKT, code) && relSeq != ep.histLastSyn) {
                    addHistory(f, isOrig, code);
                }
                ep.histLastSyn = relSeq;
            }
            if (fin) {
                if (checkHistory(f, isOrig, HIST_FIN_PKT, 'F') && relSeq + len != ep.histLastFin) {
                    addHistory(f, isOrig, 'F');
                }
                ep.histLastFin = relSeq + len;
            }
            if (rst) {
                if (checkHistory(f, isOrig, HIST_RST_PKT, 'R') && relSeq != ep.histLastRst) {
                    addHistory(f, isOrig, 'R');
                }
                ep.histLastRst = relSeq;
            }
        } else if (len > 0) {
            checkHistory(f, isOrig, HIST_DATA_PKT, 'D');
        } else if ((flags & ACK) != 0) {
            checkHistory(f, isOrig, HIST_ACK_PKT, 'A');
        }
    }

    private static void zeroWindow(Flow f, boolean isOrig, TcpEndpoint ep) {
        if (ep.zeroWindows.hit()) {
            addHistory(f, isOrig, 'W');
        }
    }

    private static void retransmission(Flow f, boolean isOrig, TcpEndpoint ep) {
        if (ep.retransmissions.hit()) {
            addHistory(f, isOrig, 'T');
        }
    }

    private static int updateLastSeq(Flow f, boolean isOrig, TcpEndpoint ep, int lastSeq, int flags, int len) {
        int deltaLast = lastSeq - ep.lastSeq;
        boolean syn = (flags & SYN) != 0;
        boolean rst = (flags & RST) != 0;
        boolean fin = (flags & FIN) != 0;
        if ((syn || rst) && (deltaLast > TOO_LARGE_SEQ_DELTA || deltaLast < -TOO_LARGE_SEQ_DELTA)) {
            // Untrustworthy sequence number on a SYN or RST: ignored, as Zeek does.
            return deltaLast;
        }
        if (fin && ep.lastSeq == ep.startSeq + 1) {
            ep.updateLastSeq(lastSeq);
        } else if (ep.state == TcpEndpoint.RESET) {
            // Nothing after a RST is trusted.
            return deltaLast;
        } else if (deltaLast > 0) {
            ep.updateLastSeq(lastSeq);
        } else if (len > 0) {
            retransmission(f, isOrig, ep);
        }
        return deltaLast;
    }

    /** @return whether the connection should be reported as closing (Zeek's do_close) */
    private static boolean updateStateMachine(Flow f, TcpEndpoint ep, TcpEndpoint peer, int seq, int ack, int len,
                                              int deltaLast, boolean isOrig, int flags) {
        boolean syn = (flags & SYN) != 0;
        boolean fin = (flags & FIN) != 0;
        boolean rst = (flags & RST) != 0;
        boolean hasAck = (flags & ACK) != 0;
        boolean close = false;
        switch (ep.state) {
            case TcpEndpoint.INACTIVE -> {
                if (syn) {
                    if (isOrig) {
                        ep.setState(hasAck ? TcpEndpoint.SYN_ACK_SENT : TcpEndpoint.SYN_SENT);
                    } else {
                        if (!hasAck && peer.state == TcpEndpoint.SYN_ACK_SENT && seq == ep.startSeq) {
                            // SYN/SYN-ACK reversal: flip the roles and establish.
                            f.flipRoles();
                            peer.setState(TcpEndpoint.ESTABLISHED);
                        }
                        if (peer.state == TcpEndpoint.SYN_SENT) {
                            peer.setState(TcpEndpoint.ESTABLISHED);
                        }
                        ep.setState(TcpEndpoint.ESTABLISHED);
                    }
                }
                if (fin) {
                    ep.setState(TcpEndpoint.CLOSED);
                    close = true;
                }
                if (rst) {
                    ep.setState(TcpEndpoint.RESET);
                    close = true;
                }
                if (ep.state == TcpEndpoint.INACTIVE) {
                    TcpEndpoint origEp = f.orig;
                    if (!isOrig && len == 0 && origEp.state == TcpEndpoint.SYN_SENT) {
                        // An ACK before the SYN-ACK (some stacks do this): not a partial connection.
                        return close;
                    } else if (hasAck && peer.state == TcpEndpoint.ESTABLISHED) {
                        // Missed the SYN but saw the SYN-ACK: establish rather than call it partial.
                        ep.setState(TcpEndpoint.ESTABLISHED);
                    } else {
                        ep.setState(TcpEndpoint.PARTIAL);
                    }
                }
            }
            case TcpEndpoint.SYN_SENT, TcpEndpoint.SYN_ACK_SENT -> {
                if (fin) {
                    ep.setState(TcpEndpoint.CLOSED);
                    close = true;
                }
                if (rst) {
                    ep.setState(TcpEndpoint.RESET);
                    close = true;
                }
            }
            case TcpEndpoint.ESTABLISHED, TcpEndpoint.PARTIAL -> {
                if (syn && ep.state == TcpEndpoint.PARTIAL && peer.state == TcpEndpoint.INACTIVE && !hasAck) {
                    ep.setState(TcpEndpoint.SYN_SENT);
                }
                if (fin && !rst) {
                    ep.setState(TcpEndpoint.CLOSED);
                    if (peer.state == TcpEndpoint.RESET && peer.prevState == TcpEndpoint.CLOSED) {
                        // The peer sent a FIN then a RST: that was a normal termination.
                        peer.setState(TcpEndpoint.CLOSED);
                    }
                    close = true;
                }
                if (rst) {
                    ep.setState(TcpEndpoint.RESET);
                    close = true;
                }
            }
            case TcpEndpoint.CLOSED -> {
                if (rst && peer.state != TcpEndpoint.CLOSED) {
                    ep.setState(TcpEndpoint.RESET);
                    if (!ep.didClose) {
                        close = true;
                    }
                }
            }
            default -> {
                // RESET: nothing changes any more.
            }
        }
        return close;
    }

    private static void connectionClosed(Flow f, TcpEndpoint ep, TcpEndpoint peer, long now) {
        if (ep.didClose) {
            return;
        }
        ep.didClose = true;
        boolean complete = ep.state == TcpEndpoint.RESET || peer.didClose || peer.state == TcpEndpoint.INACTIVE;
        if (complete && f.closedAtNanos < 0) {
            f.closedAtNanos = now;
        }
    }

    /** Whether only the originator's SYNs have been seen so far (Zeek's connection attempt). */
    static boolean isAttempt(Flow f) {
        int os = f.orig.state;
        return (os == TcpEndpoint.SYN_SENT || os == TcpEndpoint.SYN_ACK_SENT) && f.resp.state == TcpEndpoint.INACTIVE;
    }
}
