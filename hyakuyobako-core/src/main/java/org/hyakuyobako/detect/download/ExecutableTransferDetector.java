package org.hyakuyobako.detect.download;

import java.util.List;
import java.util.Map;
import java.util.function.Consumer;
import org.hyakuyobako.decode.IpAddresses;
import org.hyakuyobako.detect.LruMap;
import org.hyakuyobako.event.ConnectionRef;
import org.hyakuyobako.event.Endpoints;
import org.hyakuyobako.event.Event;
import org.hyakuyobako.event.EvidenceEvent;
import org.hyakuyobako.net.HomeNet;
import org.hyakuyobako.proto.ContentObserver;
import org.hyakuyobako.proto.ExecutableContent;

/**
 * Code received over a connection no protocol explains (D6): an FTP data connection, active or
 * passive, a raw TCP push after an exploit, a bot's own transfer protocol. Recognised by content
 * ({@link ExecutableContent}: PE, ELF, scripts), in either direction, so whatever told the host to
 * fetch it, the fetch itself is seen. The monitored host that received it gets {@code download}
 * evidence (0.6: honeypots and victims receive pushed code, updaters use HTTP) whose peer is the
 * sender, the address an infection chain links to the exploit or shell before it. Once per
 * receiver and sender.
 */
public final class ExecutableTransferDetector implements ContentObserver {
    static final double SCORE = 0.6;
    /** Ports below this name a service (FTP's 20); above, the sender's port is an ephemeral one and is left out. */
    private static final int SERVICE_PORTS = 1024;
    private static final int FTP_DATA = 20;

    private final HomeNet homeNet;
    private final Consumer<Event> emit;
    private final LruMap<String, Boolean> reported = new LruMap<>(100_000);
    private long transfers;

    public ExecutableTransferDetector(HomeNet homeNet, Consumer<Event> emit) {
        this.homeNet = homeNet;
        this.emit = emit;
    }

    @Override
    public void unidentified(ConnectionRef conn, long firstNanos, long lastNanos, byte[] client, int clientLength, byte[] server,
                             int serverLength) {
        String toClient = ExecutableContent.kind(server, serverLength);
        if (toClient != null) {
            received(conn, conn.srcIp(), sender(conn.destIp(), conn.destPort()), toClient, firstNanos, lastNanos);
        }
        String toServer = ExecutableContent.kind(client, clientLength);
        if (toServer != null) {
            received(conn, conn.destIp(), sender(conn.srcIp(), conn.srcPort()), toServer, firstNanos, lastNanos);
        }
    }

    /**
     * The sender as a peer: with a service port that names it (a raw push to a fixed port below 1024),
     * else the bare address. FTP data ports (20, or the one-off port passive mode opens) name nothing
     * a rule or a firewall could block again.
     */
    private static String sender(String ip, int port) {
        return port < SERVICE_PORTS && port != FTP_DATA ? Endpoints.format(ip, port) : ip;
    }

    private void received(ConnectionRef conn, String receiver, String sender, String kind, long first, long last) {
        long[] r = IpAddresses.parse(receiver);
        if (!homeNet.contains(r[0], r[1]) || reported.put(receiver + " " + sender, Boolean.TRUE) != null) {
            return;
        }
        transfers++;
        emit.accept(new EvidenceEvent(first, last, receiver, sender, "download", SCORE,
                "receives " + kind + " from " + sender + " over a connection no protocol explains (tcp/" + conn.destPort() + ")",
                List.of("flow:" + conn.flowId())));
    }

    @Override
    public Map<String, Long> counters() {
        return Map.of("download.executables_by_content", transfers);
    }
}
