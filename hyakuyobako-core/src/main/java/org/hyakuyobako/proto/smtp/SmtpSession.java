package org.hyakuyobako.proto.smtp;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.function.Consumer;
import org.hyakuyobako.event.ConnectionRef;
import org.hyakuyobako.event.Event;
import org.hyakuyobako.event.SmtpEvent;
import org.hyakuyobako.proto.LineSession;

/**
 * One SMTP connection (RFC 5321), client commands and server replies as lines: HELO/EHLO, AUTH,
 * MAIL FROM, RCPT TO, DATA (the message is read to its final "." for its Subject and its MIME
 * attachments' types and names, the first {@link #DATA_HEADERS_BYTES} bytes only), RSET, STARTTLS
 * (the rest is TLS: parsing stops). One {@code smtp} event per mail, with the server's reply to it.
 * Hand-written: mail libraries parse messages, not both halves of a captured SMTP dialogue.
 */
public final class SmtpSession extends LineSession {
    static final int MAX_LINE = 4_096;
    static final int DATA_HEADERS_BYTES = 65_536;
    /** How much of a message is kept for its attachments when an inspector asks (Suricata's file limits are of this size). */
    static final int MESSAGE_LIMIT = 4 << 20;
    static final int MAX_RECIPIENTS = 1_000;
    static final int MAX_ATTACHMENTS = 32;

    private String helo;
    private String auth;
    private String mailFrom;
    private final List<String> rcptTo = new ArrayList<>();
    private String subject;
    private final List<String> attachments = new ArrayList<>();
    private String pendingContentType;
    private boolean inData;
    private boolean inMessageHeaders;
    private long dataBytes;
    private boolean awaitingDataReply;
    private boolean tls;
    private boolean stopped;
    private int depth;
    private String lastReply;

    /** The message as the inspector receives it, for its attachments; null when nobody inspects. */
    private java.io.ByteArrayOutputStream message;
    private final org.hyakuyobako.proto.AppInspector inspector;

    public SmtpSession(ConnectionRef conn, Consumer<Event> emit) {
        this(conn, emit, org.hyakuyobako.proto.AppInspector.NONE);
    }

    public SmtpSession(ConnectionRef conn, Consumer<Event> emit, org.hyakuyobako.proto.AppInspector inspector) {
        super(conn, emit, MAX_LINE, "SMTP");
        this.inspector = inspector;
    }

    @Override
    protected void clientLine(String line) {
        if (stopped) {
            return;
        }
        if (inData) {
            dataLine(line);
            return;
        }
        int space = line.indexOf(' ');
        String verb = (space < 0 ? line : line.substring(0, space)).toUpperCase(Locale.ROOT);
        String arg = space < 0 ? "" : line.substring(space + 1).strip();
        switch (verb) {
            case "HELO", "EHLO" -> helo = arg;
            case "AUTH" -> auth = arg.split(" ", 2)[0].toUpperCase(Locale.ROOT);
            case "MAIL" -> {
                if (mailFrom != null || !rcptTo.isEmpty()) {
                    finishMail();
                }
                mailFrom = address(arg);
            }
            case "RCPT" -> {
                if (rcptTo.size() < MAX_RECIPIENTS) {
                    rcptTo.add(address(arg));
                }
            }
            case "DATA" -> {
                inData = true;
                inMessageHeaders = true;
                dataBytes = 0;
                message = inspector.wantsMailFiles() ? new java.io.ByteArrayOutputStream() : null;
            }
            case "RSET" -> reset();
            case "STARTTLS" -> tls = true;
            default -> {
            }
        }
    }

