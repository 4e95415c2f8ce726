package org.hyakuyobako.simulate;

import java.util.SplittableRandom;

/**
 * One short HTTPS exchange over a {@link Tcp}: handshake, ClientHello naming the server, the
 * server's first flight, a request, a response of any size in segments, FINs. Browsers, updaters,
 * backup agents and the management agent all fetch this way; only sizes and rhythm tell them apart.
 */
final class TlsFetch {
    /** The server's think time before its first flight and before its response. */
    static final double MIN_THINK_MS = 1;
    static final double MAX_THINK_MS = 120;
    /** Time between a sender's segments (its uplink). */
    static final double MIN_SEGMENT_GAP_MS = 0.05;
    static final double MAX_SEGMENT_GAP_MS = 1.5;
    /** The encrypted part of the server's first flight (extensions, certificate chain), kept within one segment. */
    static final int MIN_FLIGHT = 600;
    static final int MAX_FLIGHT = 1_300;

    private TlsFetch() {
    }

    /** Request and response; returns when the connection is closed. */
    static long fetch(Tcp tcp, SplittableRandom r, String serverName, int requestBytes, int responseBytes, long t) {
        return exchange(tcp, r, null, serverName, requestBytes, responseBytes, t);
    }

    /**
     * The same through an HTTP proxy: the client first asks {@code CONNECT name:443} and the proxy
     * answers that the tunnel is up; the TLS exchange then runs inside the tunnel.
     */
    static long tunnelled(Tcp tcp, SplittableRandom r, String serverName, int requestBytes, int responseBytes, long t) {
        return exchange(tcp, r, serverName + ":443", serverName, requestBytes, responseBytes, t);
    }

    private static long exchange(Tcp tcp, SplittableRandom r, String connectTo, String serverName, int requestBytes, int responseBytes,
                                 long t) {
        long gap = Durations.seconds(Draws.between(r, MIN_SEGMENT_GAP_MS, MAX_SEGMENT_GAP_MS) / 1000);
        long at = tcp.open(t);
        if (connectTo != null) {
            at = tcp.clientSends(at, Payloads.text("CONNECT " + connectTo + " HTTP/1.1\r\nHost: " + connectTo + "\r\n\r\n"));
            at = tcp.serverSends(at + think(r), Payloads.text("HTTP/1.1 200 Connection established\r\n\r\n"));
        }
        at = tcp.clientSends(at + Durations.MS / 10, Payloads.clientHello(r, serverName));
        at = tcp.serverSends(at + think(r), Payloads.serverHello(r, Draws.between(r, MIN_FLIGHT, MAX_FLIGHT)));
        at = tcp.clientStreams(at + Durations.MS / 10, Payloads.encrypted(r, requestBytes), gap);
        at = tcp.serverStreams(at + think(r), Payloads.encrypted(r, responseBytes), gap);
        return tcp.close(at + Durations.MS);
    }

    private static long think(SplittableRandom r) {
        return Durations.seconds(Draws.logUniform(r, MIN_THINK_MS, MAX_THINK_MS) / 1000);
    }
}
