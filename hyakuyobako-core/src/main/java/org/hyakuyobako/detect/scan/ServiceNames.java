package org.hyakuyobako.detect.scan;

/**
 * "tcp/445", "udp/1434": made once per port and kept, since a honeypot's millions of probes would
 * otherwise build the same few thousand strings millions of times.
 */
final class ServiceNames {
    private static final String[] PROTOCOLS = {"tcp/", "udp/"};
    private final String[][] names = new String[2][65_536];

    String name(int protocol, int port) {
        String n = names[protocol][port & 0xFFFF];
        if (n == null) {
            n = PROTOCOLS[protocol] + (port & 0xFFFF);
            names[protocol][port & 0xFFFF] = n;
        }
        return n;
    }
}
