package org.hyakuyobako.proto.http;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.util.zip.GZIPInputStream;
import java.util.zip.Inflater;
import java.util.zip.InflaterInputStream;

/**
 * A response body as the signature engine's file_data sees it: gzip and deflate undone with the
 * JDK's inflater, up to a limit (a zip bomb stops there), a truncated or corrupt stream giving what
 * could be read before the damage, and any other encoding left as it came.
 */
final class ContentDecoding {
    private ContentDecoding() {
    }

    static byte[] decode(byte[] body, String encoding, int limit) {
        if (encoding == null || body.length == 0) {
            return body;
        }
        try {
            if (encoding.contains("gzip")) {
                return read(new GZIPInputStream(new ByteArrayInputStream(body)), limit);
            }
            if (encoding.contains("deflate")) {
                // Servers send deflate with or without the zlib header; the header's first byte tells.
                boolean zlib = body.length > 1 && (body[0] & 0x0f) == 8 && ((body[0] & 0xff) << 8 | body[1] & 0xff) % 31 == 0;
                return read(new InflaterInputStream(new ByteArrayInputStream(body), new Inflater(!zlib)), limit);
            }
        } catch (IOException e) {
            return body;     // not what it said it was: match on the bytes as they came
        }
        return body;
    }

    private static byte[] read(InputStream in, int limit) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        byte[] chunk = new byte[8_192];
        try (in) {
            int n;
            while (out.size() < limit && (n = in.read(chunk, 0, Math.min(chunk.length, limit - out.size()))) > 0) {
                out.write(chunk, 0, n);
            }
        } catch (IOException e) {
            // Truncated (the capture or the body limit cut it): keep what was inflated.
        }
        return out.toByteArray();
    }
}
