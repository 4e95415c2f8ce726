package org.hyakuyobako.action;

import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.UUID;

/**
 * RFC 4122 version 5 (name-based, SHA-1) UUIDs, so that exporting the same findings twice gives
 * the same STIX ids and MISP uuids: a receiving platform then updates its copy instead of piling
 * up duplicates. Java only ships version 3 (MD5); STIX 2.1 asks for version 5 where ids are
 * derived from content.
 */
public final class NameBasedUuid {
    /**
     * Hyakuyobako's namespace: the version 5 UUID of the name
     * {@code https://github.com/hyakuyobako/hyakuyobako/ids} in RFC 4122's URL namespace
     * (6ba7b811-9dad-11d1-80b4-00c04fd430c8). Every SDO, relationship, MISP event and attribute
     * id is derived from it and a name like {@code indicator|ADDRESS|192.0.2.66|6667}.
     */
    public static final UUID HYAKUYOBAKO = of(UUID.fromString("6ba7b811-9dad-11d1-80b4-00c04fd430c8"),
            "https://github.com/hyakuyobako/hyakuyobako/ids");
    /** The namespace STIX 2.1 (section 2.9) fixes for the ids of cyber-observable objects. */
    public static final UUID STIX_OBSERVABLES = UUID.fromString("00abedb4-aa42-466c-9c01-fed23315a9b7");

    private NameBasedUuid() {
    }

    /** The version 5 UUID of {@code name} (UTF-8) in {@code namespace}. */
    public static UUID of(UUID namespace, String name) {
        MessageDigest sha1;
        try {
            sha1 = MessageDigest.getInstance("SHA-1");
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("every Java runtime has SHA-1", e);
        }
        ByteBuffer ns = ByteBuffer.allocate(16);
        ns.putLong(namespace.getMostSignificantBits()).putLong(namespace.getLeastSignificantBits());
        sha1.update(ns.array());
        byte[] hash = sha1.digest(name.getBytes(StandardCharsets.UTF_8));
        hash[6] = (byte) ((hash[6] & 0x0F) | 0x50); // version 5
        hash[8] = (byte) ((hash[8] & 0x3F) | 0x80); // RFC 4122 variant
        ByteBuffer b = ByteBuffer.wrap(hash, 0, 16);
        return new UUID(b.getLong(), b.getLong());
    }

    /** The version 5 UUID of {@code name} in Hyakuyobako's namespace. */
    public static UUID of(String name) {
        return of(HYAKUYOBAKO, name);
    }
}
