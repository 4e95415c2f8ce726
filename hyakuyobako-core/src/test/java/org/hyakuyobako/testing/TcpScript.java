package org.hyakuyobako.testing;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import org.hyakuyobako.decode.IpAddresses;
import org.hyakuyobako.generate.FrameBuilder;
import org.hyakuyobako.generate.PcapWriter;

/** Writes one TCP conversation into a capture: handshake, text each way with correct sequence numbers, close. */
public final class TcpScript {
    static final long MS = 1_000_000L;

    private final PcapWriter out;
    private final FrameBuilder f = new FrameBuilder();
    private final int client;
    private final int server;
    private final int clientPort;
    private final int serverPort;
    private int clientSeq = 1000;
    private int serverSeq = 9000;
    private long t;

    public TcpScript(PcapWriter out, String client, int clientPort, String server, int serverPort, long startNanos) throws IOException {
        this.out = out;
        this.client = IpAddresses.parseV4(client);
        this.server = IpAddresses.parseV4(server);
        this.clientPort = clientPort;
        this.serverPort = serverPort;
        this.t = startNanos;
        write(this.client, this.server, clientPort, serverPort, clientSeq++, 0, FrameBuilder.SYN, null);
        write(this.server, this.client, serverPort, clientPort, serverSeq++, clientSeq, FrameBuilder.SYN | FrameBuilder.ACK, null);
        write(this.client, this.server, clientPort, serverPort, clientSeq, serverSeq, FrameBuilder.ACK, null);
    }

    private void write(int src, int dst, int sport, int dport, int seq, int ack, int flags, byte[] payload) throws IOException {
        t += MS;
        int n = f.tcp4(src, dst, sport, dport, seq, ack, flags, 65535, payload, payload == null ? 0 : payload.length);
        out.write(t, f.frame(), n, n);
    }

    /** The next packet is written at {@code nanos} (the clock of an interleaved conversation moves on). */
    public TcpScript at(long nanos) {
        t = nanos - MS;
        return this;
    }

    public TcpScript client(String text) throws IOException {
        byte[] b = text.getBytes(StandardCharsets.ISO_8859_1);
        write(client, server, clientPort, serverPort, clientSeq, serverSeq, FrameBuilder.PSH | FrameBuilder.ACK, b);
        clientSeq += b.length;
        return this;
    }

    /** Two client segments that arrive in the wrong order: {@code second} (which follows {@code first} in the stream) is sent first. */
    public TcpScript clientOutOfOrder(String first, String second) throws IOException {
        byte[] a = first.getBytes(StandardCharsets.ISO_8859_1);
        byte[] b = second.getBytes(StandardCharsets.ISO_8859_1);
        write(client, server, clientPort, serverPort, clientSeq + a.length, serverSeq, FrameBuilder.PSH | FrameBuilder.ACK, b);
        write(client, server, clientPort, serverPort, clientSeq, serverSeq, FrameBuilder.PSH | FrameBuilder.ACK, a);
        clientSeq += a.length + b.length;
        return this;
    }

    public TcpScript server(String text) throws IOException {
        byte[] b = text.getBytes(StandardCharsets.ISO_8859_1);
        write(server, client, serverPort, clientPort, serverSeq, clientSeq, FrameBuilder.PSH | FrameBuilder.ACK, b);
        serverSeq += b.length;
        return this;
    }

    public void close() throws IOException {
        write(client, server, clientPort, serverPort, clientSeq++, serverSeq, FrameBuilder.FIN | FrameBuilder.ACK, null);
        write(server, client, serverPort, clientPort, serverSeq++, clientSeq, FrameBuilder.FIN | FrameBuilder.ACK, null);
        write(client, server, clientPort, serverPort, clientSeq, serverSeq, FrameBuilder.ACK, null);
    }
}
