package org.hyakuyobako.proto.tls;

import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;

/** A ClientHello body built field by field, for tests (GREASE included where a test puts it). */
final class HelloBytes {
    private int version = 0x0303;
    private int[] ciphers = {};
    private final List<byte[]> extensions = new ArrayList<>();
    private boolean noExtensionBlock;

    HelloBytes version(int v) {
        version = v;
        return this;
    }

    HelloBytes ciphers(int... c) {
        ciphers = c;
        return this;
    }

    HelloBytes noExtensions() {
        noExtensionBlock = true;
        return this;
    }

    HelloBytes extension(int type, byte[] data) {
        ByteArrayOutputStream e = new ByteArrayOutputStream();
        u16(e, type);
        u16(e, data.length);
        e.writeBytes(data);
        extensions.add(e.toByteArray());
        return this;
    }

    HelloBytes serverName(String name) {
        byte[] n = name.getBytes(StandardCharsets.ISO_8859_1);
        ByteArrayOutputStream d = new ByteArrayOutputStream();
        u16(d, n.length + 3);
        d.write(0);
        u16(d, n.length);
        d.writeBytes(n);
        return extension(0, d.toByteArray());
    }

    /** A list of 2-byte values behind a 2-byte length (supported_groups, signature_algorithms). */
    HelloBytes list16(int type, int... values) {
        ByteArrayOutputStream d = new ByteArrayOutputStream();
        u16(d, values.length * 2);
        for (int v : values) {
            u16(d, v);
        }
        return extension(type, d.toByteArray());
    }

    HelloBytes pointFormats(int... formats) {
        ByteArrayOutputStream d = new ByteArrayOutputStream();
        d.write(formats.length);
        for (int f : formats) {
            d.write(f);
        }
        return extension(11, d.toByteArray());
    }

    HelloBytes supportedVersions(int... versions) {
        ByteArrayOutputStream d = new ByteArrayOutputStream();
        d.write(versions.length * 2);
        for (int v : versions) {
            u16(d, v);
        }
        return extension(43, d.toByteArray());
    }

    HelloBytes alpn(String... protocols) {
        ByteArrayOutputStream list = new ByteArrayOutputStream();
        for (String p : protocols) {
            list.write(p.length());
            list.writeBytes(p.getBytes(StandardCharsets.ISO_8859_1));
        }
        ByteArrayOutputStream d = new ByteArrayOutputStream();
        u16(d, list.size());
        d.writeBytes(list.toByteArray());
        return extension(16, d.toByteArray());
    }

    HelloBytes empty(int type) {
        return extension(type, new byte[0]);
    }

    byte[] body() {
        ByteArrayOutputStream b = new ByteArrayOutputStream();
        u16(b, version);
        b.writeBytes(new byte[32]);
        b.write(0);
        u16(b, ciphers.length * 2);
        for (int c : ciphers) {
            u16(b, c);
        }
        b.write(1);
        b.write(0);
        if (!noExtensionBlock) {
            int length = extensions.stream().mapToInt(e -> e.length).sum();
            u16(b, length);
            extensions.forEach(b::writeBytes);
        }
        return b.toByteArray();
    }

    /** The body as a handshake message (type 1) in one TLS record. */
    byte[] record() {
        byte[] body = body();
        ByteArrayOutputStream r = new ByteArrayOutputStream();
        r.write(0x16);
        u16(r, 0x0301);
        u16(r, body.length + 4);
        r.write(1);
        r.write(body.length >> 16);
        u16(r, body.length & 0xFFFF);
        r.writeBytes(body);
        return r.toByteArray();
    }

    private static void u16(ByteArrayOutputStream o, int v) {
        o.write(v >> 8);
        o.write(v & 0xFF);
    }
}
