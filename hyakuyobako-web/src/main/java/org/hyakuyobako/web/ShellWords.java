package org.hyakuyobako.web;

/** Quoting for a command line shown to the user: file names and sensor names come from users and captures. */
final class ShellWords {
    private ShellWords() {
    }

    /** The word itself when it is plain, else single-quoted with embedded quotes escaped (POSIX sh). */
    static String quote(String word) {
        if (!word.isEmpty() && word.chars().allMatch(ch -> Character.isLetterOrDigit(ch) || "@%+=:,./-_".indexOf(ch) >= 0)) {
            return word;
        }
        return "'" + word.replace("'", "'\\''") + "'";
    }
}
