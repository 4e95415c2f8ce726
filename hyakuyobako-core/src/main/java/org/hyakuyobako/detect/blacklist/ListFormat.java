package org.hyakuyobako.detect.blacklist;

import java.util.List;
import java.util.regex.Pattern;

/** The list formats we read, told apart by their content (never by file name). */
enum ListFormat {
    ET_RULES, CSV, IPREP, HOSTS, PLAIN;

    private static final Pattern IPREP_LINE = Pattern.compile("^[0-9a-fA-F:.]+(/\\d+)?,\\d+,\\d+\\s*$");
    private static final Pattern HOSTS_LINE = Pattern.compile("^(0\\.0\\.0\\.0|127\\.0\\.0\\.1|::1?)\\s+\\S+");

    /** Looks at the first meaningful lines. */
    static ListFormat detect(List<String> lines) {
        int seen = 0;
        for (String raw : lines) {
            String line = raw.trim();
            if (line.isEmpty()) {
                continue;
            }
            String uncommented = line.startsWith("#") ? line.substring(1).trim().toLowerCase(java.util.Locale.ROOT) : null;
            if (uncommented != null) {
                // abuse.ch and others put the CSV header in a comment.
                if (uncommented.contains(",") && (uncommented.contains("dst_ip") || uncommented.contains("dstip")
                        || uncommented.contains("ip_address") || uncommented.contains("first_seen")
                        || uncommented.contains("ja3_md5") || uncommented.startsWith("ja4,"))) {
                    return CSV;
                }
                continue;
            }
            if (line.startsWith("alert ") || line.startsWith("drop ") || line.startsWith("pass ")) {
                return ET_RULES;
            }
            if (IPREP_LINE.matcher(line).matches()) {
                return IPREP;
            }
            if (HOSTS_LINE.matcher(line).find()) {
                return HOSTS;
            }
            String lower = line.toLowerCase(java.util.Locale.ROOT);
            if (lower.contains(",") && (lower.contains("ip") || lower.contains("domain") || lower.contains("indicator")
                    || lower.contains("value") || lower.contains("ja3") || lower.contains("ja4"))) {
                return CSV;
            }
            if (++seen > 5) {
                break;
            }
        }
        return PLAIN;
    }
}
