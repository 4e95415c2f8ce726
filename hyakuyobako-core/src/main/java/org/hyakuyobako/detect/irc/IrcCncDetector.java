package org.hyakuyobako.detect.irc;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.function.Consumer;
import org.hyakuyobako.detect.LruMap;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.hyakuyobako.detect.SummaryText;
import org.hyakuyobako.event.Endpoints;
import org.hyakuyobako.event.Event;
import org.hyakuyobako.event.EvidenceEvent;
import org.hyakuyobako.event.IrcEvent;

/**
 * Bot C&C analysis over {@code irc} events (D3, seed 000). Per connection it notes the bot
 * commands the server hands the client (in a topic or a PRIVMSG/NOTICE), the reports the client
 * sends back, a machine-made nick, executable URLs in commands, and joins repeated after the
 * server refused them. It emits {@code evidence} (method {@code irc}) only for combinations a
 * person chatting does not produce: a bot report; a command reaching a machine-made nick (and, apart,
 * when it fetches an executable URL); refusals ignored again and again. A command alone is not enough,
 * so channels that merely discuss bots stay quiet. Each finding is emitted once per connection.
 *
 * <p>The client of the connection is the host; the server address and port are the C&C.
 * Connection state is bounded ({@link #MAX_CONNECTIONS}, least recently used dropped).
 */
public final class IrcCncDetector implements Consumer<Event> {
    static final int MAX_CONNECTIONS = 100_000;
    static final int IGNORED_REFUSALS = 3;
    private static final Pattern EXECUTABLE_URL = Pattern.compile(
            "(?i)\\b((?:https?|ftp|tftp)://[^\\s\"'<>]{1,200}?\\.(?:exe|scr|pif|com|bat|dll|cmd|vbs))\\b");

    private final BotVocabulary vocabulary;
    private final Consumer<Event> emit;
    private final Map<String, Session> sessions = new LruMap<>(MAX_CONNECTIONS);

    public IrcCncDetector(BotVocabulary vocabulary, Consumer<Event> emit) {
        this.vocabulary = vocabulary;
        this.emit = emit;
    }

    /** What one connection has shown so far. */
    private static final class Session {
        String command;
        String commandChannel;
        String commandText;
        final List<String> reported = new ArrayList<>();
        int refusals;
        int joinsAfterRefusal;
        boolean reportEmitted;
        boolean nickEmitted;
        boolean urlEmitted;
        boolean refusalEmitted;
    }

    @Override
    public void accept(Event event) {
        if (!(event instanceof IrcEvent e)) {
            return;
        }
        String key = e.conn().sensorId() + "/" + e.conn().flowId();
        Session s = sessions.computeIfAbsent(key, k -> new Session());
        if (e.fromClient()) {
            fromClient(e, s);
        } else {
            fromServer(e, s);
        }
    }

    private void fromServer(IrcEvent e, Session s) {
        switch (e.command()) {
            case "TOPIC", "PRIVMSG", "NOTICE" -> {
                String cmd = vocabulary.command(e.addl());
                if (cmd == null) {
                    return;
                }
                if (s.command == null) {
                    s.command = cmd;
                    s.commandChannel = e.channel();
                    s.commandText = e.addl();
                }
                boolean machineNick = MachineNick.looksMachineMade(e.nick());
                if (!s.nickEmitted && machineNick) {
                    s.nickEmitted = true;
                    evidence(e, 0.6, "machine-made nick " + e.nick() + " is handed bot command '" + SummaryText.clip(e.addl(), 80) + "'"
                            + where(e.channel()));
                }
                Matcher url = EXECUTABLE_URL.matcher(e.addl());
                // An executable URL is news to share in a security channel too; only a bot's nick makes it an order.
                if (!s.urlEmitted && machineNick && url.find()) {
                    s.urlEmitted = true;
                    evidence(e, 0.7, "is handed bot command " + cmd + " fetching executable " + url.group(1) + where(e.channel()));
                }
            }
            case "471", "473", "474", "475", "465" -> s.refusals++;
            default -> {
            }
        }
    }

    private void fromClient(IrcEvent e, Session s) {
        switch (e.command()) {
            case "PRIVMSG", "NOTICE" -> {
                String report = vocabulary.report(e.addl());
                if (report != null && !s.reportEmitted) {
                    s.reportEmitted = true;
                    String after = s.command == null ? "" : " after command '" + SummaryText.clip(s.commandText, 80) + "'"
                            + where(s.commandChannel);
                    evidence(e, 0.8, "sends bot report '" + SummaryText.clip(e.addl(), 80) + "'" + where(e.channel()) + after);
                }
            }
            case "JOIN" -> {
                if (s.refusals > 0 && ++s.joinsAfterRefusal >= IGNORED_REFUSALS && !s.refusalEmitted) {
                    s.refusalEmitted = true;
                    evidence(e, 0.4, "keeps joining " + e.value() + " after the server refused " + s.refusals + " time(s)");
                }
            }
            default -> {
            }
        }
    }

    private void evidence(IrcEvent e, double score, String what) {
        String cnc = Endpoints.format(e.conn().destIp(), e.conn().destPort());
        List<String> refs = new ArrayList<>();
        refs.add("flow:" + e.conn().flowId());
        if (e.channel() != null) {
            refs.add("channel:" + e.channel());
        }
        emit.accept(new EvidenceEvent(e.timestampNanos(), e.timestampNanos(), e.conn().srcIp(), cnc, "irc", score,
                what + " (IRC C&C " + cnc + ")", refs));
    }

    private static String where(String channel) {
        return channel == null ? "" : " in " + channel;
    }
}
