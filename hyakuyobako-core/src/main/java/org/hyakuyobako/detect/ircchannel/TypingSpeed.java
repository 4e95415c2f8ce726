package org.hyakuyobako.detect.ircchannel;

/**
 * How fast a person can answer a chat line: read it and react (about a second), then type at most
 * about ten characters a second (a 100-words-a-minute typist). A reply that arrives sooner was
 * made by a program: a bot answering its herder, or a client script (seed 001: "replies faster
 * than chat", チャット通信とは思われないレスポンスの速い通信).
 */
final class TypingSpeed {
    static final long REACTION_NANOS = 1_000_000_000L;
    static final long NANOS_PER_CHAR = 100_000_000L;

    private TypingSpeed() {
    }

    /** The least time a person needs to answer with {@code chars} characters. */
    static long humanMinimumNanos(int chars) {
        return REACTION_NANOS + chars * NANOS_PER_CHAR;
    }

    static boolean fasterThanAPerson(long delayNanos, int chars) {
        return delayNanos >= 0 && delayNanos < humanMinimumNanos(chars);
    }
}
