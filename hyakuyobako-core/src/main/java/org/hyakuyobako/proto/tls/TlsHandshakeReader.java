package org.hyakuyobako.proto.tls;

import java.nio.ByteBuffer;
import java.util.function.BiConsumer;
import org.hyakuyobako.stream.StreamConsumer;

/**
 * One direction of a TLS connection up to the end of its clear-text handshake: records (5-byte
 * headers) are cut apart, handshake records' payloads are joined (a message may span records) and
 * each handshake message is handed on whole. Reading stops at ChangeCipherSpec or application data
 * (what follows is encrypted), at an unreadable record, or after {@link #MAX_BYTES}. Hand-written:
 * the JDK's TLS engine negotiates; it does not read someone else's handshake from a capture.
 */
final class TlsHandshakeReader implements StreamConsumer {
    static final int MAX_BYTES = 64 * 1024;

    private final BiConsumer<Integer, byte[]> messages;
    private final byte[] header = new byte[5];
    private int headerLength;
    private int recordType;
    private int recordRemaining;
    private byte[] handshake = new byte[1024];
    private int handshakeLength;
    private long seen;
    private boolean done;
    private boolean encrypted;

    /** @param messages told each handshake message: its type and its body */
    TlsHandshakeReader(BiConsumer<Integer, byte[]> messages) {
        this.messages = messages;
    }

    boolean done() {
        return done;
    }

    /** Whether reading stopped because this side switched to encrypted records (ChangeCipherSpec or application data). */
    boolean encrypted() {
        return encrypted;
    }

    @Override
    public void data(ByteBuffer buffer, int offset, int n, long streamOffset) {
        int i = 0;
        while (i < n && !done) {
            if (recordRemaining == 0) {
                header[headerLength++] = buffer.get(offset + i++);
                if (headerLength == 5) {
                    headerLength = 0;
                    recordType = header[0] & 0xFF;
                    recordRemaining = ((header[3] & 0xFF) << 8) | (header[4] & 0xFF);
                    if (header[1] != 0x03 || recordType < 0x14 || recordType > 0x18 || recordRemaining > 18_432) {
                        done = true;    // not a TLS record: nothing more to read here
                    } else if (recordType == 0x14 || recordType == 0x17) {
                        done = true;    // the encrypted part begins
                        encrypted = true;
                    }
                }
                continue;
            }
            int take = Math.min(n - i, recordRemaining);
            if (recordType == 0x16) {
                append(buffer, offset + i, take);
            }
            i += take;
            recordRemaining -= take;
            seen += take;
            if (seen > MAX_BYTES) {
                done = true;
            }
        }
    }

    private void append(ByteBuffer buffer, int at, int n) {
        if (handshakeLength + n > handshake.length) {
            handshake = java.util.Arrays.copyOf(handshake, Math.min(MAX_BYTES, Math.max(handshake.length * 2, handshakeLength + n)));
            if (handshakeLength + n > handshake.length) {
                done = true;
                return;
            }
        }
        buffer.get(at, handshake, handshakeLength, n);
        handshakeLength += n;
        // Hand on every whole message; keep the start of an unfinished one.
        int p = 0;
        while (handshakeLength - p >= 4) {
            int type = handshake[p] & 0xFF;
            int length = ((handshake[p + 1] & 0xFF) << 16) | ((handshake[p + 2] & 0xFF) << 8) | (handshake[p + 3] & 0xFF);
            if (handshakeLength - p - 4 < length) {
                break;
            }
            messages.accept(type, java.util.Arrays.copyOfRange(handshake, p + 4, p + 4 + length));
            p += 4 + length;
        }
        System.arraycopy(handshake, p, handshake, 0, handshakeLength - p);
        handshakeLength -= p;
    }

    @Override
    public void gap(long streamOffset, long n) {
        done = true;    // record framing cannot be recovered inside a handshake
    }

    @Override
    public void end() {
        done = true;
    }
}
