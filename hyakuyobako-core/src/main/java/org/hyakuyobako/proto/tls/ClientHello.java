package org.hyakuyobako.proto.tls;

import java.nio.charset.StandardCharsets;

/**
 * A ClientHello's fields that fingerprints and the server name need, found in one pass over the
 * message body and kept as offsets into it: the body is already our own copy, so the fingerprints
 * read the lists in place instead of copying them out. Every length is checked against its
 * enclosing one; a hello whose lengths disagree is not parsed at all ({@link #parse} returns null),
 * because a fingerprint of half a hello would match nothing and could mislead.
 */
final class ClientHello {
    static final int SERVER_NAME = 0x0000;
    static final int SUPPORTED_GROUPS = 0x000A;
    static final int EC_POINT_FORMATS = 0x000B;
    static final int SIGNATURE_ALGORITHMS = 0x000D;
    static final int ALPN = 0x0010;
    static final int SUPPORTED_VERSIONS = 0x002B;
    /** Longest server name kept (DNS names are at most 253 characters). */
    static final int MAX_NAME = 255;

    final byte[] body;
    final int legacyVersion;
    /** Cipher suites: 2-byte values in [cipherStart, cipherEnd). */
    final int cipherStart;
    final int cipherEnd;
    /** Extensions: type, length, data, in [extensionsStart, extensionsEnd); empty when the hello has none. */
    int extensionsStart;
    int extensionsEnd;
    /** 2-byte lists inside extensions, -1 when the extension is absent (the first occurrence counts). */
    int groupsStart = -1;
    int groupsEnd = -1;
    int signaturesStart = -1;
    int signaturesEnd = -1;
    int versionsStart = -1;
    int versionsEnd = -1;
    /** 1-byte list of EC point formats. */
    int formatsStart = -1;
    int formatsEnd = -1;
    /** The first ALPN protocol name's bytes; length 0 when there is no ALPN or it is empty. */
    int alpnStart = -1;
    int alpnLength;
    boolean hasServerName;
    int nameStart = -1;
    int nameLength;

    private ClientHello(byte[] body, int legacyVersion, int cipherStart, int cipherEnd) {
        this.body = body;
        this.legacyVersion = legacyVersion;
        this.cipherStart = cipherStart;
        this.cipherEnd = cipherEnd;
    }

    int u16(int at) {
        return ((body[at] & 0xFF) << 8) | (body[at + 1] & 0xFF);
    }

    /** The host_name of server_name, control characters as '?' (it goes into logs and HTML); null when absent. */
    String serverName() {
        if (nameStart < 0) {
            return null;
        }
        char[] name = new String(body, nameStart, Math.min(nameLength, MAX_NAME), StandardCharsets.ISO_8859_1).toCharArray();
        for (int i = 0; i < name.length; i++) {
            if (Character.isISOControl(name[i])) {
                name[i] = '?';
            }
        }
        return new String(name);
    }

    /**
     * Version (2), random (32), session id (1 + n), cipher suites (2 + n), compression methods
     * (1 + n), then optionally extensions (2 + n). Null when any length runs past its container.
     */
    static ClientHello parse(byte[] b) {
        int n = b.length;
        int p = 2 + 32;
        if (p + 1 > n) {
            return null;
        }
        p += 1 + (b[p] & 0xFF);
        if (p + 2 > n) {
            return null;
        }
        int ciphers = u16(b, p);
        p += 2;
        if ((ciphers & 1) != 0 || p + ciphers > n) {
            return null;
        }
        ClientHello h = new ClientHello(b, u16(b, 0), p, p + ciphers);
        p += ciphers;
        if (p + 1 > n) {
            return null;
        }
        p += 1 + (b[p] & 0xFF);
        if (p > n) {
            return null;
        }
        h.extensionsStart = p;
        h.extensionsEnd = p;
        if (p == n) {
            return h;   // SSLv3 and early TLS hellos have no extensions block
        }
        if (p + 2 > n || p + 2 + u16(b, p) > n) {
            return null;
        }
        h.extensionsStart = p + 2;
        h.extensionsEnd = p + 2 + u16(b, p);
        return h.readExtensions() ? h : null;
    }

    private boolean readExtensions() {
        int p = extensionsStart;
        while (p < extensionsEnd) {
            if (p + 4 > extensionsEnd) {
                return false;
            }
            int type = u16(p);
            int data = p + 4;
            int end = data + u16(p + 2);
            if (end > extensionsEnd || !readExtension(type, data, end)) {
                return false;
            }
            p = end;
        }
        return true;
    }

    /** One extension's data in [p, end): the lists we use, checked; others skipped unread. */
    private boolean readExtension(int type, int p, int end) {
        switch (type) {
            case SERVER_NAME -> {
                if (hasServerName) {
                    return true;
                }
                hasServerName = true;
                // server_name_list (2), then name_type (1, 0 = host_name), name length (2), name.
                if (p + 5 <= end && body[p + 2] == 0) {
                    int length = u16(p + 3);
                    if (p + 5 + length > end) {
                        return false;
                    }
                    nameStart = p + 5;
                    nameLength = length;
                }
                return true;
            }
            case SUPPORTED_GROUPS, SIGNATURE_ALGORITHMS -> {
                if (p + 2 > end || p + 2 + u16(p) > end || (u16(p) & 1) != 0) {
                    return false;
                }
                if (type == SUPPORTED_GROUPS && groupsStart < 0) {
                    groupsStart = p + 2;
                    groupsEnd = p + 2 + u16(p);
                } else if (type == SIGNATURE_ALGORITHMS && signaturesStart < 0) {
                    signaturesStart = p + 2;
                    signaturesEnd = p + 2 + u16(p);
                }
                return true;
            }
            case EC_POINT_FORMATS -> {
                if (p + 1 > end || p + 1 + (body[p] & 0xFF) > end) {
                    return false;
                }
                if (formatsStart < 0) {
                    formatsStart = p + 1;
                    formatsEnd = p + 1 + (body[p] & 0xFF);
                }
                return true;
            }
            case SUPPORTED_VERSIONS -> {
                if (p + 1 > end || p + 1 + (body[p] & 0xFF) > end || (body[p] & 1) != 0) {
                    return false;
                }
                if (versionsStart < 0) {
                    versionsStart = p + 1;
                    versionsEnd = p + 1 + (body[p] & 0xFF);
                }
                return true;
            }
            case ALPN -> {
                // protocol_name_list (2), then names of 1 + n bytes; the first one counts.
                if (p + 2 > end || p + 2 + u16(p) > end) {
                    return false;
                }
                if (alpnStart < 0) {
                    alpnStart = p + 3;
                    alpnLength = 0;
                    if (u16(p) > 0) {
                        int length = body[p + 2] & 0xFF;
                        if (p + 3 + length > end) {
                            return false;
                        }
                        alpnLength = length;
                    }
                }
                return true;
            }
            default -> {
                return true;
            }
        }
    }

    private static int u16(byte[] b, int at) {
        return ((b[at] & 0xFF) << 8) | (b[at + 1] & 0xFF);
    }
}
