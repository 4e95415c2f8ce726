package org.hyakuyobako.action;

import java.util.Comparator;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Takes the monitored hosts' addresses out of the text that goes into shared files. An
 * indicator's reason names the host that used it ("10.0.0.5 obeyed ..."); a STIX bundle or MISP
 * event leaves the organisation, and which of its machines are infected is not something to tell
 * other organisations. The C&C's address stays: that is the point of sharing.
 */
final class HostRedaction {
    static final String PLACEHOLDER = "a monitored host";
    private final Pattern hosts;

    HostRedaction(List<String> addresses) {
        List<String> sorted = addresses.stream().filter(a -> a != null && !a.isEmpty()).distinct()
                .sorted(Comparator.comparingInt(String::length).reversed()).map(Pattern::quote).toList();
        // Not part of a longer address: no address character before, no digit or hex run after.
        hosts = sorted.isEmpty() ? null
                : Pattern.compile("(?<![0-9A-Za-z.:])(?:" + String.join("|", sorted) + ")(?![0-9A-Za-z]|\\.[0-9]|:[0-9A-Fa-f]*:)");
    }

    String apply(String text) {
        if (text == null || hosts == null) {
            return text;
        }
        return hosts.matcher(text).replaceAll(Matcher.quoteReplacement(PLACEHOLDER));
    }
}
