package org.hyakuyobako.proto.tls;

import java.io.ByteArrayInputStream;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.security.cert.CertificateException;
import java.security.cert.CertificateFactory;
import java.security.cert.X509Certificate;
import java.util.function.Consumer;
import org.hyakuyobako.event.ConnectionRef;
import org.hyakuyobako.event.Event;
import org.hyakuyobako.event.TlsEvent;
import org.hyakuyobako.event.WeirdEvent;
import org.hyakuyobako.stream.StreamConsumer;

/**
 * A TLS connection's clear-text handshake: the ClientHello's server name and fingerprints (JA3,
 * JA4), the ServerHello's version and fingerprint (JA3S) and the server's first certificate (parsed
 * by the JDK's X.509 classes). One {@code tls} event when both directions are past their handshake
 * (or the connection ends); then the streams can go. A hello whose lengths disagree gets no
 * fingerprint and is a {@code weird} ({@code tls_malformed_client_hello} / {@code _server_hello}).
 */
public final class TlsSession {
    /** Control characters in a server name become '?' (compiled once: a ClientHello per connection). */
    private static final java.util.regex.Pattern CONTROL = java.util.regex.Pattern.compile("\\p{Cntrl}");

    private final ConnectionRef conn;
    private final Consumer<Event> emit;
    private final TlsHandshakeReader client = new TlsHandshakeReader(this::clientMessage);
    private final TlsHandshakeReader server = new TlsHandshakeReader(this::serverMessage);
    private long now;
    private String sni;
    private String version;
    private Ja3Fingerprint ja3;
    private String ja4;
    private Ja3Fingerprint ja3s;
    private boolean clientHelloSeen;
    private boolean serverHelloSeen;
    private X509Certificate certificate;
    private boolean emitted;

    private final TlsHelloCounters counters;

    public TlsSession(ConnectionRef conn, Consumer<Event> emit) {
        this(conn, emit, new TlsHelloCounters());
    }

    /** @param counters where hellos fingerprinted and refused are counted (the app layer's, for stats) */
    public TlsSession(ConnectionRef conn, Consumer<Event> emit, TlsHelloCounters counters) {
        this.conn = conn;
        this.emit = emit;
        this.counters = counters;
    }

    public StreamConsumer clientStream() {
        return client;
    }

    public StreamConsumer serverStream() {
        return server;
    }

    public void at(long timestampNanos) {
        now = timestampNanos;
    }

    /** Both directions are past the clear part: the event is out and the streams can be dropped. */
    public boolean finished() {
        if (client.done() && server.done()) {
            close();
            return true;
        }
        return false;
    }

    /**
     * Both sides switched to encrypted records: what follows is ciphertext that no content can match
     * (Suricata then stops payload inspection of the connection, its default encryption handling).
     */
    public boolean encrypted() {
        return client.encrypted() && server.encrypted();
    }

    private void clientMessage(int type, byte[] body) {
        if (type != 1 || clientHelloSeen) {
            return;
        }
        clientHelloSeen = true;
        ClientHello hello = ClientHello.parse(body);
        if (hello == null) {
            counters.malformed();
            emit.accept(new WeirdEvent(now, conn, "tls_malformed_client_hello", body.length + " bytes", "TLS"));
            // The name may still be readable before the damage (the old reading, kept for that).
            sni = serverName(ByteBuffer.wrap(body));
            return;
        }
        sni = hello.serverName();
        ja3 = Ja3Fingerprint.of(hello);
        ja4 = Ja4Fingerprint.of(hello);
        counters.fingerprinted();
    }

    private void serverMessage(int type, byte[] body) {
        if (type == 2 && !serverHelloSeen) {
            serverHelloSeen = true;
            ServerHello hello = ServerHello.parse(body);
            if (hello == null) {
                counters.malformed();
                emit.accept(new WeirdEvent(now, conn, "tls_malformed_server_hello", body.length + " bytes", "TLS"));
                version = serverVersion(ByteBuffer.wrap(body));
            } else {
                version = versionName(hello.version());
                ja3s = Ja3Fingerprint.ofServer(hello);
            }
        } else if (type == 11 && certificate == null) {
            certificate = firstCertificate(ByteBuffer.wrap(body));
        }
    }

