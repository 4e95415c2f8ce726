package org.hyakuyobako.simulate;

/**
 * How a botnet's C&C talks to its bots: pushed over a connection each bot keeps open (IRC in clear,
 * TLS-looking records, a custom encrypted framing) or fetched by polling (HTTPS, HTTP).
 */
enum ChannelKind {
    irc(true, false), tls(true, true), binary(true, true), https(false, true), http(false, false);

    /** The encrypted kinds, all a scenario of profile {@code encrypted} draws from. */
    static final ChannelKind[] ENCRYPTED = {tls, binary, https};

    /** The C&C sends commands down a connection the bot keeps open (else the bot asks for them). */
    final boolean push;
    /** The commands cannot be read from the packets. */
    final boolean encrypted;

    ChannelKind(boolean push, boolean encrypted) {
        this.push = push;
        this.encrypted = encrypted;
    }
}
