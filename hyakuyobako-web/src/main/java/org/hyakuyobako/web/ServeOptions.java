package org.hyakuyobako.web;

import java.net.InetAddress;
import java.net.UnknownHostException;
import java.nio.file.Path;

/**
 * How {@code serve} runs: the result directory of an {@code analyze} run, the address and port to
 * listen on (port 0: any free one), and the access token, required when the address is not a
 * loopback address (anyone on the network could otherwise read the findings).
 */
public record ServeOptions(Path dir, String bind, int port, String token) {
    public static final String LOOPBACK = "127.0.0.1";
    /** Long enough that guessing it over HTTP is hopeless. */
    public static final int MIN_TOKEN_LENGTH = 16;

    public ServeOptions {
        if (token != null && token.length() < MIN_TOKEN_LENGTH) {
            throw new IllegalArgumentException("the token must have at least " + MIN_TOKEN_LENGTH + " characters");
        }
        if (token != null && !token.chars().allMatch(ch -> ch < 128 && (Character.isLetterOrDigit(ch) || "-._~".indexOf(ch) >= 0))) {
            // It travels in a URL and a cookie: only characters that need no escaping in either.
            throw new IllegalArgumentException("the token may hold only letters, digits and - . _ ~");
        }
        if (!isLoopback(bind) && token == null) {
            throw new IllegalArgumentException("--bind " + bind + " exposes the results beyond this machine: give --token "
                    + "(at least " + MIN_TOKEN_LENGTH + " characters) or the HYAKUYOBAKO_TOKEN environment variable");
        }
    }

    /** True for 127.0.0.0/8, ::1 and names resolving only there (localhost). */
    public static boolean isLoopback(String bind) {
        try {
            for (InetAddress a : InetAddress.getAllByName(bind)) {
                if (!a.isLoopbackAddress()) {
                    return false;
                }
            }
            return true;
        } catch (UnknownHostException e) {
            throw new IllegalArgumentException("--bind " + bind + ": not an address of this machine");
        }
    }
}
