package org.hyakuyobako.source.live;

import java.io.BufferedInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.net.SocketException;
import java.nio.charset.StandardCharsets;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicLong;

/**
 * A syslog receiver over TCP (what firewalls use when UDP loses too much): each connection on its
 * own thread, messages framed as RFC 6587 allows, by octet counting ({@code 123 <134>...}) or by a
 * trailing LF (or NUL); each message handed to the handler as text. Written by hand: the framing is
 * ten lines and no syslog library for Java is both kept and small.
 *
 * <p>Hostile senders are expected: a message over {@link #MAX_MESSAGE} bytes is cut there (the rest
 * read and thrown away, counted), a length prefix over {@link #MAX_OCTET_COUNT} closes the
 * connection (counted as malformed), at most {@link #MAX_CONNECTIONS} connections at once (more are
 * refused and counted), and a handler that throws costs that message only.
 */
public final class TcpSyslogListener implements AutoCloseable {
    public static final int MAX_MESSAGE = 16 * 1024;
    static final int MAX_OCTET_COUNT = 1 << 20;
    static final int MAX_CONNECTIONS = 64;

    /** What is done with each message. */
    public interface Handler {
        void message(String text, String sender);
    }

    private final ServerSocket server;
    private final Handler handler;
    private final Set<Socket> clients = ConcurrentHashMap.newKeySet();
    private final AtomicLong messages = new AtomicLong();
    private final AtomicLong overlong = new AtomicLong();
    private final AtomicLong malformed = new AtomicLong();
    private final AtomicLong refused = new AtomicLong();
    private final AtomicLong failed = new AtomicLong();
    private volatile boolean closing;

    /** Binds {@code host:port} (port 0: any free one) and starts accepting. */
    public TcpSyslogListener(String host, int port, Handler handler) throws IOException {
        this.handler = handler;
        server = new ServerSocket();
        server.setReuseAddress(true);
        server.bind(new InetSocketAddress(host, port));
        Thread t = new Thread(this::acceptLoop, "tcp-syslog-" + server.getLocalPort());
        t.setDaemon(true);
        t.start();
    }

    private void acceptLoop() {
        while (!closing) {
            Socket s;
            try {
                s = server.accept();
            } catch (IOException e) {
                return; // closed
            }
            if (clients.size() >= MAX_CONNECTIONS) {
                refused.incrementAndGet();
                closeQuietly(s);
                continue;
            }
            clients.add(s);
            Thread t = new Thread(() -> serve(s), "tcp-syslog-client");
            t.setDaemon(true);
            t.start();
        }
    }

    private void serve(Socket s) {
        String sender = s.getInetAddress().getHostAddress();
        try (InputStream in = new BufferedInputStream(s.getInputStream())) {
            ByteArrayOutputStream message = new ByteArrayOutputStream(512);
            while (true) {
                int first = in.read();
                if (first < 0) {
                    return;
                }
                if (first == '\n' || first == '\r' || first == 0) {
                    continue; // stray separators between messages
                }
                message.reset();
                if (first >= '0' && first <= '9') {
                    // Octet counting, if digits are followed by a space; else the digits start a line.
                    long count = first - '0';
                    int digits = 1;
                    int c = in.read();
                    message.write(first);
                    while (c >= '0' && c <= '9' && digits < 10) {
                        count = count * 10 + (c - '0');
                        digits++;
                        message.write(c);
                        c = in.read();
                    }
                    if (c == ' ') {
                        if (count > MAX_OCTET_COUNT) {
                            malformed.incrementAndGet();
                            return;
                        }
                        deliver(readCounted(in, (int) count), sender);
                        continue;
                    }
                    if (c < 0) {
                        deliver(message.toByteArray(), sender);
                        return;
                    }
                    if (c != '\n' && c != 0) {
                        message.write(c);
                        if (!readLine(in, message)) {
                            deliver(message.toByteArray(), sender);
                            return;
                        }
                    }
                    deliver(message.toByteArray(), sender);
                    continue;
                }
                message.write(first);
                boolean more = readLine(in, message);
                deliver(message.toByteArray(), sender);
                if (!more) {
                    return;
                }
            }
        } catch (SocketException e) {
            // closed by us or the peer
        } catch (IOException e) {
            failed.incrementAndGet();
        } finally {
            clients.remove(s);
            closeQuietly(s);
        }
    }

    /** Reads up to LF or NUL (not kept) into {@code out}, at most {@link #MAX_MESSAGE} bytes kept; false at end of stream. */
    private boolean readLine(InputStream in, ByteArrayOutputStream out) throws IOException {
        boolean cut = false;
        while (true) {
            int c = in.read();
            if (c < 0) {
                return false;
            }
            if (c == '\n' || c == 0) {
                return true;
            }
            if (out.size() < MAX_MESSAGE) {
                out.write(c);
            } else if (!cut) {
                cut = true;
                overlong.incrementAndGet();
            }
        }
    }

    private byte[] readCounted(InputStream in, int count) throws IOException {
        byte[] kept = in.readNBytes(Math.min(count, MAX_MESSAGE));
        if (count > MAX_MESSAGE) {
            overlong.incrementAndGet();
            in.skipNBytes(count - MAX_MESSAGE);
        }
        return kept;
    }

    private void deliver(byte[] bytes, String sender) {
        int end = bytes.length;
        while (end > 0 && (bytes[end - 1] == '\r' || bytes[end - 1] == '\n')) {
            end--;
        }
        if (end == 0) {
            return;
        }
        messages.incrementAndGet();
        try {
            handler.message(new String(bytes, 0, end, StandardCharsets.UTF_8), sender);
        } catch (RuntimeException e) {
            failed.incrementAndGet();
        }
    }

    public int port() {
        return server.getLocalPort();
    }

    public long messages() {
        return messages.get();
    }

    public long overlong() {
        return overlong.get();
    }

    public long malformed() {
        return malformed.get();
    }

    public long refused() {
        return refused.get();
    }

    public long failed() {
        return failed.get();
    }

    @Override
    public void close() {
        closing = true;
        try {
            server.close();
        } catch (IOException e) {
            // closing anyway
        }
        for (Socket s : clients) {
            closeQuietly(s);
        }
    }

    private static void closeQuietly(Socket s) {
        try {
            s.close();
        } catch (IOException e) {
            // nothing to save
        }
    }
}
