package org.hyakuyobako.net.geo;

import java.util.function.Supplier;
import org.hyakuyobako.decode.IpAddresses;
import org.hyakuyobako.net.HomeNet;

/**
 * Locates the outside addresses of a run: an address in the home net, or in space that is never
 * routed on the Internet (private, loopback, link-local, documentation, multicast, ...) gets no
 * location, whatever a table might say about it. The database is only loaded when the first
 * outside address is asked about.
 */
public final class PeerLocator {
    /** Special-purpose space (RFC 6890 and its IPv6 counterparts): no country, no AS. */
    private static final HomeNet NOT_ROUTED = HomeNet.parse(String.join(",",
            "0.0.0.0/8", "10.0.0.0/8", "100.64.0.0/10", "127.0.0.0/8", "169.254.0.0/16", "172.16.0.0/12",
            "192.0.0.0/24", "192.0.2.0/24", "192.168.0.0/16", "198.18.0.0/15", "198.51.100.0/24", "203.0.113.0/24",
            "224.0.0.0/3",
            "::/96", "::1/128", "64:ff9b:1::/48", "100::/64", "2001:db8::/32", "fc00::/7", "fe80::/10", "ff00::/8"));

    private final HomeNet homeNet;
    private final Supplier<GeoDatabase> database;
    private volatile GeoDatabase loaded;

    public PeerLocator(HomeNet homeNet, Supplier<GeoDatabase> database) {
        this.homeNet = homeNet;
        this.database = database;
    }

    /** The bundled tables, outside meaning outside {@code homeNet}. */
    public static PeerLocator bundled(HomeNet homeNet) {
        return new PeerLocator(homeNet, GeoDatabase::bundled);
    }

    /** Whether the address is a routable one outside the home net: the kind that gets a location. */
    public boolean isOutside(long hi, long lo) {
        return !homeNet.contains(hi, lo) && !NOT_ROUTED.contains(hi, lo);
    }

    /** The database, for addresses already known to be outside (see {@link #isOutside}). */
    public GeoDatabase database() {
        GeoDatabase d = loaded;
        if (d == null) {
            d = database.get();
            loaded = d;
        }
        return d;
    }

    /** Country and AS of an outside address; null for inside or unrouted addresses and unknown ones. */
    public PeerLocation locate(long hi, long lo) {
        return isOutside(hi, lo) ? database().locate(hi, lo) : null;
    }

    /** As {@link #locate(long, long)} for an address in text; null for text that is no address. */
    public PeerLocation locate(String ip) {
        if (ip == null || ip.isEmpty()) {
            return null;
        }
        long[] a;
        try {
            a = IpAddresses.parse(ip);
        } catch (IllegalArgumentException e) {
            return null;
        }
        return locate(a[0], a[1]);
    }
}
