package org.hyakuyobako.simulate;

import java.util.Arrays;
import org.hyakuyobako.generate.FrameBuilder;

/**
 * One simulated TCP connection between a monitored host (client) and an external server, with
 * real sequence numbers, so decoded flows look like the real thing (handshake, ACKs, FINs).
 */
final class Tcp {
    static final long MS = 1_000_000L;

    private final Simulation sim;
    final int sensor;
    final int client;
    final int server;
    final int clientPort;
    final int serverPort;
    private final long rtt;
    private int clientSeq;
    private int serverSeq;

    Tcp(Simulation sim, int sensor, int client, int server, int clientPort, int serverPort, long rttNanos) {
        this(sim, sim.random(), sensor, client, server, clientPort, serverPort, rttNanos);
    }

    /** With its own random source, so that adding such connections leaves the rest of a seed's traffic as it was. */
    Tcp(Simulation sim, java.util.SplittableRandom random, int sensor, int client, int server, int clientPort, int serverPort,
        long rttNanos) {
        this.sim = sim;
        this.sensor = sensor;
        this.client = client;
        this.server = server;
        this.clientPort = clientPort;
        this.serverPort = serverPort;
        this.rtt = rttNanos;
        this.clientSeq = random.nextInt();
        this.serverSeq = random.nextInt();
    }

    long rtt() {
        return rtt;
    }

    /** SYN, SYN-ACK, ACK; returns when the handshake is done. */
    long open(long t) {
        FrameBuilder f = sim.frames();
        sim.packet(t, sensor, f.tcp4(client, server, clientPort, serverPort, clientSeq++, 0, FrameBuilder.SYN, 64_240, null, 0));
        sim.packet(t + rtt, sensor, f.tcp4(server, client, serverPort, clientPort, serverSeq++, clientSeq,
                FrameBuilder.SYN | FrameBuilder.ACK, 65_535, null, 0));
        sim.packet(t + rtt + MS / 10, sensor, f.tcp4(client, server, clientPort, serverPort, clientSeq, serverSeq,
                FrameBuilder.ACK, 64_240, null, 0));
        return t + rtt + MS / 5;
    }

    /** The client sends a payload, the server ACKs it; returns when the ACK is seen. */
    long clientSends(long t, byte[] payload) {
        FrameBuilder f = sim.frames();
        sim.packet(t, sensor, f.tcp4(client, server, clientPort, serverPort, clientSeq, serverSeq,
                FrameBuilder.PSH | FrameBuilder.ACK, 64_240, payload, payload.length));
        clientSeq += payload.length;
        sim.packet(t + rtt, sensor, f.tcp4(server, client, serverPort, clientPort, serverSeq, clientSeq,
                FrameBuilder.ACK, 65_535, null, 0));
        return t + rtt;
    }

    /** The server sends a payload, the client ACKs it at once (the sensor is beside the client). */
    long serverSends(long t, byte[] payload) {
        FrameBuilder f = sim.frames();
        sim.packet(t, sensor, f.tcp4(server, client, serverPort, clientPort, serverSeq, clientSeq,
                FrameBuilder.PSH | FrameBuilder.ACK, 65_535, payload, payload.length));
        serverSeq += payload.length;
        sim.packet(t + MS / 5, sensor, f.tcp4(client, server, clientPort, serverPort, clientSeq, serverSeq,
                FrameBuilder.ACK, 64_240, null, 0));
        return t + MS / 5;
    }

    /** Client FIN, server FIN, client ACK. */
    long close(long t) {
        FrameBuilder f = sim.frames();
        sim.packet(t, sensor, f.tcp4(client, server, clientPort, serverPort, clientSeq++, serverSeq,
                FrameBuilder.FIN | FrameBuilder.ACK, 64_240, null, 0));
        sim.packet(t + rtt, sensor, f.tcp4(server, client, serverPort, clientPort, serverSeq++, clientSeq,
                FrameBuilder.FIN | FrameBuilder.ACK, 65_535, null, 0));
        sim.packet(t + rtt + MS / 10, sensor, f.tcp4(client, server, clientPort, serverPort, clientSeq, serverSeq,
                FrameBuilder.ACK, 64_240, null, 0));
        return t + rtt + MS / 5;
    }

    /** The largest payload of one segment on Ethernet (1500-byte MTU, 40 bytes of IPv4 and TCP headers). */
    static final int MSS = 1460;
    /** Receivers acknowledge every second full segment (delayed ACK). */
    static final int SEGMENTS_PER_ACK = 2;

    /**
     * The server sends a payload of any size in MSS-sized segments {@code gapNanos} apart, the client
     * ACKing every second one at once (the sensor is beside it); returns when the last ACK is sent.
     */
    long serverStreams(long t, byte[] payload, long gapNanos) {
        return stream(false, t, payload, gapNanos);
    }

    /** The client sends a payload of any size in segments (an upload); returns when the server's last ACK is seen. */
    long clientStreams(long t, byte[] payload, long gapNanos) {
        return stream(true, t, payload, gapNanos);
    }

    private long stream(boolean fromClient, long t, byte[] payload, long gapNanos) {
        long ackDelay = fromClient ? rtt : MS / 5;
        long at = t;
        long last = t;
        int segments = 0;
        for (int offset = 0; offset < payload.length; offset += MSS) {
            int n = Math.min(MSS, payload.length - offset);
            boolean lastSegment = offset + n >= payload.length;
            segment(fromClient, at, lastSegment ? FrameBuilder.PSH | FrameBuilder.ACK : FrameBuilder.ACK,
                    Arrays.copyOfRange(payload, offset, offset + n));
            segments++;
            if (segments % SEGMENTS_PER_ACK == 0 || lastSegment) {
                last = at + ackDelay;
                segment(!fromClient, last, FrameBuilder.ACK, new byte[0]);
            }
            at += gapNanos;
        }
        return last;
    }

    /** One segment from the client or the server, with the current sequence numbers (then advanced by the payload). */
    private void segment(boolean fromClient, long at, int flags, byte[] payload) {
        FrameBuilder f = sim.frames();
        if (fromClient) {
            sim.packet(at, sensor, f.tcp4(client, server, clientPort, serverPort, clientSeq, serverSeq, flags, 64_240, payload, payload.length));
            clientSeq += payload.length;
        } else {
            sim.packet(at, sensor, f.tcp4(server, client, serverPort, clientPort, serverSeq, clientSeq, flags, 65_535, payload, payload.length));
            serverSeq += payload.length;
        }
    }

    /** Nobody listens: the SYN is answered by RST-ACK; returns when the reset arrived. */
    long refused(long t) {
        FrameBuilder f = sim.frames();
        sim.packet(t, sensor, f.tcp4(client, server, clientPort, serverPort, clientSeq++, 0, FrameBuilder.SYN, 64_240, null, 0));
        sim.packet(t + rtt, sensor, f.tcp4(server, client, serverPort, clientPort, 0, clientSeq, FrameBuilder.RST | FrameBuilder.ACK, 0,
                null, 0));
        return t + rtt;
    }

    /** The client aborts the connection with a RST (a program killed, a bot reconnecting). */
    long reset(long t) {
        sim.packet(t, sensor, sim.frames().tcp4(client, server, clientPort, serverPort, clientSeq, serverSeq,
                FrameBuilder.RST | FrameBuilder.ACK, 0, null, 0));
        return t;
    }

    /** A whole request/response exchange: open, request, response, close. */
    long exchange(long t, byte[] request, byte[] response) {
        long at = open(t);
        at = clientSends(at, request);
        at = serverSends(at + MS, response);
        return close(at + MS);
    }
}
