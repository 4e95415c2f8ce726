package org.hyakuyobako.source.live;

import java.io.IOException;
import java.net.DatagramPacket;
import java.net.DatagramSocket;
import java.net.InetSocketAddress;
import java.net.SocketException;
import java.util.Arrays;
import java.util.concurrent.atomic.AtomicLong;

/**
 * Receives datagrams on a UDP port (a syslog receiver for firewall messages, a NetFlow/IPFIX
 * collector) and hands each to a handler on the listener's own thread. The handler sees the
 * bytes and the sender's address; what does not fit {@link #MAX_DATAGRAM} is cut (and counted),
 * a handler that throws costs that datagram only (counted). Closing stops the thread.
 */
public final class UdpListener implements AutoCloseable {
    static final int MAX_DATAGRAM = 65_535;

    /** What is done with each datagram. */
    public interface Handler {
        void datagram(byte[] data, String sender);
    }

    private final DatagramSocket socket;
    private final Thread thread;
    private final AtomicLong received = new AtomicLong();
    private final AtomicLong failed = new AtomicLong();
    private volatile boolean closing;

    /** Binds {@code host:port} (port 0: any free one) and starts receiving. */
    public UdpListener(String host, int port, Handler handler) throws IOException {
        socket = new DatagramSocket(null);
        socket.setReuseAddress(true);
        socket.bind(new InetSocketAddress(host, port));
        thread = new Thread(() -> loop(handler), "udp-listener-" + socket.getLocalPort());
        thread.setDaemon(true);
        thread.start();
    }

    private void loop(Handler handler) {
        byte[] buffer = new byte[MAX_DATAGRAM];
        DatagramPacket p = new DatagramPacket(buffer, buffer.length);
        while (!closing) {
            try {
                p.setLength(buffer.length);
                socket.receive(p);
            } catch (SocketException e) {
                return;     // closed
            } catch (IOException e) {
                failed.incrementAndGet();
                continue;
            }
            received.incrementAndGet();
            try {
                handler.datagram(Arrays.copyOf(buffer, p.getLength()), p.getAddress().getHostAddress());
            } catch (RuntimeException e) {
                failed.incrementAndGet();
            }
        }
    }

    public int port() {
        return socket.getLocalPort();
    }

    public long received() {
        return received.get();
    }

    /** Datagrams the socket or the handler failed on. */
    public long failed() {
        return failed.get();
    }

    @Override
    public void close() throws InterruptedException {
        closing = true;
        socket.close();
        thread.join(5_000);
    }
}
