package org.hyakuyobako.simulate;

import java.util.function.LongConsumer;

/** One bot's side of its C&C channel: how it joins, gets commands and reports back. */
interface BotChannel {
    MonitoredHost bot();

    /** The bot joins its botnet at {@code at} and stays until the end of the capture. */
    void join(long at);

    /**
     * The C&C issues {@code c} at {@code at}: a push channel delivers it at once (unless the bot is
     * between two connections), a poll channel with its next answer; {@code received} is told when
     * the bot has it.
     */
    void command(BotCommand c, long at, LongConsumer received);

    /** The bot tells its C&C how the command went, at {@code at}. */
    void report(BotCommand c, long at);
}
