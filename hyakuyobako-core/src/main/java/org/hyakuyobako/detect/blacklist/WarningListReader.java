package org.hyakuyobako.detect.blacklist;

import java.util.Locale;
import java.util.Set;
import com.fasterxml.jackson.databind.JsonNode;
import com.google.re2j.Pattern;
import com.google.re2j.PatternSyntaxException;
import org.hyakuyobako.net.Cidr;
import org.hyakuyobako.net.DnsNames;

/**
 * MISP warning lists (draft-dulaunoy-misp-warninglists-format: name, type, list, and optionally
 * matching_attributes) into the {@link AllowList}. A list whose matching_attributes name no
 * network attribute type (email addresses, phone numbers, hashes) is not used: it says nothing
 * about a peer. Entries that are not what the type says are skipped and counted.
 */
final class WarningListReader {
    /** MISP attribute types a network peer or name can be. */
    private static final Set<String> NETWORK_TYPES = Set.of("ip-src", "ip-dst", "ip-src|port", "ip-dst|port", "domain",
            "hostname", "domain|ip", "hostname|port", "url", "uri");
    static final int MAX_REGEXES = 1_000;

    private WarningListReader() {
    }

    static boolean looksLike(JsonNode root) {
        return root.isObject() && root.path("list").isArray() && root.path("type").isTextual() && root.has("name");
    }

    static void read(JsonNode root, String file, AllowList into, IntelReport report) {
        String type = IntelJson.text(root, "type").toLowerCase(Locale.ROOT);
        String name = IntelJson.text(root, "name");
        String list = file + (name == null ? "" : " (" + clip(name) + ")");
        JsonNode matching = root.get("matching_attributes");
        if (matching != null && matching.isArray() && !matching.isEmpty()) {
            boolean network = false;
            for (JsonNode m : matching) {
                network |= m.isTextual() && NETWORK_TYPES.contains(m.textValue());
            }
            if (!network) {
                report.skip(file, null, "warning list for no network attribute type");
                return;
            }
        }
        if (!Set.of("cidr", "hostname", "string", "substring", "regex").contains(type)) {
            report.skip(file, null, "warning list type not supported");
            return;
        }
        int line = 0;
        int regexes = 0;
        for (JsonNode item : root.get("list")) {
            line++;
            if (!item.isTextual() || item.textValue().isBlank() || item.textValue().length() > 2048) {
                report.skip(file, "list[" + (line - 1) + "]", "warning-list entry not a short string");
                continue;
            }
            String value = item.textValue().trim();
            ListEntry entry = new ListEntry(list, "allow", value, 1.0, line);
            switch (type) {
                case "cidr" -> {
                    try {
                        into.addPrefix(Cidr.parse(value), entry);
                        report.loadedAllowEntry();
                    } catch (IllegalArgumentException e) {
                        report.skip(file, "list[" + (line - 1) + "]", "warning-list entry not an address or prefix");
                    }
                }
                case "hostname" -> {
                    String host = value.startsWith(".") ? value.substring(1) : value;
                    if (DnsNames.isHostName(host) || isSingleLabel(host)) {
                        into.addDomain(host, entry);
                        report.loadedAllowEntry();
                    } else if (DnsNames.isAddressLiteral(host)) {
                        into.addPrefix(Cidr.parse(host), entry);
                        report.loadedAllowEntry();
                    } else {
                        report.skip(file, "list[" + (line - 1) + "]", "warning-list entry not a host name");
                    }
                }
                case "string" -> {
                    if (DnsNames.isAddressLiteral(value)) {
                        into.addPrefix(Cidr.parse(value), entry);
                    } else {
                        into.addExact(value, entry);
                    }
                    report.loadedAllowEntry();
                }
                case "substring" -> {
                    into.addSubstring(value, entry);
                    report.loadedAllowEntry();
                }
                default -> {
                    Pattern p = regex(value);
                    if (p == null || ++regexes > MAX_REGEXES) {
                        report.skip(file, "list[" + (line - 1) + "]", "warning-list regex not supported");
                    } else {
                        into.addRegex(p, entry);
                        report.loadedAllowEntry();
                    }
                }
            }
        }
    }

    /** A top-level name like "com" in a hostname list (some lists carry TLDs). */
    private static boolean isSingleLabel(String s) {
        return s.matches("(?i)[a-z0-9-]{1,63}");
    }

    /** "/re/flags" as MISP writes them (flag i honoured, g ignored), or a bare pattern; null when RE2 cannot take it. */
    static Pattern regex(String text) {
        String body = text;
        int flags = 0;
        if (text.length() >= 2 && text.startsWith("/") && text.lastIndexOf('/') > 0) {
            int end = text.lastIndexOf('/');
            body = text.substring(1, end);
            String f = text.substring(end + 1);
            if (!f.matches("[gimsux]*")) {
                return null;
            }
            if (f.indexOf('i') >= 0) {
                flags |= Pattern.CASE_INSENSITIVE;
            }
        }
        try {
            return Pattern.compile(body, flags);
        } catch (PatternSyntaxException e) {
            return null;
        }
    }

    private static String clip(String s) {
        String printable = s.replaceAll("\\p{Cntrl}", "?");
        return printable.length() > 60 ? printable.substring(0, 60) + "..." : printable;
    }
}
