package org.hyakuyobako.simulate;

import java.util.SplittableRandom;

/**
 * A chat/push service some intranet users run: a TLS connection each to one external chat server,
 * messages pushed to one user at a time (never all at once), each acknowledged by the client, some
 * followed by a media download from the service's CDN; now and then the user writes too.
 */
final class ChatService {
    static final double CONNECT_WINDOW_S = 300;
    /** Client heartbeat period per scenario (below the 5-minute idle timeout). */
    static final double MIN_HEARTBEAT_S = 60;
    static final double MAX_HEARTBEAT_S = 240;
    static final double HEARTBEAT_JITTER = 0.1;
    /** Mean time between messages a user receives, and writes, per user. */
    static final double MIN_RECEIVE_MEAN_MIN = 3;
    static final double MAX_RECEIVE_MEAN_MIN = 15;
    static final double MIN_WRITE_MEAN_MIN = 10;
    static final double MAX_WRITE_MEAN_MIN = 30;
    /** The client acknowledges a message this soon. */
    static final double MIN_ACK_S = 0.1;
    static final double MAX_ACK_S = 0.5;
    /** Share of messages with media (per scenario), fetched this long after the message. */
    static final double MIN_MEDIA_SHARE = 0.25;
    static final double MAX_MEDIA_SHARE = 0.5;
    static final double MIN_MEDIA_AFTER_S = 0.5;
    static final double MAX_MEDIA_AFTER_S = 5;
    static final int MIN_MEDIA = 10 * 1024;
    static final int MAX_MEDIA = 300 * 1024;
    static final int MIN_MESSAGE = 80;
    static final int MAX_MESSAGE = 600;
    static final int MIN_ACK = 30;
    static final int MAX_ACK = 60;
    static final int[] PORTS = {443, 5222};

    private final World w;
    private final SplittableRandom r;
    private final ServiceNodes nodes;
    private final int port;
    private final double mediaShare;
    private final KeptConnection.Heartbeat heartbeat;

    ChatService(World w, SplittableRandom r) {
        this.w = w;
        this.r = r;
        this.nodes = ServiceNodes.draw(w, r, "chat", "chat-server", "media", "chat-cdn");
        this.port = Draws.pick(r, PORTS);
        this.mediaShare = Draws.between(r, MIN_MEDIA_SHARE, MAX_MEDIA_SHARE);
        this.heartbeat = KeptConnection.Heartbeat.tlsClient(r, MIN_HEARTBEAT_S, MAX_HEARTBEAT_S, HEARTBEAT_JITTER, 1.0, MIN_ACK, MAX_ACK);
    }

    void start(MonitoredHost user) {
        KeptConnection c = new KeptConnection(w, r, user, nodes.server(), port, heartbeat);
        long connected = w.start + Draws.nanosBetween(r, 0, CONNECT_WINDOW_S);
        c.openTls(connected, nodes.serverName());
        long receiveMean = Durations.seconds(Draws.between(r, MIN_RECEIVE_MEAN_MIN, MAX_RECEIVE_MEAN_MIN) * 60);
        long writeMean = Durations.seconds(Draws.between(r, MIN_WRITE_MEAN_MIN, MAX_WRITE_MEAN_MIN) * 60);
        w.every(connected + Draws.exponential(r, receiveMean), () -> Draws.exponential(r, receiveMean),
                now -> c.serverPush(now, Payloads.message(r, MIN_MESSAGE, MAX_MESSAGE), delivered -> received(user, c, delivered)));
        w.every(connected + Draws.exponential(r, writeMean), () -> Draws.exponential(r, writeMean),
                now -> c.clientSend(now, Payloads.message(r, MIN_MESSAGE, MAX_MESSAGE)));
    }

    private void received(MonitoredHost user, KeptConnection c, long delivered) {
        c.clientSend(delivered + Draws.nanosBetween(r, MIN_ACK_S, MAX_ACK_S), Payloads.message(r, MIN_ACK, MAX_ACK));
        if (Draws.chance(r, mediaShare)) {
            TlsFetch.fetch(w.connect(r, user, nodes.cdn(), 443), r, nodes.cdnName(), Draws.between(r, MIN_ACK * 10, MAX_MESSAGE),
                    (int) Draws.logUniform(r, MIN_MEDIA, MAX_MEDIA), delivered + Draws.nanosBetween(r, MIN_MEDIA_AFTER_S, MAX_MEDIA_AFTER_S));
        }
    }
}
