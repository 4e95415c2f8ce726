package org.hyakuyobako.proto.irc;

import java.util.ArrayList;
import java.util.List;

/**
 * One IRC message (RFC 1459/2812 section 2.3): optional {@code :prefix}, a command (letters or a
 * three-digit numeric) and up to 15 parameters, the last one possibly {@code :trailing}. Runs of
 * spaces are tolerated, as real servers and bots send them, and IRCv3 {@code @tags} are skipped.
 */
public record IrcMessage(String prefix, String command, List<String> params) {
    static final int MAX_PARAMS = 15;

    /** Parses a line without its line ending; null when there is no valid command. */
    public static IrcMessage parse(String line) {
        int i = 0;
        int n = line.length();
        while (i < n && line.charAt(i) == ' ') {
            i++;
        }
        if (i < n && line.charAt(i) == '@') {
            // IRCv3 message tags (@key=value;... ) precede the prefix; Twitch and modern servers send them.
            int end = line.indexOf(' ', i);
            if (end < 0) {
                return null;
            }
            i = end;
            while (i < n && line.charAt(i) == ' ') {
                i++;
            }
        }
        String prefix = null;
        if (i < n && line.charAt(i) == ':') {
            int end = line.indexOf(' ', i);
            if (end < 0) {
                return null;
            }
            prefix = line.substring(i + 1, end);
            i = end;
        }
        while (i < n && line.charAt(i) == ' ') {
            i++;
        }
        int end = line.indexOf(' ', i);
        String command = end < 0 ? line.substring(i) : line.substring(i, end);
        if (!validCommand(command)) {
            return null;
        }
        List<String> params = new ArrayList<>();
        i = end < 0 ? n : end;
        while (i < n && params.size() < MAX_PARAMS) {
            while (i < n && line.charAt(i) == ' ') {
                i++;
            }
            if (i >= n) {
                break;
            }
            if (line.charAt(i) == ':') {
                params.add(line.substring(i + 1));
                break;
            }
            int e = line.indexOf(' ', i);
            params.add(e < 0 ? line.substring(i) : line.substring(i, e));
            i = e < 0 ? n : e;
        }
        return new IrcMessage(prefix, command.toUpperCase(java.util.Locale.ROOT), List.copyOf(params));
    }

    static boolean validCommand(String c) {
        if (c.length() == 3 && Character.isDigit(c.charAt(0)) && Character.isDigit(c.charAt(1)) && Character.isDigit(c.charAt(2))) {
            return true;
        }
        if (c.isEmpty() || c.length() > 32) {
            return false;
        }
        for (int i = 0; i < c.length(); i++) {
            char ch = c.charAt(i);
            if (!((ch >= 'A' && ch <= 'Z') || (ch >= 'a' && ch <= 'z'))) {
                return false;
            }
        }
        return true;
    }

    /** The nick part of a {@code nick!user@host} prefix. */
    public String prefixNick() {
        if (prefix == null) {
            return null;
        }
        int bang = prefix.indexOf('!');
        return bang < 0 ? prefix : prefix.substring(0, bang);
    }

    public String param(int i) {
        return i < params.size() ? params.get(i) : null;
    }
}
