package org.hyakuyobako.detect.shell;

import java.util.regex.Pattern;

/**
 * The signs that one side of a connection is a command interpreter: the Windows console banner or
 * a drive-letter prompt ("C:\WINNT\system32>"), which Blaster's and Sasser's bind shells and every
 * netcat-served cmd.exe print; or a Unix shell announcing itself. Read from the bytes that side sent.
 */
final class ShellBanner {
    private static final Pattern WINDOWS = Pattern.compile(
            "Microsoft Windows(?: XP| 2000| NT)? \\[Version [0-9.]{1,20}\\]|\\(C\\) Copyright 1985-20\\d\\d Microsoft Corp"
                    + "|(?:^|[\\r\\n])[A-Za-z]:\\\\[^\\r\\n<>|\"*?]{0,200}>");
    private static final Pattern UNIX = Pattern.compile("(?:^|[\\r\\n])(?:sh|bash)-\\d\\.\\d{1,2}[$#] |(?:^|[\\r\\n])BusyBox v\\d");

    private ShellBanner() {
    }

    /** "a Windows command prompt", "a Unix shell", or null. */
    static String of(String text) {
        if (WINDOWS.matcher(text).find()) {
            return "a Windows command prompt";
        }
        if (UNIX.matcher(text).find()) {
            return "a Unix shell";
        }
        return null;
    }
}