    private void dataLine(String line) {
        if (line.equals(".")) {
            inData = false;
            awaitingDataReply = true;
            inspectFiles();
            return;
        }
        if (message != null && message.size() < MESSAGE_LIMIT) {
            // RFC 5321 dot-stuffing: a line starting with "." was sent with one more.
            String unstuffed = line.startsWith("..") ? line.substring(1) : line;
            byte[] bytes = unstuffed.getBytes(java.nio.charset.StandardCharsets.ISO_8859_1);
            message.write(bytes, 0, bytes.length);
            message.write('\r');
            message.write('\n');
        }
        dataBytes += line.length() + 2;
        if (dataBytes > DATA_HEADERS_BYTES) {
            return;
        }
        String lower = line.toLowerCase(Locale.ROOT);
        if (inMessageHeaders && line.isEmpty()) {
            inMessageHeaders = false;
        } else if (inMessageHeaders && subject == null && lower.startsWith("subject:")) {
            subject = utf8IfValid(line.substring(8).strip());
        }
        // MIME part headers anywhere in the first bytes: the type, then the name it is sent under.
        if (lower.startsWith("content-type:")) {
            pendingContentType = line.substring(13).strip().split(";", 2)[0].strip();
        }
        int name = lower.indexOf("name=");
        if (name >= 0 && attachments.size() < MAX_ATTACHMENTS
                && (lower.startsWith("content-type:") || lower.startsWith("content-disposition:") || line.startsWith("\t") || line.startsWith(" "))) {
            String file = utf8IfValid(line.substring(name + 5).strip().replace("\"", ""));
            int semi = file.indexOf(';');
            file = semi >= 0 ? file.substring(0, semi) : file;
            String entry = (pendingContentType == null ? "" : pendingContentType + " ") + file;
            if (!attachments.contains(entry)) {
                attachments.add(entry);
            }
        }
    }

    private void inspectFiles() {
        if (message == null) {
            return;
        }
        for (MailFiles.File f : MailFiles.extract(message.toByteArray(), MESSAGE_LIMIT)) {
            inspector.mailFile(conn, f.name(), f.content(), now);
        }
        message = null;
    }

    @Override
    protected void serverLine(String line) {
        if (stopped || line.length() < 3) {
            return;
        }
        boolean last = line.length() == 3 || line.charAt(3) == ' ';
        if (!last) {
            return;     // a multi-line reply: its last line carries the outcome
        }
        lastReply = line;
        if (awaitingDataReply) {
            awaitingDataReply = false;
            finishMail();
        }
        if (tls && line.startsWith("220")) {
            stopped = true;     // the rest of the connection is TLS
        }
    }

    /**
     * Whether the server accepted STARTTLS: the rest of the connection is a TLS handshake and then
     * ciphertext, which this session no longer reads.
     */
    public boolean encrypted() {
        return tls && stopped;
    }

    private void finishMail() {
        if (mailFrom == null && rcptTo.isEmpty()) {
            return;
        }
        depth++;
        emit.accept(new SmtpEvent(now, conn, depth, helo, auth, mailFrom, List.copyOf(rcptTo), subject, List.copyOf(attachments),
                lastReply, tls));
        reset();
    }

    private void reset() {
        mailFrom = null;
        rcptTo.clear();
        subject = null;
        attachments.clear();
        pendingContentType = null;
        inData = false;
    }

    /** The connection ended: a mail in progress is logged as far as it got. */
    public void close() {
        if (!stopped) {
            finishMail();
        }
    }

    /**
     * Lines are read as ISO-8859-1 (every byte kept); header text that is valid UTF-8 (RFC 6532 mail,
     * or a client that ignores RFC 2047) is shown as UTF-8.
     */
    static String utf8IfValid(String latin1) {
        byte[] bytes = latin1.getBytes(java.nio.charset.StandardCharsets.ISO_8859_1);
        try {
            return java.nio.charset.StandardCharsets.UTF_8.newDecoder()
                    .onMalformedInput(java.nio.charset.CodingErrorAction.REPORT)
                    .decode(java.nio.ByteBuffer.wrap(bytes)).toString();
        } catch (java.nio.charset.CharacterCodingException e) {
            return latin1;
        }
    }

    /** {@code FROM:<a@b> SIZE=1} → {@code a@b}. */
    static String address(String arg) {
        int open = arg.indexOf('<');
        int close = arg.indexOf('>', open + 1);
        if (open >= 0 && close > open) {
            return arg.substring(open + 1, close);
        }
        int colon = arg.indexOf(':');
        String rest = colon >= 0 ? arg.substring(colon + 1).strip() : arg;
        int space = rest.indexOf(' ');
        return space >= 0 ? rest.substring(0, space) : rest;
    }
}
