package org.hyakuyobako.detect.sync;

/**
 * What a host's burst of new activity was, judged from its connections' outcome: the things a bot
 * is told to do (seed 000, seed 002). Scans, spam runs and floods are bot-like in themselves; a
 * download or a fan-out to rarely contacted nodes is what a person's browser does too, and counts
 * as a reaction only weakly.
 */
enum ReactionKind {
    /** Probes of three or more nodes, most unanswered, or addresses counting up: a sweep (random, sequential, internal). */
    SCAN(true, "scan"),
    /** Mail sessions to two or more mail servers: a spam run. */
    SPAM(true, "spam"),
    /** Many packets or connections to one node: a DoS. */
    FLOOD(true, "ddos"),
    /** A large inbound transfer from a node few monitored hosts ever contact (a per-bot mirror). */
    DOWNLOAD(false, "download"),
    /** New connections to three or more nodes few monitored hosts ever contact. */
    FANOUT(false, "contacted");

    /** Bot-like in itself, whoever does it. */
    final boolean strong;
    /** The name reactions of this kind carry in {@code cnc} events. */
    final String eventName;

    ReactionKind(boolean strong, String eventName) {
        this.strong = strong;
        this.eventName = eventName;
    }
}
