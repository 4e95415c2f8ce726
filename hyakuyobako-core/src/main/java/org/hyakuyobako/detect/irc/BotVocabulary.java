package org.hyakuyobako.detect.irc;

import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import org.hyakuyobako.config.ConfigLines;

/**
 * The words bots obey and the openings of the reports they send, from the bundled
 * {@code bot-vocabulary.txt} plus any file the user adds. Kept as a file, not code, because new
 * bot families bring new words and operators should not need a release to follow them.
 */
public final class BotVocabulary {
    private final Set<String> commands = new HashSet<>();
    /** Commands recognised even without a prefix character: words no person starts a sentence with. */
    private final Set<String> bareCommands = new HashSet<>();
    private final List<String> reports = new ArrayList<>();

    /** The bundled vocabulary. */
    public static BotVocabulary bundled() {
        BotVocabulary v = new BotVocabulary();
        ConfigLines.readBundled(BotVocabulary.class, "bot-vocabulary.txt", (t, number) -> v.line(t, number, "bot-vocabulary.txt"));
        return v;
    }

    /** Adds the entries of a user's file; a bad line is an error naming the file and line. */
    public BotVocabulary add(Path file) throws IOException {
        String name = file.toString();
        ConfigLines.read(file, (t, number) -> line(t, number, name));
        return this;
    }

    private void line(String t, int number, String name) throws IOException {
        int space = t.indexOf(' ');
        String kind = space < 0 ? t : t.substring(0, space);
        String value = space < 0 ? "" : t.substring(space + 1).strip().toLowerCase(Locale.ROOT);
        switch (value.isEmpty() ? "" : kind) {
            case "command" -> commands.add(value);
            case "bare-command" -> {
                commands.add(value);
                bareCommands.add(value);
            }
            case "report" -> reports.add(value);
            default -> throw new IOException(name + ":" + number
                    + ": expected 'command <word>', 'bare-command <word>' or 'report <text>', got: " + t);
        }
    }

    /** The bot command a topic or message carries, or null: its first word, without the command prefix. */
    public String command(String text) {
        if (text == null) {
            return null;
        }
        String t = text.strip();
        int space = t.indexOf(' ');
        String word = (space < 0 ? t : t.substring(0, space)).toLowerCase(Locale.ROOT);
        int i = 0;
        while (i < word.length() && ".!-@$~".indexOf(word.charAt(i)) >= 0) {
            i++;
        }
        word = word.substring(i);
        if (i == 0 && !bareCommands.contains(word)) {
            return null;
        }
        return commands.contains(word) ? word : null;
    }

    /** The report opening a message carries, or null. */
    public String report(String text) {
        if (text == null) {
            return null;
        }
        String head = text.length() > 40 ? text.substring(0, 40) : text;
        head = head.toLowerCase(Locale.ROOT);
        for (String r : reports) {
            if (head.contains(r)) {
                return r;
            }
        }
        return null;
    }
}
