package org.hyakuyobako.proto.http;

import java.nio.ByteBuffer;

/**
 * The length of one message body as it went by (after dechunking) and its first {@link #HEAD}
 * bytes: what {@code request_body_len}, {@code response_body_len} and the body kinds are made
 * of, in bounded memory whatever the body's size.
 */
final class BodySample {
    static final int HEAD = 256;

    private final byte[] head = new byte[HEAD];
    private int headLength;
    private long length;

    void add(ByteBuffer buffer, int at, int n) {
        int take = Math.min(n, HEAD - headLength);
        if (take > 0) {
            buffer.get(at, head, headLength, take);
            headLength += take;
        }
        length += n;
    }

    long length() {
        return length;
    }

    /**
     * The kind of the body; a body the sender compressed (Content-Encoding gzip or deflate) is
     * judged on what its first bytes inflate to, as a reader of it would see it.
     */
    BodyKind kind(String contentEncoding) {
        if (contentEncoding != null && headLength > 0) {
            byte[] inflated = ContentDecoding.decode(java.util.Arrays.copyOf(head, headLength), contentEncoding, HEAD);
            if (inflated.length > 0) {
                return BodyKind.of(inflated, inflated.length, length);
            }
        }
        return BodyKind.of(head, headLength, length);
    }
}
