package org.hyakuyobako.event;

/** A C&C server as events name it: address, port and application protocol ("irc", "tls", "http", "unknown"). */
public record CncEndpoint(String ip, int port, String proto) {
}
