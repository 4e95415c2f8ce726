package org.hyakuyobako.detect.irc;

import java.util.regex.Pattern;

/**
 * Nicknames that bots make up rather than people choose (seed 000): a bracketed or piped country
 * or OS tag before digits or random letters ({@code [x]IqRkpiH}, {@code JPN|425015894},
 * {@code Bot|9277}, {@code [USA|XP]4821}), long digit runs, or a hex string. Alone this is weak
 * (people pick odd nicks too), so the detector only uses it to support a command or a report.
 */
final class MachineNick {
    private static final Pattern TAGGED = Pattern.compile("^(\\[[^\\]]{1,12}\\]|[A-Za-z]{2,6}\\|)[A-Za-z0-9|\\[\\]]{4,}$");
    private static final Pattern DIGITS = Pattern.compile("^[A-Za-z_\\-]{0,6}\\d{5,}$");
    private static final Pattern HEX = Pattern.compile("^[0-9a-fA-F]{8,}$");

    private MachineNick() {
    }

    static boolean looksMachineMade(String nick) {
        if (nick == null || nick.isEmpty() || nick.length() > 30) {
            return false;
        }
        return TAGGED.matcher(nick).matches() || DIGITS.matcher(nick).matches() || HEX.matcher(nick).matches();
    }
}
