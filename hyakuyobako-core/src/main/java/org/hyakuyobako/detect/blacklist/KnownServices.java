package org.hyakuyobako.detect.blacklist;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.util.List;
import org.hyakuyobako.event.Endpoints;

/**
 * Known public services that every host contacts and that are never a C&C (issue 27): public DNS
 * resolvers, sinkholes, what's-my-IP services, CRL and OCSP endpoints, from the MISP warning lists
 * bundled with the product (CC0; resources {@code warninglists/}). Periodic look-ups at 8.8.8.8 or
 * certificate checks look like beacons to a timing method, and a sinkhole answers every bot of a
 * dead botnet in step; naming one of them C&C would mislead.
 */
public final class KnownServices {
    static final List<String> LISTS = List.of("public-dns-v4", "public-dns-v6", "sinkholes", "whats-my-ip", "crl-ip", "crl-hostname");
    private static volatile KnownServices bundled;

    private final AllowList list = new AllowList();

    private KnownServices() {
    }

    /** The bundled lists, read once (about 60,000 entries, a fraction of a second). */
    public static KnownServices bundled() {
        KnownServices k = bundled;
        if (k == null) {
            synchronized (KnownServices.class) {
                if (bundled == null) {
                    bundled = load();
                }
                k = bundled;
            }
        }
        return k;
    }

    private static KnownServices load() {
        KnownServices k = new KnownServices();
        ObjectMapper json = new ObjectMapper();
        IntelReport report = new IntelReport(message -> { });
        for (String name : LISTS) {
            try (InputStream in = KnownServices.class.getResourceAsStream("warninglists/" + name + ".json")) {
                if (in == null) {
                    throw new IllegalStateException("bundled warning list " + name + " is missing from the jar");
                }
                JsonNode root = json.readTree(in);
                WarningListReader.read(root, name, k.list, report);
            } catch (IOException e) {
                throw new UncheckedIOException("bundled warning list " + name + ": " + e.getMessage(), e);
            }
        }
        return k;
    }

    /** The list naming this peer ("1.1.1.1", "8.8.8.8:53", a host name) as a known public service, or null. */
    public String why(String peer) {
        if (peer == null || peer.isBlank()) {
            return null;
        }
        String address = Endpoints.address(peer);
        if (address.isEmpty()) {
            return null;
        }
        ListEntry e = Character.isDigit(address.charAt(0)) || address.indexOf(':') >= 0 ? list.address(address) : list.name(address);
        return e == null ? null : e.list();
    }

    public int size() {
        return list.size();
    }
}