    /**
     * The server name of a hello {@link ClientHello} could not parse: version, random, session id,
     * cipher suites, compression, then extension 0 (server_name), read as far as it goes.
     */
    static String serverName(ByteBuffer b) {
        try {
            int p = 2 + 32;
            p += 1 + (b.get(p) & 0xFF);
            p += 2 + (b.getShort(p) & 0xFFFF);
            p += 1 + (b.get(p) & 0xFF);
            int end = Math.min(b.limit(), p + 2 + (b.getShort(p) & 0xFFFF));
            p += 2;
            while (p + 4 <= end) {
                int type = b.getShort(p) & 0xFFFF;
                int length = b.getShort(p + 2) & 0xFFFF;
                if (type == 0 && p + 9 <= end && (b.get(p + 6) & 0xFF) == 0) {
                    int nameLength = b.getShort(p + 7) & 0xFFFF;
                    byte[] name = new byte[Math.min(nameLength, 255)];
                    b.get(p + 9, name);
                    return CONTROL.matcher(new String(name, StandardCharsets.ISO_8859_1)).replaceAll("?");
                }
                p += 4 + length;
            }
        } catch (IndexOutOfBoundsException e) {
            return null;    // a damaged hello: no name rather than a wrong one
        }
        return null;
    }

    /** The version of a ServerHello {@link ServerHello} could not parse: supported_versions (43) if readable, else the legacy field. */
    static String serverVersion(ByteBuffer b) {
        try {
            int legacy = b.getShort(0) & 0xFFFF;
            int p = 2 + 32;
            p += 1 + (b.get(p) & 0xFF);
            p += 2 + 1;
            if (p + 2 <= b.limit()) {
                int end = Math.min(b.limit(), p + 2 + (b.getShort(p) & 0xFFFF));
                p += 2;
                while (p + 4 <= end) {
                    int type = b.getShort(p) & 0xFFFF;
                    int length = b.getShort(p + 2) & 0xFFFF;
                    if (type == 43 && length == 2) {
                        return versionName(b.getShort(p + 4) & 0xFFFF);
                    }
                    p += 4 + length;
                }
            }
            return versionName(legacy);
        } catch (IndexOutOfBoundsException e) {
            return null;
        }
    }

    static String versionName(int v) {
        return switch (v) {
            case 0x0300 -> "SSLv3";
            case 0x0301 -> "TLS 1.0";
            case 0x0302 -> "TLS 1.1";
            case 0x0303 -> "TLS 1.2";
            case 0x0304 -> "TLS 1.3";
            default -> String.format("0x%04x", v);
        };
    }

    /** Certificate: a 3-byte list length, then 3-byte length and DER of each; the first is the server's. */
    private X509Certificate firstCertificate(ByteBuffer b) {
        try {
            int length = ((b.get(3) & 0xFF) << 16) | ((b.get(4) & 0xFF) << 8) | (b.get(5) & 0xFF);
            byte[] der = new byte[length];
            b.get(6, der);
            return (X509Certificate) CertificateFactory.getInstance("X.509").generateCertificate(new ByteArrayInputStream(der));
        } catch (IndexOutOfBoundsException | CertificateException | ClassCastException e) {
            emit.accept(new WeirdEvent(now, conn, "tls_bad_certificate", e.getClass().getSimpleName(), "TLS"));
            return null;
        }
    }

    /** The serial number's bytes as Suricata writes them: upper-case hex pairs joined by colons. */
    static String serial(X509Certificate c) {
        byte[] b = c.getSerialNumber().toByteArray();
        StringBuilder sb = new StringBuilder(b.length * 3);
        for (int i = 0; i < b.length; i++) {
            if (i > 0) {
                sb.append(':');
            }
            sb.append(String.format("%02X", b[i] & 0xff));
        }
        return sb.toString();
    }

    /** The connection ended or the handshake is over: one event with what was seen. */
    public void close() {
        if (emitted || sni == null && version == null && certificate == null && ja3 == null) {
            return;
        }
        emitted = true;
        String subject = certificate == null ? null : certificate.getSubjectX500Principal().getName();
        String issuer = certificate == null ? null : certificate.getIssuerX500Principal().getName();
        long before = certificate == null ? 0 : certificate.getNotBefore().getTime() * 1_000_000L;
        long after = certificate == null ? 0 : certificate.getNotAfter().getTime() * 1_000_000L;
        emit.accept(new TlsEvent(now, conn, sni, version, subject, issuer, certificate == null ? null : serial(certificate),
                before, after, ja3 == null ? null : ja3.hash(), ja3 == null ? null : ja3.string(), ja4,
                ja3s == null ? null : ja3s.hash(), ja3s == null ? null : ja3s.string()));
    }
}
