package org.hyakuyobako.simulate;

import java.util.SplittableRandom;
import java.util.function.Function;
import java.util.function.LongConsumer;

/**
 * A long-lived TCP connection a monitored host keeps open to a server that pushes to it (a push
 * C&C, a management server, a chat service), with the heartbeats that keep it alive. Every send
 * happens in a wake-up at its own time, so sequence numbers grow with time whatever else the
 * connection carries meanwhile; after {@link #close} nothing more is sent on it.
 */
final class KeptConnection {
    /**
     * How a connection is kept alive.
     *
     * @param period mean time between heartbeats
     * @param jitter each gap is moved by up to ± this fraction of the period
     * @param serverPings the server sends the heartbeat (IRC's PING) rather than the client
     * @param answerShare how often the other side answers a heartbeat with a payload of its own
     */
    record Heartbeat(long period, double jitter, boolean serverPings, double answerShare, Function<SplittableRandom, byte[]> ping,
                     Function<SplittableRandom, byte[]> pong) {
        /**
         * A TLS client's heartbeat, as push C&C, management agents and chat clients send it: an
         * encrypted record of {@code minBytes}–{@code maxBytes} every period, the period drawn in
         * [minSeconds, maxSeconds) once, each gap moved by ±{@code jitter}; the server answers alike.
         */
        static Heartbeat tlsClient(SplittableRandom r, double minSeconds, double maxSeconds, double jitter, double answerShare, int minBytes,
                                   int maxBytes) {
            Function<SplittableRandom, byte[]> beat = x -> Payloads.message(x, minBytes, maxBytes);
            return new Heartbeat(Draws.nanosBetween(r, minSeconds, maxSeconds), jitter, false, answerShare, beat, beat);
        }
    }

    /** The other side's answer to a heartbeat follows within this time. */
    static final double ANSWER_MIN_MS = 5;
    static final double ANSWER_MAX_MS = 80;

    private final World w;
    private final SplittableRandom r;
    private final Tcp tcp;
    private final Heartbeat heartbeat;
    private boolean open;
    private boolean closed;

    KeptConnection(World w, SplittableRandom r, MonitoredHost host, int server, int port, Heartbeat heartbeat) {
        this.w = w;
        this.r = r;
        this.tcp = w.connect(r, host, server, port);
        this.heartbeat = heartbeat;
    }

    /** Opens at {@code at}: handshake, the client's hello, the server's welcome; heartbeats follow. */
    void open(long at, byte[] hello, byte[] welcome) {
        w.sim.wake(at, (now, sim) -> {
            if (closed) {
                return;
            }
            long t = tcp.open(now);
            t = tcp.clientSends(t + Durations.MS, hello);
            t = tcp.serverSends(t + answerDelay(), welcome);
            // Open for other senders only once the welcome is out: sequence numbers must follow time.
            sim.wake(t, (ready, s) -> {
                open = !closed;
                s.wake(ready + Draws.jittered(r, heartbeat.period(), heartbeat.jitter()), this::beat);
            });
        });
    }

    /** Opens at {@code at} as TLS does: a ClientHello naming {@code serverName}, the server's first flight. */
    void openTls(long at, String serverName) {
        open(at, Payloads.clientHello(r, serverName), Payloads.serverHello(r, Draws.between(r, TlsFetch.MIN_FLIGHT, TlsFetch.MAX_FLIGHT)));
    }

    private void beat(long now, Simulation sim) {
        if (!open) {
            return;
        }
        byte[] ping = heartbeat.ping().apply(r);
        long t = heartbeat.serverPings() ? tcp.serverSends(now, ping) : tcp.clientSends(now, ping);
        if (Draws.chance(r, heartbeat.answerShare())) {
            byte[] pong = heartbeat.pong().apply(r);
            if (heartbeat.serverPings()) {
                clientSend(t + answerDelay(), pong);
            } else {
                serverPush(t + answerDelay(), pong, delivered -> { });
            }
        }
        sim.wake(now + Draws.jittered(r, heartbeat.period(), heartbeat.jitter()), this::beat);
    }

    /** The server pushes {@code payload} at {@code at}; {@code delivered} is told when, if the connection was open. */
    void serverPush(long at, byte[] payload, LongConsumer delivered) {
        w.sim.wake(at, (now, sim) -> {
            if (open) {
                delivered.accept(tcp.serverSends(now, payload));
            }
        });
    }

    /** The client sends {@code payload} at {@code at}, if the connection is still open then. */
    void clientSend(long at, byte[] payload) {
        w.sim.wake(at, (now, sim) -> {
            if (open) {
                tcp.clientSends(now, payload);
            }
        });
    }

    /** Ends the connection at {@code at}: FINs, or the client's RST when {@code reset}. */
    void close(long at, boolean reset) {
        closed = true;
        w.sim.wake(at, (now, sim) -> {
            if (open) {
                open = false;
                if (reset) {
                    tcp.reset(now);
                } else {
                    tcp.close(now);
                }
            }
        });
    }

    private long answerDelay() {
        return Durations.seconds(Draws.between(r, ANSWER_MIN_MS, ANSWER_MAX_MS) / 1000);
    }
}
