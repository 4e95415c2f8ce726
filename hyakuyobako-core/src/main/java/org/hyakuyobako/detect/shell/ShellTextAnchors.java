package org.hyakuyobako.detect.shell;

import java.util.List;
import java.util.Locale;

/**
 * A cheap first look before the regular expressions of {@link ShellBanner} and {@link ShellCommands}:
 * every pattern there needs one of these words, so text (or binary) without any of them cannot
 * match. Every connection no parser reads passes here (on a honeypot, every exploit payload): the
 * full reading cost about 0.2 ms per connection, this look a few microseconds.
 */
final class ShellTextAnchors {
    /** Words the banner and command patterns need, lower case; keep in step with those patterns. */
    static final List<String> ANCHORS = List.of("microsoft", ":\\", "sh-", "busybox", "tftp", "ftp", "echo", "://", "wget", "curl",
            "certutil", "bitsadmin", "mshta", "regsvr32", "download", "invoke-webrequest", "iwr", "webclient", "fetch", "start",
            "cmd", ".exe", ".bat", ".vbs", ".ps1", ".scr", "chmod", "./");

    private ShellTextAnchors() {
    }

    static boolean mayHold(String text) {
        if (text.isEmpty()) {
            return false;
        }
        String lower = text.toLowerCase(Locale.ROOT);
        for (String a : ANCHORS) {
            if (lower.contains(a)) {
                return true;
            }
        }
        return false;
    }
}
