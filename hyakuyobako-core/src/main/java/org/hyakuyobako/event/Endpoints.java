package org.hyakuyobako.event;

/**
 * Writing and reading {@code address:port} as evidence peers and C&C names carry them. IPv6
 * addresses are bracketed ({@code [2001:db8::1]:6667}, RFC 3986) so the port stays unambiguous.
 */
public final class Endpoints {
    private Endpoints() {
    }

    public static String format(String ip, int port) {
        return ip.indexOf(':') >= 0 ? "[" + ip + "]:" + port : ip + ":" + port;
    }

    /** The address part of a peer: {@code 192.0.2.1:80} and {@code 192.0.2.1} give 192.0.2.1. */
    public static String address(String peer) {
        if (peer.startsWith("[")) {
            int close = peer.indexOf(']');
            return close < 0 ? peer : peer.substring(1, close);
        }
        int colon = peer.indexOf(':');
        // More than one colon without brackets is a bare IPv6 address.
        return colon < 0 || peer.indexOf(':', colon + 1) >= 0 ? peer : peer.substring(0, colon);
    }

    /** The port of a peer, or -1 when it names none. */
    public static int port(String peer) {
        int colon = peer.lastIndexOf(':');
        boolean hasPort = peer.startsWith("[") ? peer.indexOf("]:") > 0 : colon > 0 && peer.indexOf(':') == colon;
        if (!hasPort) {
            return -1;
        }
        try {
            return Integer.parseInt(peer.substring(colon + 1));
        } catch (NumberFormatException e) {
            return -1;
        }
    }
}
