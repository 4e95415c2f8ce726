package org.hyakuyobako.proto.tls;

/**
 * A ServerHello's version, chosen cipher and extensions (offsets into the body, as
 * {@link ClientHello}): version (2), random (32), session id (1 + n), cipher suite (2),
 * compression (1), then optionally extensions (2 + n). TLS 1.3 servers keep 1.2 in the legacy
 * field and name 1.3 in supported_versions.
 */
final class ServerHello {
    final byte[] body;
    final int legacyVersion;
    final int cipher;
    final int extensionsStart;
    final int extensionsEnd;
    /** supported_versions' selected version, 0 when absent. */
    final int selectedVersion;

    private ServerHello(byte[] body, int legacyVersion, int cipher, int extensionsStart, int extensionsEnd, int selectedVersion) {
        this.body = body;
        this.legacyVersion = legacyVersion;
        this.cipher = cipher;
        this.extensionsStart = extensionsStart;
        this.extensionsEnd = extensionsEnd;
        this.selectedVersion = selectedVersion;
    }

    /** The version that was agreed: supported_versions' when present, else the legacy field. */
    int version() {
        return selectedVersion != 0 ? selectedVersion : legacyVersion;
    }

    /** Null when a length runs past its container. */
    static ServerHello parse(byte[] b) {
        int n = b.length;
        int p = 2 + 32;
        if (p + 1 > n) {
            return null;
        }
        p += 1 + (b[p] & 0xFF);
        if (p + 3 > n) {
            return null;
        }
        int cipher = u16(b, p);
        p += 3;
        int start = p;
        int end = p;
        if (p < n) {
            if (p + 2 > n || p + 2 + u16(b, p) > n) {
                return null;
            }
            start = p + 2;
            end = start + u16(b, p);
        }
        int selected = 0;
        for (int q = start; q < end; ) {
            if (q + 4 > end || q + 4 + u16(b, q + 2) > end) {
                return null;
            }
            if (u16(b, q) == ClientHello.SUPPORTED_VERSIONS && u16(b, q + 2) == 2 && selected == 0) {
                selected = u16(b, q + 4);
            }
            q += 4 + u16(b, q + 2);
        }
        return new ServerHello(b, u16(b, 0), cipher, start, end, selected);
    }

    private static int u16(byte[] b, int at) {
        return ((b[at] & 0xFF) << 8) | (b[at + 1] & 0xFF);
    }
}
